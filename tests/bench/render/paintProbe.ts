/**
 * The one in-page probe both tools are timed with. It is installed before any
 * page script runs and answers two questions the same way for either tool:
 *
 * - when was a DOM change painted? A change made inside an animation-frame
 *   callback (Recogito draws its highlights from one) is painted by that frame;
 *   any other change by the next one. Either way the probe takes the time of the
 *   first task after that frame, i.e. after its style, layout and paint.
 * - when did the main thread go idle? The end of the last long task (> 50 ms,
 *   Chromium's Long Tasks API) before a quiet window with none.
 */
import type { Page } from 'playwright-core';

export interface ReadyCondition {
  /** Matches once the tool has drawn the highlight the probe waits for. */
  highlightSelector: string;
  /**
   * The article's first screen of text (its opening characters, more than a
   * viewport holds): once the container's text starts with it, what the reader
   * sees is on screen. Asking for the whole text would favour tools that build
   * every paragraph up front over one that renders near the viewport only.
   */
  firstScreen: string;
  /** CSS selector of the element holding the article's text; `#article` on the benchmark pages. */
  container?: string;
}

interface PaintProbe {
  /** Navigation start → ready painted and the main thread then quiet for `quietMs`; in ms. */
  timeToInteractive(quietMs: number): Promise<number>;
  /** From calling `action` to the paint of the first DOM state where `selector` matches; in ms. */
  timeToPaint(selector: string, action: () => void): Promise<number>;
}

declare global {
  interface Window {
    paintProbe?: PaintProbe;
  }
}

/** Runs in the page (serialised by Playwright), so it may use nothing from this module's scope. */
function installPaintProbe(ready: ReadyCondition): void {
  let inAnimationFrame = false;
  const nativeRequestAnimationFrame = window.requestAnimationFrame.bind(window);
  // Microtasks queued by a callback (MutationObserver records among them) run
  // before this one, so they still see that they are inside the frame.
  window.requestAnimationFrame = (callback) =>
    nativeRequestAnimationFrame((time) => {
      inAnimationFrame = true;
      try {
        callback(time);
      } finally {
        queueMicrotask(() => (inAnimationFrame = false));
      }
    });

  let lastLongTaskEnd = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) lastLongTaskEnd = Math.max(lastLongTaskEnd, entry.startTime + entry.duration);
  }).observe({ type: 'longtask', buffered: true });

  const afterPaint = (changedInFrame: boolean) =>
    new Promise<number>((resolve) => {
      const afterThisFrame = () => setTimeout(() => resolve(performance.now()), 0);
      if (changedInFrame) afterThisFrame();
      else nativeRequestAnimationFrame(afterThisFrame);
    });

  const whenPainted = (holds: () => boolean) =>
    new Promise<number>((resolve) => {
      if (holds()) return void afterPaint(false).then(resolve);
      const observer = new MutationObserver(() => {
        if (!holds()) return;
        observer.disconnect();
        void afterPaint(inAnimationFrame).then(resolve);
      });
      observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });

  const articleReady = () =>
    document.querySelector(ready.highlightSelector) !== null &&
    normalise(document.querySelector(ready.container ?? '#article')?.textContent ?? '').startsWith(ready.firstScreen);
  // Paragraph breaks are newlines in the article but element boundaries in the DOM: compare the words only.
  function normalise(text: string): string {
    return text.replace(/\s+/g, '');
  }
  const readyPainted = whenPainted(articleReady);

  window.paintProbe = {
    async timeToInteractive(quietMs) {
      const painted = await readyPainted;
      for (;;) {
        const interactive = Math.max(painted, lastLongTaskEnd);
        if (performance.now() - interactive >= quietMs) return interactive;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async timeToPaint(selector, action) {
      const started = performance.now();
      const painted = whenPainted(() => document.querySelector(selector) !== null);
      action();
      return (await painted) - started;
    },
  };
}

export async function addPaintProbe(page: Page, ready: ReadyCondition): Promise<void> {
  await page.addInitScript(installPaintProbe, ready);
}

/** How long the main thread must stay free of long tasks before a page counts as interactive (Lighthouse uses 5 s of network and CPU quiet; a local page has no network). */
export const QUIET_WINDOW_MS = 500;

export const timeToInteractive = (page: Page) => page.evaluate((quietMs) => window.paintProbe!.timeToInteractive(quietMs), QUIET_WINDOW_MS);
