/**
 * `npm run bench:peer [-- --quick]`: the same generated article rendered in the
 * same headless Chromium by Crosscheck's reading pane and by
 * @recogito/text-annotator, both timed by one probe (paintProbe.ts). Reports
 * time to interactive and time to add one highlight for each, and the ratios
 * (target: Crosscheck at least 5× faster on both). The bare article, timed the
 * same way, is the floor under both tools: no tool can be faster than it, so
 * Recogito ÷ floor bounds the ratio any tool could reach against Recogito.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../helpers/browser.ts';
import { median, percentile, reportFigures, type Figure } from '../report.ts';
import { measureCrosscheckReadingPane } from './crosscheckPaneRender.ts';
import type { PageRenderTimes } from './measurePageRender.ts';
import { measurePlainArticle, measureRecogitoRender } from './recogitoRender.ts';

export interface PeerSamples {
  crosscheck: PageRenderTimes;
  recogito: PageRenderTimes;
  floor: PageRenderTimes;
}

/** Crosscheck and Recogito take turns, so drift in the machine's load spreads over both rather than landing on one. */
async function samplePeers(browser: Browser, quick: boolean): Promise<PeerSamples> {
  const empty = (): PageRenderTimes => ({ timeToInteractiveMs: [], addHighlightMs: [] });
  const samples: PeerSamples = { crosscheck: empty(), recogito: empty(), floor: empty() };
  for (let round = 0; round < (quick ? 1 : 2); round++) {
    const crosscheck = await measureCrosscheckReadingPane(browser, { quick });
    samples.crosscheck.timeToInteractiveMs.push(...crosscheck.timeToInteractiveMs);
    samples.crosscheck.addHighlightMs.push(...crosscheck.tagToPaintMs);
    const recogito = await measureRecogitoRender(browser, { quick });
    samples.recogito.timeToInteractiveMs.push(...recogito.timeToInteractiveMs);
    samples.recogito.addHighlightMs.push(...recogito.addHighlightMs);
    const floor = await measurePlainArticle(browser, { quick });
    samples.floor.timeToInteractiveMs.push(...floor.timeToInteractiveMs);
    samples.floor.addHighlightMs.push(...floor.addHighlightMs);
  }
  return samples;
}

const RATIO_TARGET = { op: '>=', value: 5 } as const;

const timing = (name: string, values: number[]): Figure => ({
  name,
  unit: 'ms',
  value: median(values),
  basis: 'median',
  median: median(values),
  p95: percentile(values, 95),
  runs: values.length,
});

/** Figures for one measure: both tools' and the floor's medians and p95s, how many times faster Crosscheck is, and the most any tool could be (ratios of medians). */
function comparison(measure: string, crosscheck: number[], recogito: number[], floor: number[]): Figure[] {
  return [
    timing(`${measure}, Crosscheck`, crosscheck),
    timing(`${measure}, Recogito`, recogito),
    timing(`${measure}, bare article (floor)`, floor),
    { name: `${measure}, Recogito ÷ Crosscheck`, unit: 'ratio', target: RATIO_TARGET, value: median(recogito) / median(crosscheck), basis: 'median' },
    { name: `${measure}, Recogito ÷ floor (best possible)`, unit: 'ratio', value: median(recogito) / median(floor), basis: 'median' },
  ];
}

export function peerFigures(samples: PeerSamples): Figure[] {
  return [
    ...comparison('time to interactive', samples.crosscheck.timeToInteractiveMs, samples.recogito.timeToInteractiveMs, samples.floor.timeToInteractiveMs),
    ...comparison('add one highlight', samples.crosscheck.addHighlightMs, samples.recogito.addHighlightMs, samples.floor.addHighlightMs),
  ];
}

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const browser = await launchChromium();
  try {
    const samples = await samplePeers(browser, quick);
    reportFigures('peer', peerFigures(samples), [
      `Crosscheck reading pane vs @recogito/text-annotator, 50,000 words and 5,000 annotations, Chromium ${browser.version()}; ratios are of medians (docs/benchmarks.md)`,
    ]);
  } finally {
    await browser.close();
  }
}
