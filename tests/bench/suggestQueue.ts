/**
 * `npm run bench:queue`: the review desk's suggestion queue on the scale
 * corpus (tests/bench/scale/scaleCorpus.ts: 300 claim groups of five reports,
 * ~1,500 annotations, at CROSSCHECK_QUEUE_ARTICLES articles, default 10,000).
 *
 * Prints what one queue request used to cost (the matcher run for every
 * annotation), what filling the store costs once (annotations per second),
 * what a page of the stored queue costs (first and deep pages), a page right
 * after an edit and after a link (the store hides what they made stale), and
 * how long a cheap request waits while the refresher works in its worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../main/api/session.ts';
import { scheduleSuggestionRefresh } from '../../main/api/suggestionRefreshSchedule.ts';
import { refreshSuggestions } from '../../main/matching/suggestionRefresh.ts';
import { suggestAll } from '../../main/matching/suggestions.ts';
import { median, percentile, reportFigures, type Figure } from './report.ts';
import { scaleCorpusCopy } from './scale/scaleCorpus.ts';

const articles = Number(process.env.CROSSCHECK_QUEUE_ARTICLES ?? 10_000);
const quick = process.argv.includes('--quick');
const PAGE = 50;
const log = (line: string) => console.log(line);

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-queue-'));
const figures: Figure[] = [];
const notes: string[] = [
  `corpus: ${articles.toLocaleString('en')} articles from the scale benchmark's generator`,
  'the machine is shared: every time here is a floor on an idle machine only in the sense that it cannot be faster; load makes them slower',
];
try {
  const file = scaleCorpusCopy(articles, dir, log);
  const session = openSession({ dbPath: file, actor: 'bench' });
  const { db, dispatch } = session;
  const annotations = db.prepare('SELECT count(*) FROM annotations').pluck().get() as number;
  notes.push(`${annotations.toLocaleString('en')} annotations`);
  const call = (method: string, input: unknown) => {
    const started = performance.now();
    const answer = dispatch(method, input);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    return { ms: performance.now() - started, value: answer.value as Record<string, unknown> };
  };

  // What every view of the queue cost before it was stored: the matcher for every annotation (on a share of them in --quick).
  const sample = quick ? 100 : annotations;
  {
    const ids = db.prepare('SELECT id FROM annotations ORDER BY id LIMIT ?').pluck().all(sample) as number[];
    const started = performance.now();
    if (sample === annotations) suggestAll(db, { limit: 10 });
    else for (const id of ids) dispatch('suggestions.list', { annotationId: id, limit: 10 });
    const ms = performance.now() - started;
    const whole = (ms * annotations) / sample;
    figures.push({ name: 'queue recomputed per request (before)', unit: 's', value: whole / 1000, basis: 'single' });
    if (sample !== annotations) notes.push(`the recomputed queue is extrapolated from ${sample} annotations (--quick)`);
  }

  // Filling the store once, as the background refresher does after a migration or a matcher change.
  {
    const started = performance.now();
    const progress = refreshSuggestions(db);
    const seconds = (performance.now() - started) / 1000;
    figures.push({ name: 'fill the store (every annotation once)', unit: 's', value: seconds, basis: 'total' });
    figures.push({ name: 'refresher throughput', unit: 'per s', value: progress.refreshed / seconds, basis: 'total' });
    notes.push(`stored rows: ${(db.prepare('SELECT count(*) FROM stored_suggestions').pluck().get() as number).toLocaleString('en')}`);
  }

  const runs = quick ? 10 : 40;
  const first: number[] = [];
  const deep: number[] = [];
  for (let r = 0; r < runs; r++) {
    first.push(call('suggestions.page', { limit: PAGE }).ms);
    let after: unknown = null;
    let last = 0;
    for (let p = 0; p < 20; p++) {
      const { ms, value } = call('suggestions.page', { limit: PAGE, after });
      last = ms;
      if (!value.next) break;
      after = value.next;
    }
    deep.push(last);
  }
  figures.push({
    name: `stored queue: first page of ${PAGE}`,
    unit: 'ms',
    value: median(first),
    basis: 'median',
    median: median(first),
    p95: percentile(first, 95),
    runs,
  });
  figures.push({
    name: `stored queue: 20th page of ${PAGE}`,
    unit: 'ms',
    value: median(deep),
    basis: 'median',
    median: median(deep),
    p95: percentile(deep, 95),
    runs,
  });

  // A page right after a change: the triggers hid what it touched; a link also settles its claim group first.
  const edits: number[] = [];
  const pageAfterEdit: number[] = [];
  const links: number[] = [];
  const pair = db.prepare('SELECT a.id AS a, b.id AS b FROM annotations a, annotations b WHERE b.id = a.id + 1 LIMIT ?').all(runs) as Array<{
    a: number;
    b: number;
  }>;
  for (const { a, b } of pair) {
    const annotation = db.prepare('SELECT start, "end" FROM annotations WHERE id = ?').get(a) as { start: number; end: number };
    const started = performance.now();
    call('annotations.update', { id: a, end: annotation.end - 1 });
    const edited = performance.now();
    call('suggestions.page', { limit: PAGE });
    edits.push(performance.now() - started);
    pageAfterEdit.push(performance.now() - edited);
    const linkStarted = performance.now();
    const link = dispatch('links.create', { fromId: a, toId: b, type: 'paraphrase', status: 'confirmed' });
    call('suggestions.page', { limit: PAGE });
    if (link.ok) links.push(performance.now() - linkStarted);
  }
  figures.push({
    name: 'edit an annotation, then a page',
    unit: 'ms',
    value: median(edits),
    basis: 'median',
    median: median(edits),
    p95: percentile(edits, 95),
    runs: edits.length,
  });
  figures.push({
    name: '  of which the page',
    unit: 'ms',
    value: median(pageAfterEdit),
    basis: 'median',
    median: median(pageAfterEdit),
    p95: percentile(pageAfterEdit, 95),
    runs: pageAfterEdit.length,
  });
  if (links.length > 0)
    figures.push({
      name: 'link two annotations, then a page',
      unit: 'ms',
      value: median(links),
      basis: 'median',
      median: median(links),
      p95: percentile(links, 95),
      runs: links.length,
    });

  // A cheap request every 20 ms: how long it waits (timer lateness plus its own time), first with nothing else
  // running (what this machine's load alone costs), then while the refresher recomputes every annotation in its worker.
  const probe = async (ms: number) => {
    const probes: number[] = [];
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const sent = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const asked = performance.now();
      call('articles.page', { offset: 0, limit: 50 });
      probes.push(performance.now() - asked + Math.max(0, asked - sent - 20));
    }
    return probes;
  };
  const idle = await probe(quick ? 5_000 : 20_000);
  figures.push({
    name: 'probe request with nothing else running',
    unit: 'ms',
    value: Math.max(...idle),
    basis: 'peak',
    median: median(idle),
    p95: percentile(idle, 95),
    runs: idle.length,
  });
  db.prepare('UPDATE suggestion_sources SET matcher = NULL').run();
  const schedule = scheduleSuggestionRefresh(db, { lookEveryMs: 100 });
  const probes = await probe(quick ? 5_000 : 20_000);
  await schedule.stop();
  figures.push({
    name: 'probe request while the refresher works',
    unit: 'ms',
    target: { op: '<=', value: 100 },
    value: Math.max(...probes),
    basis: 'peak',
    median: median(probes),
    p95: percentile(probes, 95),
    runs: probes.length,
  });
  session.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
reportFigures('queue', figures, notes);
