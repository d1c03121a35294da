/**
 * `npm run bench:upload`: how long the thread serving browser mode stalls
 * while a large upload (an 11 MB text file, a 14 MB request body) is answered,
 * with its body parsed and read in a worker (the server's large-body path)
 * and, for comparison, parsed on the serving thread as every body was before.
 * The stall is the worst lateness of a 5 ms timer on the serving thread: what
 * that thread did, plus whatever the machine's load kept it waiting.
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { createOffThreadDispatch } from '../../main/api/offThread.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../main/server/httpServer.ts';
import { median, percentile, reportFigures, type Figure } from './report.ts';

const runs = process.argv.includes('--quick') ? 3 : 7;
const folder = mkdtempSync(join(tmpdir(), 'crosscheck-bench-upload-'));
const staticDir = join(folder, 'renderer');
mkdirSync(staticDir);
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Crosscheck</title>');

function post(server: RunningServer, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: '/api/articles.import',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, host: `127.0.0.1:${server.port}` },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The worst lateness of a 5 ms timer on this thread while `work` runs. */
async function stallDuring(work: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return worst;
}

const figures: Figure[] = [];
try {
  for (const [label, offThreadBody] of [
    ['body parsed in a worker', true],
    ['body parsed on the serving thread (before)', false],
  ] as const) {
    const db = openDatabase(join(folder, `${offThreadBody}.sqlite`));
    const offThread = createOffThreadDispatch({ dispatch: createDispatch(createHandlers({ db, actor: 'bench' })), db, actor: 'bench' });
    const server = await startServer({ dispatch: offThread.dispatch, dispatchBody: offThreadBody ? offThread.dispatchBody : undefined, staticDir });
    const stalls: number[] = [];
    for (let r = 0; r < runs; r++) {
      // A different text each run: the same one would be refused as already imported after the first.
      const body = JSON.stringify({
        fileName: `long-${r}.txt`,
        contentBase64: Buffer.from(`Run ${r}. ${'The ferry line reopened. '.repeat(440_000)}`).toString('base64'),
      });
      stalls.push(await stallDuring(() => post(server, body)));
    }
    figures.push({
      name: `serving-thread stall during a 14 MB upload: ${label}`,
      unit: 'ms',
      value: median(stalls),
      basis: 'median',
      median: median(stalls),
      p95: percentile(stalls, 95),
      runs,
    });
    await server.close();
    await offThread.close();
    db.close();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
reportFigures('upload', figures, [
  'the stall still includes storing the article (its write and its search index), which stays on the serving thread',
  'the machine is shared: these are floors only in that they cannot be faster; load makes them larger',
]);
