/**
 * `npm run profile:pane [-- crosscheck|recogito|plain] [--loads N] [--minified]`: where a peer
 * benchmark page's time to interactive goes. Loads the page as `bench:peer`
 * does (same article, probe and viewport) with a CPU profile running from
 * before navigation until interactive, and prints for each load the time to
 * interactive, the main thread's CPU time until then (less sensitive to the
 * machine's load than wall time), the DOM at that point, and the functions
 * with the most time under them. The profiles are written as .cpuprofile
 * files (Chromium DevTools opens them). The pages are built unminified, so
 * that functions keep their names, unless `--minified` asks for the pages
 * exactly as the benchmark times them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../../helpers/browser.ts';
import { serveBenchPages, type BenchPageName } from './benchPages.ts';
import { benchArticle, VIEWPORT } from './measurePageRender.ts';
import { addPaintProbe, timeToInteractive } from './paintProbe.ts';
import { FIRST_SCREEN_CHARACTERS, spanId } from './pages/benchArticle.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The element each page draws for its first span: what the probe waits for. */
const FIRST_HIGHLIGHT: Record<BenchPageName, string> = {
  crosscheck: `.article-text [data-annotation-ids~="${spanId(0)}"]`,
  recogito: `.r6o-annotation[data-annotation="${spanId(0)}"]`,
  plain: `mark[data-annotation-id="${spanId(0)}"]`,
};
const TOP_FUNCTIONS = 25;

/** Milliseconds of samples with each function anywhere on the stack (counted once per sample), largest first. */
export function inclusiveTimes(profile: CpuProfile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map<string, number>();
  profile.samples.forEach((sample, i) => {
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      const name = `${functionName || '(anonymous)'} ${url.split('/').pop() ?? ''}:${lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

async function threadTimeMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
}

if (import.meta.main) {
  const pageName = (['crosscheck', 'recogito', 'plain'] as const).find((name) => process.argv.includes(name)) ?? 'crosscheck';
  const loadsAt = process.argv.indexOf('--loads');
  const loads = loadsAt > 0 ? Number(process.argv[loadsAt + 1]) : 3;
  const outDir = mkdtempSync(join(tmpdir(), 'crosscheck-profile-'));
  const article = benchArticle();
  const pages = await serveBenchPages(article, { minify: process.argv.includes('--minified') });
  const browser = await launchChromium();
  try {
    for (let load = 0; load < loads; load++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        const page = await context.newPage();
        await addPaintProbe(page, {
          highlightSelector: FIRST_HIGHLIGHT[pageName],
          firstScreen: article.text.slice(0, FIRST_SCREEN_CHARACTERS).replace(/\s+/g, ''),
        });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
        await page.goto(pages.url(pageName));
        const interactive = await timeToInteractive(page);
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
        const cpu = await threadTimeMs(cdp);
        const dom = await page.evaluate(() => ({
          elements: document.querySelectorAll('*').length,
          paragraphs: document.querySelectorAll('#article p').length,
          closedChunks: document.querySelectorAll('.paragraph-chunk.placeholder').length,
        }));
        const file = join(outDir, `${pageName}-${load}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        console.log(
          `${pageName}, load ${load + 1}: interactive at ${interactive.toFixed(0)} ms, main thread CPU ${cpu.toFixed(0)} ms; ` +
            `${dom.elements} elements, ${dom.paragraphs} paragraphs, ${dom.closedChunks} closed chunks; ${file}`,
        );
        for (const [name, ms] of inclusiveTimes(profile).slice(0, TOP_FUNCTIONS)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await pages.close();
  }
}
