/**
 * `npm run profile:first-load [-- ARTICLES] [-- --no-refresher]`: what the app's first load does on a scale corpus (default
 * 100,000 articles), to find what grows with the corpus. Opens the app once in Chromium through browser
 * mode, as bench:scale does, and prints each request the page makes before it goes quiet, with when the
 * page sent it, how long the server spent on it and the bytes it answered, then the page's long tasks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../../main/api/session.ts';
import { scheduleSuggestionRefresh } from '../../../main/api/suggestionRefreshSchedule.ts';
import { startServer } from '../../../main/server/httpServer.ts';
import { launchChromium, RENDERER_DIR } from '../../helpers/browser.ts';
import { SEEDS_DIR } from '../../helpers/projectPaths.ts';
import { scaleCorpusCopy } from './scaleCorpus.ts';
import { addScaleProbe } from './scaleProbe.ts';

const articles = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const QUIET_MS = 500;

interface ServerTiming {
  method: string;
  serverMs: number;
}

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-first-load-'));
const browser = await launchChromium();
try {
  const file = scaleCorpusCopy(articles, dir, console.log);
  const opening = performance.now();
  const session = openSession({ dbPath: file, seedsDir: SEEDS_DIR, actor: 'bench' });
  console.log(`open the corpus: ${(performance.now() - opening).toFixed(0)} ms`);
  const served: ServerTiming[] = [];
  const dispatch = async (method: unknown, input: unknown) => {
    const started = performance.now();
    try {
      return await session.dispatchAsync(method, input);
    } finally {
      served.push({ method: String(method), serverMs: performance.now() - started });
    }
  };
  const server = await startServer({ dispatch, downloads: session.downloads, staticDir: RENDERER_DIR });
  // --no-refresher: without the background matcher, to see what it costs the first load.
  const suggestions = process.argv.includes('--no-refresher') ? { stop: async () => {} } : scheduleSuggestionRefresh(session.db, { lookEveryMs: 250 });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await addScaleProbe(page);
    const sent: Array<{ url: string; at: number; bytes: number; totalMs: number }> = [];
    page.on('requestfinished', (request) => {
      void (async () => {
        const timing = request.timing();
        const body = (await request.response())?.body().catch(() => Buffer.alloc(0));
        sent.push({ url: new URL(request.url()).pathname, at: timing.startTime, bytes: (await body)?.length ?? 0, totalMs: timing.responseEnd });
      })();
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    const navigation = Date.now();
    await page.goto(server.url);
    const interactive = await page.evaluate(
      (quiet) =>
        window
          .scaleProbe!.whenPainted('() => document.querySelector(\'nav[aria-label="Articles"] .article-item\') !== null')
          .then((t) => window.scaleProbe!.settled(t, quiet)),
      QUIET_MS,
    );
    await page.waitForTimeout(QUIET_MS);
    const { profile } = await cdp.send('Profiler.stop');
    const longTasks = await page.evaluate(() =>
      performance.getEntriesByType('longtask').map((t) => ({ start: Math.round(t.startTime), ms: Math.round(t.duration) })),
    );
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const milestones = await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const paints = performance.getEntriesByType('paint').map((p) => `${p.name} ${Math.round(p.startTime)}`);
      return [
        `response end ${Math.round(nav!.responseEnd)}`,
        `DOM interactive ${Math.round(nav!.domInteractive)}`,
        `DOMContentLoaded ${Math.round(nav!.domContentLoadedEventEnd)}`,
        `load ${Math.round(nav!.loadEventEnd)}`,
        ...paints,
      ];
    });
    console.log(`page milestones (ms from navigation): ${milestones.join(', ')}`);
    console.log(`\n${articles.toLocaleString('en')} articles: app interactive ${interactive.toFixed(0)} ms, ${nodes} DOM nodes\n`);
    console.log('sent at (ms)  total (ms)  bytes      request');
    for (const request of sent.sort((a, b) => a.at - b.at))
      console.log(
        `${String(Math.round(request.at - navigation)).padStart(12)}  ${String(Math.round(request.totalMs)).padStart(10)}  ${String(request.bytes).padStart(9)}  ${request.url}`,
      );
    console.log('\nserver time per request (ms)');
    for (const request of served) console.log(`${request.serverMs.toFixed(1).padStart(8)}  ${request.method}`);
    console.log('\npage CPU by script (ms, sampled)');
    for (const [where, ms] of cpuByScript(profile)) console.log(`${ms.toFixed(0).padStart(8)}  ${where}`);
    console.log(`\nlong tasks: ${longTasks.map((t) => `${t.ms} ms at ${t.start}`).join(', ') || 'none'}`);
    await context.close();
  } finally {
    await server.close();
    await suggestions.stop();
    session.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Self time of the page's sampled profile, summed by script and function (the 20 largest). */
function cpuByScript(profile: { nodes: Array<{ id: number; callFrame: { url: string; functionName: string } }>; samples?: number[]; timeDeltas?: number[] }) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const where = `${frame.url.replace(/^.*\//, '') || '(native)'} ${frame.functionName || '(top level)'}`;
    totals.set(where, (totals.get(where) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 20);
}
