/**
 * `npm run bench:wait [-- --quick] [-- --host-only]`: how long a cheap request
 * waits in browser mode while a long one runs, served two ways in one run: as
 * before the corpus host (every request on the serving thread, uploads read
 * and searches in budgeted threads) and through the corpus host, as `serve`
 * and the Electron shell now serve it. Each on a fresh copy of the
 * 1,000-article scale corpus (1,540 annotations waiting for the matcher,
 * 20,000 in all, 53,000 links), the background refresher running; a probe asks
 * for `history.state` every 20 ms over HTTP and times each answer from the
 * moment it was due (so a timer held up by a busy thread counts too). Printed
 * per scenario: idle, a suggestion refresh job, the links CSV export, the Web
 * Annotation export, and imports of 1 MB files; the target is the worst wait ≤ 100 ms.
 *
 * With CROSSCHECK_WAIT_TRACE=<file> set, every thread records where its time
 * went (main/api/waitTrace.ts) and each scenario's longest waits are printed
 * step by step, with the stalls and collections of every thread during them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../main/api/session.ts';
import { startCorpusHost } from '../../main/api/corpusHost.ts';
import { createAsyncDispatch } from '../../main/api/dispatch.ts';
import { createOffThreadDispatch } from '../../main/api/offThread.ts';
import { scheduleSuggestionRefresh } from '../../main/api/suggestionRefreshSchedule.ts';
import { FLUSH_MS, waitTrace } from '../../main/api/waitTrace.ts';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../main/server/httpServer.ts';
import { RENDERER_DIR } from '../helpers/browser.ts';
import { seededRandom } from './random.ts';
import { median, percentile, reportFigures, type Figure } from './report.ts';
import { scaleCorpusCopy } from './scale/scaleCorpus.ts';

const quick = process.argv.includes('--quick');
const PROBE_EVERY_MS = 20;
const LONGEST_SCENARIO_MS = quick ? 8_000 : 20_000;
const IMPORTS = quick ? 3 : 8;
const log = (line: string) => console.log(line);

/** How the app is served: as before the corpus host (every request on the serving thread), or through it, as `serve` and Electron now do. */
type Serving = 'served on the serving thread' | 'served by the corpus host';
const SERVINGS: Serving[] = process.argv.includes('--host-only')
  ? ['served by the corpus host']
  : ['served on the serving thread', 'served by the corpus host'];

/** One probe's moments, in wall-clock ms (as waitTrace records them). */
type Probe = { due: number; sent: number; received: number };
const wall = (at: number) => performance.timeOrigin + at;
if (waitTrace) waitTrace.watchThread('serving');

