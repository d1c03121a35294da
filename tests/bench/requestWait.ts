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
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../main/api/session.ts';
import { startCorpusHost } from '../../main/api/corpusHost.ts';
import { createAsyncDispatch } from '../../main/api/dispatch.ts';
import { createOffThreadDispatch } from '../../main/api/offThread.ts';
import { scheduleSuggestionRefresh } from '../../main/api/suggestionRefreshSchedule.ts';
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
  const server = await startServer({ dispatch: host.dispatch, dispatchBody: host.dispatchBody, downloads: host.downloads, staticDir: RENDERER_DIR });
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
    while (!finished && performance.now() < until) {
      due += PROBE_EVERY_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      await call('history.state', {});
      waits.push(performance.now() - due);
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

    const random = seededRandom(5);
    const imports = (async () => {
      for (let i = 0; i < IMPORTS; i++) {
        const words = Array.from({ length: 160_000 }, () => `w${Math.floor(random() * 20_000)}`);
        const text = `Import ${i}\n\n${words.join(' ')}.`;
        await call('articles.import', { fileName: `wait-${i}.txt`, contentBase64: Buffer.from(text).toString('base64') });
      }
    })();
    await probeWhile(`imports of ${IMPORTS} files of about 1 MB`, imports);
  } finally {
    await app.close();
  }
}

reportFigures('bench:wait', figures, [
  `a history.state request every ${PROBE_EVERY_MS} ms over HTTP; its wait runs from when it was due to its answer`,
  'the corpus: a fresh copy of bench:scale’s 1,000 articles with the review load for each way of serving; the background refresher runs as serve runs it',
  'served on the serving thread: as before the corpus host (bench:wait --host-only measures only the host)',
]);
