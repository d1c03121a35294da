/**
 * The in-page probe of the scale benchmark, installed before any page script:
 * `whenPainted(condition)` gives the time of the first task after the frame
 * that painted the first DOM state where the condition holds; `interactive()`
 * the later of that paint and the end of the last long task, once the main
 * thread has been quiet for a while (as the render benchmark's probe does).
 */
import type { Page } from 'playwright-core';

interface ScaleProbe {
  /** performance.now() after the first paint of a DOM state where `holds` (source of a function of no arguments) is true. */
  whenPainted(holds: string): Promise<number>;
  /** `painted`, or the end of a later long task, once no long task has run for `quietMs`. */
  settled(painted: number, quietMs: number): Promise<number>;
}

declare global {
  interface Window {
    scaleProbe?: ScaleProbe;
    scaleArmed?: Promise<number>;
  }
}

function installScaleProbe(): void {
  let lastLongTaskEnd = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) lastLongTaskEnd = Math.max(lastLongTaskEnd, entry.startTime + entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const afterPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
  window.scaleProbe = {
    whenPainted(source) {
      const holds = new Function(`return (${source})();`) as () => boolean;
      return new Promise<number>((resolve) => {
        const start = () => {
          if (holds()) return void afterPaint().then(resolve);
          const observer = new MutationObserver(() => {
            if (!holds()) return;
            observer.disconnect();
            void afterPaint().then(resolve);
          });
          observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        };
        start();
      });
    },
    async settled(painted, quietMs) {
      for (;;) {
        const interactive = Math.max(painted, lastLongTaskEnd);
        if (performance.now() - interactive >= quietMs) return interactive;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

export const addScaleProbe = (page: Page) => page.addInitScript(installScaleProbe);

/**
 * Arms a watch, then runs `act` (a click, a key): resolves with the ms from the
 * moment the action's first event reached the page until `holds` was painted.
 * `event` is the DOM event that starts the clock (captured on window).
 */
export async function timeAction(
  page: Page,
  event: 'click' | 'keydown' | 'input',
  holds: string,
  act: () => Promise<void>,
  timeoutMs = 120_000,
): Promise<number> {
  await page.evaluate(
    ({ event, holds }) => {
      window.scaleArmed = new Promise<number>((resolve) => {
        window.addEventListener(
          event,
          () => {
            const start = performance.now();
            void window.scaleProbe!.whenPainted(holds).then((t) => resolve(t - start));
          },
          { capture: true, once: true },
        );
      });
    },
    { event, holds },
  );
  await act();
  return page.evaluate(
    (timeout) =>
      Promise.race([window.scaleArmed!, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`not painted within ${timeout} ms`)), timeout))]),
    timeoutMs,
  );
}