const figures: Figure[] = [];
for (const serving of SERVINGS) {
  log(`${serving}:`);
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-wait-'));
  try {
    await probeScenarios(serving, scaleCorpusCopy(1_000, dir, log));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startApp(serving: Serving, file: string): Promise<{ server: RunningServer; close(): Promise<void> }> {
  const session = openSession({ dbPath: file, actor: 'bench' });
  if (serving === 'served on the serving thread') {
    // As `serve` did before the host: uploads read and searches run in budgeted threads, everything else here.
    const offThread = createOffThreadDispatch({ dispatch: session.dispatch, db: session.db, actor: session.actor });
    const server = await startServer({
      dispatch: createAsyncDispatch(session.handlers, offThread.dispatch),
      dispatchBody: offThread.dispatchBody,
      downloads: session.downloads,
      staticDir: RENDERER_DIR,
    });
    const refresher = scheduleSuggestionRefresh(session.db);
    return { server, close: async () => void (await server.close(), await offThread.close(), await refresher.stop(), session.close()) };
  }
  // As `serve` does: the corpus opened here first, then every request answered by the host's workers.
  const host = await startCorpusHost({ dbPath: file, actor: 'bench', refreshSuggestions: true });
  const dispatch: typeof host.dispatch = !waitTrace
    ? host.dispatch
    : async (method, input) => {
        const handedOver = waitTrace!.now();
        const result = await host.dispatch(method, input);
        if (method === 'history.state') waitTrace!.record({ kind: 'hand-over', thread: 'serving', method, handedOver, answered: waitTrace!.now() });
        return result;
      };
  const server = await startServer({ dispatch, dispatchBody: host.dispatchBody, downloads: host.downloads, staticDir: RENDERER_DIR });
  return { server, close: async () => void (await server.close(), await host.close(), session.close()) };
}

async function probeScenarios(serving: Serving, file: string): Promise<void> {
  const app = await startApp(serving, file);
  const { server } = app;
  const headers = { [TOKEN_HEADER]: server.token, 'content-type': 'application/json' };
  /**
   * A request sent on a kept-alive connection the server closes at that very
   * moment (its idle timer fires late behind a busy thread) fails with a reset
   * before the server read it: it is sent again, and its wait counts both tries.
   */
  const fetchOnce = async (url: URL, init: RequestInit): Promise<Response> => {
    try {
      return await fetch(url, init);
    } catch (error) {
      const code = ((error as { cause?: { code?: string } }).cause ?? {}).code;
      if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
      return fetch(url, init);
    }
  };
  const call = async (method: string, input: unknown) => {
    const response = await fetchOnce(new URL(`/api/${method}`, server.url), { method: 'POST', headers, body: JSON.stringify(input) });
    const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.value as Record<string, unknown>;
  };
  /** Probes until `work` settles; each wait runs from when the probe was due to its answer. */
  const probeWhile = async (name: string, work: Promise<unknown>) => {
    let finished = false;
    const done = work.finally(() => (finished = true));
    const waits: number[] = [];
    const until = performance.now() + LONGEST_SCENARIO_MS;
    let due = performance.now();
    const probes: Probe[] = [];
    while (!finished && performance.now() < until) {
      due += PROBE_EVERY_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      const sent = performance.now();
      await call('history.state', {});
      waits.push(performance.now() - due);
      if (waitTrace) probes.push({ due: wall(due), sent: wall(sent), received: wall(performance.now()) });
      if (performance.now() > due + PROBE_EVERY_MS) due = performance.now();
    }
    await done;
    figures.push({
      name: `probe wait, ${serving}: ${name}`,
      unit: 'ms',
      value: Math.max(...waits),
      basis: 'peak',
      median: median(waits),
      p95: percentile(waits, 95),
      runs: waits.length,
      target: name === 'nothing else running' ? undefined : { op: '<=', value: 100 },
    });
    log(`  ${name}: ${waits.length} probes, worst ${Math.max(...waits).toFixed(0)} ms`);
    if (waitTrace) {
      // Every thread's lines reach the file within a few flushes.
      await new Promise((resolve) => setTimeout(resolve, 4 * FLUSH_MS));
      explainLongestWaits(probes);
    }
  };
  try {
    await probeWhile('nothing else running', new Promise((resolve) => setTimeout(resolve, 3_000)));

    const job = await call('jobs.start', { kind: 'suggestions.refresh' });
    const jobEnds = (async () => {
      const stopAt = performance.now() + LONGEST_SCENARIO_MS;
      for (;;) {
        const status = await call('jobs.status', { id: job.id });
        if (status.state !== 'running') return status;
        if (performance.now() > stopAt) await call('jobs.cancel', { id: job.id });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    await probeWhile('a suggestion refresh job', jobEnds);

    const download = async (path: string) => {
      const response = await fetchOnce(new URL(path, server.url), { headers: { [TOKEN_HEADER]: server.token } });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      let bytes = 0;
      const reader = response.body!.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.length;
      return bytes;
    };
    await probeWhile('the links CSV export', download('/export/links.csv'));
    await probeWhile('the Web Annotation export', download('/export/annotations.jsonld'));

    // The files are made before the probes start: made between the imports, on this thread (which serves
    // and probes too), they held the probe up to 100 ms each (the trace's "timer late" and "read+handed").
    const random = seededRandom(5);
    const files = Array.from({ length: IMPORTS }, (_, i) => {
      const words = Array.from({ length: 160_000 }, () => `w${Math.floor(random() * 20_000)}`);
      return { fileName: `wait-${i}.txt`, contentBase64: Buffer.from(`Import ${i}\n\n${words.join(' ')}.`).toString('base64') };
    });
    const imports = (async () => {
      for (const file of files) await call('articles.import', file);
    })();
    await probeWhile(`imports of ${IMPORTS} files of about 1 MB`, imports);
  } finally {
    await app.close();
  }
}

/**
 * Prints the longest waits step by step from the trace: timer late (the
 * serving thread busy or not scheduled), request read and handed to the host,
 * crossing to the reader, answered there, back on the serving thread, and the
 * stalls and collections of every thread that overlap the wait.
 */
function explainLongestWaits(probes: Probe[]): void {
  const events = readFileSync(process.env.CROSSCHECK_WAIT_TRACE!, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, number | string | null> & { kind: string; thread: string });
  const readerAnswers = events.filter((e) => e.kind === 'message' && e.method === 'history.state');
  const handOvers = events.filter((e) => e.kind === 'hand-over');
  const longest = probes
    .map((p) => ({ ...p, wait: p.received - p.due }))
    .filter((p) => p.wait > 50)
    .sort((a, b) => b.wait - a.wait)
    .slice(0, 4);
  const ms = (from: unknown, to: unknown) => (typeof from === 'number' && typeof to === 'number' ? `${(to - from).toFixed(0)}` : '?');
  for (const probe of longest) {
    const hand = handOvers.find((h) => (h.handedOver as number) >= probe.sent && (h.answered as number) <= probe.received + 1);
    const answer =
      hand && readerAnswers.find((r) => (r.received as number) >= (hand.handedOver as number) - 1 && (r.posted as number) <= (hand.answered as number) + 1);
    log(
      `    wait ${probe.wait.toFixed(0)} ms: timer late ${ms(probe.due, probe.sent)}, read+handed ${ms(probe.sent, hand?.handedOver)}, ` +
        `to reader ${ms(hand?.handedOver, answer?.received)}, in reader ${ms(answer?.received, answer?.done)} (ran ${Number(answer?.ranMs ?? NaN).toFixed(0)}, queued ${Number(answer?.queuedMs ?? NaN).toFixed(0)}), ` +
        `post ${ms(answer?.done, answer?.posted)}, back ${ms(answer?.posted, hand?.answered)}, sent ${ms(hand?.answered, probe.received)}`,
    );
    for (const e of events) {
      if (e.kind !== 'stall' && e.kind !== 'gc') continue;
      const start = e.start as number;
      const end = e.kind === 'stall' ? (e.end as number) : start + (e.ms as number);
      if (end < probe.due || start > probe.received || (e.kind === 'gc' && (e.ms as number) < 5)) continue;
      log(
        e.kind === 'gc'
          ? `      gc in ${e.thread}: ${Number(e.ms).toFixed(0)} ms at +${(start - probe.due).toFixed(0)}`
          : `      ${e.thread} stalled ${Number(e.ms).toFixed(0)} ms at +${(start - probe.due).toFixed(0)}: ran ${Number(e.ranMs).toFixed(0)}, queued for a core ${Number(e.queuedMs).toFixed(0)}`,
      );
    }
  }
}

reportFigures('bench:wait', figures, [
  `a history.state request every ${PROBE_EVERY_MS} ms over HTTP; its wait runs from when it was due to its answer`,
  'the corpus: a fresh copy of bench:scale’s 1,000 articles with the review load for each way of serving; the background refresher runs as serve runs it',
  'served on the serving thread: as before the corpus host (bench:wait --host-only measures only the host)',
]);
