/**
 * The render benchmark, reusable by other benchmark scripts: opens the
 * generated long article (50,000 words, 5,000 annotations) in the real app in
 * browser mode and measures, in Chromium,
 *  - time to interactive: from the click on the article in the list until its
 *    first screen of text is in the DOM and a frame has been painted with it
 *    (the pane mounts far paragraphs only as they near the viewport, so there
 *    is no last paragraph to wait for; the peer benchmark's probe asks the same);
 *  - tag to paint: from the tag key's keydown until the new highlight is in
 *    the DOM and a frame has been painted with it;
 *  - tag to stored: the same until the highlight of the stored annotation
 *    (with the id the corpus gave it) is painted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { insertArticle } from '../../../main/corpus/articles.ts';
import { startApp } from '../../helpers/browser.ts';
import { generateLongArticle } from '../longArticle.ts';
import { FIRST_SCREEN_CHARACTERS } from './pages/benchArticle.ts';

export interface RenderFigures {
  timeToInteractiveMs: number[];
  /** Until the new highlight is painted (it is painted as soon as the key is handled, while the corpus stores it). */
  tagToPaintMs: number[];
  /** Until the highlight carries the id the corpus gave it: the round trip through the API and a durable write. */
  tagToStoredMs: number[];
  /**
   * The page's main-thread work in the AFTERMATH_MS after the stored highlight is painted: what the tag's
   * answer sets off (reads it makes stale, read again and validated, and what they re-render). A key
   * pressed then waits for it.
   */
  afterStoredBusyMs: number[];
}

/** Long enough for the reads a tag makes stale to be answered and drawn on this machine (they took 60–200 ms). */
const AFTERMATH_MS = 400;

const LONG_TITLE = 'Benchmark: a very long article';

declare global {
  interface Window {
    benchDone?: Promise<number>;
    benchStored?: Promise<number>;
  }
}

