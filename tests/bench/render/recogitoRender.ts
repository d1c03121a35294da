import type { Browser } from 'playwright-core';
import { measurePageRender, type PageRenderTimes } from './measurePageRender.ts';

/** @recogito/text-annotator rendering the benchmark article; the peer Crosscheck's reading pane is compared with. */
export function measureRecogitoRender(browser: Browser, options: { quick: boolean }): Promise<PageRenderTimes> {
  return measurePageRender(browser, 'recogito', { quick: options.quick, highlightSelector: (id) => `.r6o-annotation[data-annotation="${id}"]` });
}

/** The same page with no annotation tool: what loading and painting the article costs before either tool does anything. */
export function measurePlainArticle(browser: Browser, options: { quick: boolean }): Promise<PageRenderTimes> {
  return measurePageRender(browser, 'plain', { quick: options.quick, highlightSelector: (id) => `mark[data-annotation-id="${id}"]` });
}
