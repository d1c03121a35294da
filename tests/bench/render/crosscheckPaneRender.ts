import type { Browser } from 'playwright-core';
import { measurePageRender } from './measurePageRender.ts';

/**
 * Crosscheck's reading pane timed by exactly the page harness and probe that
 * time Recogito, for the side-by-side comparison. (`bench:render` times the
 * whole app instead: opening an article through the API, tagging by key.)
 */
export async function measureCrosscheckReadingPane(
  browser: Browser,
  options: { quick: boolean },
): Promise<{ timeToInteractiveMs: number[]; tagToPaintMs: number[] }> {
  const times = await measurePageRender(browser, 'crosscheck', {
    quick: options.quick,
    highlightSelector: (id) => `.article-text [data-annotation-ids~="${id}"]`,
  });
  return { timeToInteractiveMs: times.timeToInteractiveMs, tagToPaintMs: times.addHighlightMs };
}
