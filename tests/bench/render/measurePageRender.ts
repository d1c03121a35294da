import type { Browser, Page } from 'playwright-core';
import { generateLongArticle } from '../longArticle.ts';
import { TAGS } from '../../../main/contract/contract.ts';
import { serveBenchPages, type BenchPageName } from './benchPages.ts';
import { addPaintProbe, timeToInteractive } from './paintProbe.ts';
import { FIRST_SCREEN_CHARACTERS, spanId, type AddedSpan, type BenchArticle } from './pages/benchArticle.ts';

export interface PageRenderTimes {
  timeToInteractiveMs: number[];
  addHighlightMs: number[];
}

export interface PageRenderOptions {
  quick: boolean;
  /** CSS selector of the element a tool draws for annotation `id`. */
  highlightSelector(id: number): string;
}

/** The article of the issue: 50,000 words, 5,000 spans, a fifth overlapping. */
export const benchArticle = (): BenchArticle => generateLongArticle({ words: 50_000, spans: 5_000, overlapping: 0.2, seed: 1 });

export const VIEWPORT = { width: 1280, height: 800 };
const LOADS = { quick: 3, full: 7 };
const ADDITIONS_PER_LOAD = 5;
/** Longer than any deferred work either tool schedules after a change (Recogito debounces its observers by up to 150 ms). */
const SETTLE_MS = 400;
const PAGE_TIMEOUT_MS = 180_000;

/**
 * Spans over words of the article's first line, which is on screen in both
 * tools — Recogito draws only the highlights inside the viewport.
 */
export function spansToAdd(text: string, count: number): AddedSpan[] {
  const firstLine = text.slice(0, text.indexOf('\n'));
  const wordStarts = [...firstLine.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return Array.from({ length: count }, (_, i) => {
    const word = wordStarts[(2 * i + 1) % wordStarts.length]!;
    return { id: 1_000_000 + i, start: word.start, end: word.end, tag: TAGS[i % TAGS.length]! };
  });
}

const withTimeout = <T>(what: string, promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${PAGE_TIMEOUT_MS / 1000} s`)), PAGE_TIMEOUT_MS).unref()),
  ]);

async function addHighlight(page: Page, selector: string, span: AddedSpan): Promise<number> {
  return page.evaluate(({ selector, span }) => window.paintProbe!.timeToPaint(selector, () => window.benchTool!.addHighlight(span)), { selector, span });
}

/**
 * Loads one tool's benchmark page in a fresh context (empty cache) several
 * times: each load gives one time to interactive, then a few highlights added
 * one at a time on the idle page.
 */
export async function measurePageRender(browser: Browser, pageName: BenchPageName, options: PageRenderOptions): Promise<PageRenderTimes> {
  const article = benchArticle();
  const pages = await serveBenchPages(article);
  const times: PageRenderTimes = { timeToInteractiveMs: [], addHighlightMs: [] };
  try {
    for (let load = 0; load < (options.quick ? LOADS.quick : LOADS.full); load++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await addPaintProbe(page, {
          highlightSelector: options.highlightSelector(spanId(0)),
          firstScreen: article.text.slice(0, FIRST_SCREEN_CHARACTERS).replace(/\s+/g, ''),
        });
        await page.goto(pages.url(pageName));
        times.timeToInteractiveMs.push(await withTimeout(`${pageName}: time to interactive`, timeToInteractive(page)));
        for (const span of spansToAdd(article.text, ADDITIONS_PER_LOAD)) {
          times.addHighlightMs.push(await withTimeout(`${pageName}: add highlight`, addHighlight(page, options.highlightSelector(span.id), span)));
          await page.waitForTimeout(SETTLE_MS);
        }
        if (errors.length > 0) throw new Error(`${pageName} page errors: ${errors.join('; ')}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await pages.close();
  }
  return times;
}
