/**
 * `npm run bench:suggest [-- --quick]`: builds a synthetic corpus of 100,000
 * articles (10,000 with --quick) with planted drifted variants, imports it
 * through the same insertArticle that keeps the word index in step, then
 * asks for suggestions for planted claims and reports speed and recall.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { overlapRatio, suggestFor } from '../../main/matching/suggestions.ts';
import { ensureMatchIndex } from '../../main/matching/termIndex.ts';
import { DRIFT_KINDS, generateDriftedCorpus } from './driftedCorpus.ts';
import { median, percentile, reportFigures, type Figure } from './report.ts';

const quick = process.argv.includes('--quick');
const articles = quick ? 10_000 : 100_000;
const queries = quick ? 100 : 200;
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-'));
try {
  let started = performance.now();
  const corpus = generateDriftedCorpus({ articles, claims: Math.max(queries, articles / 100), variantsPerClaim: 4 });
  const generateMs = performance.now() - started;

  const db = openDatabase(join(dir, 'corpus.sqlite'));
  started = performance.now();
  const BATCH = 1000;
  for (let first = 0; first < corpus.texts.length; first += BATCH) {
    // Batches share one commit, as a folder import would; each article still runs insertArticle's own transaction.
    db.transaction(() => {
      for (let i = first; i < Math.min(first + BATCH, corpus.texts.length); i++) {
        insertArticle(db, { text: corpus.texts[i]!, title: null, outlet: `Outlet ${i % 50}`, url: null, published: null, fileName: `${i}.txt` }, 'bench');
      }
    })();
  }
  const importSeconds = (performance.now() - started) / 1000;

  // The index alone: dropped and rebuilt from the stored texts.
  db.prepare("UPDATE meta SET value = 'stale' WHERE key = 'match_index_version'").run();
  started = performance.now();
  ensureMatchIndex(db);
  const indexSeconds = (performance.now() - started) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const indexPages = db.prepare("SELECT count(*) FROM dbstat WHERE name IN ('match_terms')").pluck().get() as number;
  const postings = db.prepare('SELECT count(*) FROM match_terms').pluck().get() as number;
  const fileMb = statSync(join(dir, 'corpus.sqlite')).size / 1e6;

  const latencies: number[] = [];
  const foundByDrift = new Map<string, { found: number; planted: number }>(DRIFT_KINDS.map((k) => [k, { found: 0, planted: 0 }]));
  const claims = corpus.claims.slice(0, queries);
  const query = (claim: (typeof claims)[number]) => {
    const { source } = claim;
    const annotation = createAnnotation(db, { articleId: source.article + 1, start: source.start, end: source.end, tag: 'claim' }, 'bench');
    const t0 = performance.now();
    const suggestions = suggestFor(db, annotation.id, { limit: 20 });
    return { suggestions, ms: performance.now() - t0 };
  };
  // Warm-up, not counted: the first query pays for a cold page cache.
  query(corpus.claims.at(-1)!);
  let unplanted = 0;
  for (const claim of claims) {
    const { suggestions, ms } = query(claim);
    latencies.push(ms);
    const spans = claim.variants.map((v) => ({ articleId: v.article + 1, start: v.start, end: v.end }));
    unplanted += suggestions.filter((s) => !spans.some((span) => overlapRatio(s, span) > 0)).length;
    for (const variant of claim.variants) {
      const tally = foundByDrift.get(variant.drift)!;
      tally.planted++;
      const span = { articleId: variant.article + 1, start: variant.start, end: variant.end };
      if (suggestions.some((s) => overlapRatio(s, span) >= 0.5)) tally.found++;
    }
  }
  db.close();

  const planted = [...foundByDrift.values()].reduce((n, t) => n + t.planted, 0);
  const found = [...foundByDrift.values()].reduce((n, t) => n + t.found, 0);
  const figures: Figure[] = [
    { name: `import of ${articles.toLocaleString('en')} articles, index kept in step`, unit: 's', value: importSeconds, basis: 'total' },
    { name: 'word index build from stored texts', unit: 's', value: indexSeconds, basis: 'total' },
    { name: 'word index size', unit: 'MB', value: (indexPages * pageSize) / 1e6, basis: 'single' },
    {
      name: 'suggestion latency per span',
      unit: 'ms',
      target: { op: '<=', value: 100 },
      value: percentile(latencies, 95),
      basis: 'p95',
      median: median(latencies),
      p95: percentile(latencies, 95),
      runs: latencies.length,
    },
    { name: 'recall on planted variants', unit: 'ratio', value: found / planted, basis: 'total' },
    { name: 'suggestions that are no planted variant', unit: 'count', value: unplanted, basis: 'total' },
    ...[...foundByDrift].map(([drift, t]): Figure => ({ name: `  recall, ${drift}`, unit: 'ratio', value: t.found / t.planted, basis: 'total' })),
  ];
  reportFigures('bench:suggest', figures, [
    `${postings.toLocaleString('en')} postings; corpus file ${fileMb.toFixed(0)} MB; corpus generated in ${(generateMs / 1000).toFixed(1)} s`,
    `${queries} planted claims queried, ${planted} planted variants`,
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
