/**
 * `npm run bench:peer [-- --quick]`: the same generated article rendered in the
 * same headless Chromium by Crosscheck's reading pane and by
 * @recogito/text-annotator, both timed by one probe (paintProbe.ts). Reports
 * time to interactive and time to add one highlight for each, and the ratios
 * (target: Crosscheck at least 5× faster on both).
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../helpers/browser.ts';
import { median, percentile, reportFigures, type Figure } from '../report.ts';
import { measureCrosscheckReadingPane as measureCrosscheckRender } from './crosscheckTti.ts';
import { measureRecogitoRender } from './recogitoRender.ts';

export interface PeerSamples {
  crosscheck: { timeToInteractiveMs: number[]; addHighlightMs: number[] };
  recogito: { timeToInteractiveMs: number[]; addHighlightMs: number[] };
}

/** Crosscheck and Recogito take turns, so drift in the machine's load spreads over both rather than landing on one. */
async function samplePeers(browser: Browser, quick: boolean): Promise<PeerSamples> {
  const samples: PeerSamples = { crosscheck: { timeToInteractiveMs: [], addHighlightMs: [] }, recogito: { timeToInteractiveMs: [], addHighlightMs: [] } };
  for (let round = 0; round < (quick ? 1 : 2); round++) {
    const crosscheck = await measureCrosscheckRender(browser, { quick });
    samples.crosscheck.timeToInteractiveMs.push(...crosscheck.timeToInteractiveMs);
    samples.crosscheck.addHighlightMs.push(...crosscheck.tagToPaintMs);
    const recogito = await measureRecogitoRender(browser, { quick });
    samples.recogito.timeToInteractiveMs.push(...recogito.timeToInteractiveMs);
    samples.recogito.addHighlightMs.push(...recogito.addHighlightMs);
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

/** Figures for one measure: both tools' medians and p95s, then how many times faster Crosscheck is (ratio of medians). */
function comparison(measure: string, crosscheck: number[], recogito: number[]): Figure[] {
  return [
    timing(`${measure}, Crosscheck`, crosscheck),
    timing(`${measure}, Recogito`, recogito),
    { name: `${measure}, Recogito ÷ Crosscheck`, unit: 'ratio', target: RATIO_TARGET, value: median(recogito) / median(crosscheck), basis: 'median' },
  ];
}

export function peerFigures(samples: PeerSamples): Figure[] {
  return [
    ...comparison('time to interactive', samples.crosscheck.timeToInteractiveMs, samples.recogito.timeToInteractiveMs),
    ...comparison('add one highlight', samples.crosscheck.addHighlightMs, samples.recogito.addHighlightMs),
  ];
}

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const browser = await launchChromium();
  try {
    const samples = await samplePeers(browser, quick);
    reportFigures('peer: Crosscheck vs @recogito/text-annotator (50,000 words, 5,000 annotations)', peerFigures(samples), [
      `Chromium ${browser.version()}; ratios are of medians; see docs/benchmarks.md for the method`,
    ]);
  } finally {
    await browser.close();
  }
}