export async function measureCrosscheckRender(browser: Browser, options: { quick: boolean }): Promise<RenderFigures> {
  const openRuns = options.quick ? 3 : 9;
  const taggings = options.quick ? 12 : 60;
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-render-'));
  const app = await startApp(join(dir, 'corpus.sqlite'));
  try {
    const { text, spans } = generateLongArticle();
    const { articleId } = insertArticle(
      app.session.db,
      { text: `${LONG_TITLE}\n\n${text}`, title: LONG_TITLE, outlet: 'Bench', url: null, published: null, fileName: null },
      'bench',
    );
    const shift = LONG_TITLE.length + 2;
    const create = app.session.handlers['annotations.create'];
    // One transaction for the 5,000 rows: the set-up is not what is measured.
    app.session.db.transaction(() => spans.forEach((s) => create({ articleId, start: s.start + shift, end: s.end + shift, tag: s.tag })))();
    /** The article's opening characters without whitespace: paragraph breaks are element boundaries in the DOM. */
    const firstScreen = `${LONG_TITLE}\n\n${text}`.slice(0, FIRST_SCREEN_CHARACTERS).replace(/\s+/g, '');

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    /** The main thread's time in tasks so far (Chromium's TaskDuration), in ms. */
    const busyMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(app.server.url);
    const smallArticle = page.getByRole('navigation', { name: 'Articles' }).getByRole('button').first();
    const longArticle = page.getByRole('button', { name: new RegExp(LONG_TITLE) });
    await longArticle.waitFor();

    const timeToInteractiveMs: number[] = [];
    for (let run = 0; run < openRuns; run++) {
      await smallArticle.click();
      await page.waitForFunction(
        (title) => document.getElementById('article-heading')?.textContent !== title && document.querySelector('.article-text') !== null,
        LONG_TITLE,
      );
      await armFirstScreenWatch(page, firstScreen);
      await longArticle.click();
      timeToInteractiveMs.push(
        await within(
          page.evaluate(() => window.benchDone!),
          `opening ${run + 1}: the article never finished rendering`,
        ),
      );
    }

    const tagToPaintMs: number[] = [];
    const tagToStoredMs: number[] = [];
    const afterStoredBusyMs: number[] = [];
    let nextId = spans.length + 1;
    for (let i = 0; i < taggings; i++) {
      // Spread over the whole article: scroll the column there, and once the text in view has settled (the paragraphs
      // near it render in the frames after the scroll) double-click the first word of three letters or more in view.
      const word = await page.evaluate(
        (fraction) => {
          const reading = document.querySelector('main.reading')!;
          reading.scrollTop = fraction * (reading.scrollHeight - reading.clientHeight);
          // One range, moved word to word: every live Range is updated by the browser on each change of the
          // page, and a new one per word looked at (thousands while the text settles) made each DOM change
          // the pane then makes 0.1–2 ms slower, a cost of the probe, not of the app.
          const range = document.createRange();
          const wordInView = () => {
            const view = reading.getBoundingClientRect();
            for (const string of document.querySelectorAll('.article-text p:not(.placeholder) [data-slate-string]')) {
              const node = string.firstChild!;
              const match = /[A-Za-z]{3,}/.exec(node.textContent ?? '');
              if (!match) continue;
              range.setStart(node, match.index);
              range.setEnd(node, match.index + match[0].length);
              const box = range.getBoundingClientRect();
              if (box.top >= view.top + 20 && box.bottom + 20 <= view.bottom && box.width > 0)
                return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
            }
            return null;
          };
          return new Promise<{ x: number; y: number }>((resolve) => {
            let last: { x: number; y: number } | null = null;
            let steady = 0;
            const settle = () => {
              const found = wordInView();
              steady = found && last && found.x === last.x && found.y === last.y ? steady + 1 : 0;
              last = found;
              if (found && steady >= 5) resolve(found);
              else requestAnimationFrame(settle);
            };
            settle();
          });
        },
        (i + 0.5) / taggings,
      );
      await page.mouse.dblclick(word.x, word.y);
      await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
      await armHighlightWatch(page, nextId);
      await page.keyboard.press('c');
      tagToPaintMs.push(
        await within(
          page.evaluate(() => window.benchDone!),
          `tagging ${i + 1}: the highlight was never painted`,
        ),
      );
      tagToStoredMs.push(
        await within(
          page.evaluate(() => window.benchStored!),
          `tagging ${i + 1}: the stored highlight was never painted`,
        ),
      );
      const busyBefore = await busyMs();
      await new Promise((resolve) => setTimeout(resolve, AFTERMATH_MS));
      afterStoredBusyMs.push((await busyMs()) - busyBefore);
      nextId++;
    }
    if (problems.length) throw new Error(`The page reported errors: ${problems.join('; ')}`);
    await page.close();
    return { timeToInteractiveMs, tagToPaintMs, tagToStoredMs, afterStoredBusyMs };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Longest wait for one measured step: far beyond any target, so a step that never ends fails the run instead of hanging it. */
const STEP_TIMEOUT_MS = 60_000;
async function within<T>(step: Promise<T>, failure: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(failure)), STEP_TIMEOUT_MS)));
  try {
    return await Promise.race([step, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** After the next click: resolves with the ms until the reading pane's text starts with `firstScreen` (whitespace aside) and a frame has passed. */
function armFirstScreenWatch(page: Page, firstScreen: string): Promise<void> {
  return page.evaluate((expected) => {
    window.benchDone = new Promise<number>((resolve) => {
      document.addEventListener(
        'click',
        () => {
          const start = performance.now();
          const check = () => {
            if (!(document.querySelector('.article-text')?.textContent ?? '').replace(/\s+/g, '').startsWith(expected)) return false;
            observer.disconnect();
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
            return true;
          };
          const observer = new MutationObserver(check);
          observer.observe(document.getElementById('root')!, { childList: true, subtree: true });
        },
        { capture: true, once: true },
      );
    });
  }, firstScreen);
}

/**
 * After the next keydown: `benchDone` resolves with the ms until a highlight of
 * the new span (pending or stored) is painted, `benchStored` with the ms until
 * the highlight of stored annotation `id` is.
 */
export function armHighlightWatch(page: Page, id: number): Promise<void> {
  return page.evaluate((annotationId) => {
    const painted = (selector: string) =>
      new Promise<number>((resolve) => {
        window.addEventListener(
          'keydown',
          () => {
            const start = performance.now();
            const seen = () => document.querySelector(selector) !== null;
            const observer = new MutationObserver(() => {
              if (!seen()) return;
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
            });
            observer.observe(document.querySelector('.article-text')!, {
              childList: true,
              subtree: true,
              attributes: true,
              attributeFilter: ['class', 'data-annotation-ids'],
            });
          },
          { capture: true, once: true },
        );
      });
    const stored = `[data-annotation-ids~="${annotationId}"]`;
    window.benchDone = painted(`.mark-pending-claim, ${stored}`);
    window.benchStored = painted(stored);
  }, id);
}
