import type { Browser } from 'playwright-core';
import { measurePageRender } from './measurePageRender.ts';

/**
 * Crosscheck's reading pane timed by exactly the harness and probe that time
 * Recogito, so the peer comparison validates on its own. Same result shape as
 * issue 3's `measureCrosscheckRender` (tagToPaintMs = time to add one highlight).
 */
export async function measureCrosscheckReadingPane(browser: Browser, options: { quick: boolean }): Promise<{ timeToInteractiveMs: number[]; tagToPaintMs: number[] }> {
  const times = await measurePageRender(browser, 'crosscheck', { quick: options.quick, highlightSelector: (id) => `.article-text [data-annotation-ids~="${id}"]` });
  return { timeToInteractiveMs: times.timeToInteractiveMs, tagToPaintMs: times.addHighlightMs };
}
