/**
 * bench:reindex — the word index rebuilt after a matcher update, step by step
 * (matching/termIndex.ts): how long each step holds the write lock, and the
 * whole rebuild, over generated articles. `-- --quick` uses 1,000 articles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { matchIndexCurrent, rebuildMatchIndexStep } from '../../main/matching/termIndex.ts';
import { percentile, reportFigures } from './report.ts';

const articles = process.argv.includes('--quick') ? 1_000 : 10_000;
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-reindex-'));
try {
  const db = openDatabase(join(dir, 'corpus.sqlite'));
  let state = 7;
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
  const syllables = ['ka', 'lo', 'mer', 'tis', 'van', 'ru', 'pel', 'dor', 'sin', 'ga', 'fe', 'nok', 'ba', 'zu', 'tem', 'hol'];
  const word = () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => syllables[Math.floor(next() * syllables.length)]).join('');
  // About 1,100 characters an article, the average of the 100,000-article scale corpus (113 MB of text).
  const text = () => Array.from({ length: 18 }, () => Array.from({ length: 9 }, word).join(' ') + '.').join(' ');
  db.transaction(() => {
    for (let i = 0; i < articles; i++)
      insertArticle(db, { text: text(), title: null, outlet: `Outlet ${i % 40}`, url: null, published: null, fileName: `${i}.txt` }, 'bench');
  })();
  db.prepare("UPDATE meta SET value = 'an older matcher' WHERE key = 'match_index_version'").run();
  // Each step is timed whole (its reading holds no lock, so this bounds the lock hold from above), and the
  // body of each of its transactions alone (BEGIN IMMEDIATE to just before COMMIT): the lock hold but the commit.
  const holds: number[] = [];
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) =>
    transaction((...args: unknown[]) => {
      const t = performance.now();
      try {
        return fn(...args);
      } finally {
        holds.push(performance.now() - t);
      }
    })) as typeof db.transaction;
  const steps: number[] = [];
  const started = performance.now();
  for (let done = false; !done;) {
    const t = performance.now();
    done = rebuildMatchIndexStep(db).done;
    steps.push(performance.now() - t);
  }
  const total = performance.now() - started;
  if (!matchIndexCurrent(db)) throw new Error('the rebuild ended with a stale index');
  db.close();
  reportFigures(
    'reindex',
    [
      { name: `longest step (upper bound of the write-lock hold), ${articles} articles`, unit: 'ms', value: Math.max(...steps), basis: 'peak' },
      { name: 'longest transaction body (write lock held, commit aside)', unit: 'ms', value: Math.max(...holds), basis: 'peak' },
      { name: 'transaction body p95', unit: 'ms', value: percentile(holds, 95), basis: 'p95' },
      { name: 'step p95', unit: 'ms', value: percentile(steps, 95), basis: 'p95' },
      { name: 'steps', unit: 'count', value: steps.length, basis: 'total' },
      { name: 'whole rebuild', unit: 's', value: total / 1000, basis: 'total' },
    ],
    [
      `load average at start: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    ],
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
