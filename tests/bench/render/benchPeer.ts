/**
 * `npm run bench:peer [-- --quick]`: the same generated article rendered in the
 * same headless Chromium by Crosscheck's reading pane and by
 * @recogito/text-annotator, both timed by one probe (paintProbe.ts). Reports
 * time to interactive and time to add one highlight for each, and the ratios
 * (target: Crosscheck at least 5× faster on both). The bare article, timed the
 * same way, is the floor under both tools: it fetches the same article and lays
 * out only its first screen (as the pane does), so no tool can be faster than
 * it; Recogito ÷ floor bounds the ratio any tool could reach against Recogito.
 * Then the real app opens the same article in corpora of 2, 10,000 and 100,000
 * articles (appOpenRender.ts; --quick: 2 and 10,000; CROSSCHECK_PEER_APP_SIZES
 * lists others), each compared with the floor and with Recogito.
 */
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../helpers/browser.ts';
import { median, percentile, reportFigures, type Figure } from '../report.ts';
import { APP_CORPUS_SIZES, measureAppOpening, type AppOpenTimes } from './appOpenRender.ts';
import { measureCrosscheckReadingPane } from './crosscheckPaneRender.ts';
import type { PageRenderTimes } from './measurePageRender.ts';
import { measurePlainArticle, measureRecogitoRender } from './recogitoRender.ts';

export interface PeerSamples {
  crosscheck: PageRenderTimes;
  recogito: PageRenderTimes;
  floor: PageRenderTimes;
  /** The real app opening the same article, per corpus size. */
  app?: AppOpenTimes[];
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
/** The targets against the floor measured in the same run, and ahead of Recogito at every corpus size. */
const FLOOR_TARGET = { interactive: { op: '<=', value: 1.3 }, highlight: { op: '<=', value: 1.5 } } as const;
const AHEAD_OF_RECOGITO = { op: '>=', value: 1 } as const;

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
    { name: `${measure}, Crosscheck ÷ floor`, unit: 'ratio', target: floorTarget(measure), value: median(crosscheck) / median(floor), basis: 'median' },
  ];
}

const floorTarget = (measure: string) => (measure === 'time to interactive' ? FLOOR_TARGET.interactive : FLOOR_TARGET.highlight);

/** The real app at one corpus size: its times, ÷ floor against the targets, and Recogito ÷ app (ahead of Recogito when ≥ 1). */
function appComparison(app: AppOpenTimes, recogito: PageRenderTimes, floor: PageRenderTimes): Figure[] {
  const size = `app, ${app.articles.toLocaleString('en')} articles`;
  const rows = (measure: string, times: number[], theirs: number[], floors: number[]): Figure[] => [
    timing(`${measure}, ${size}`, times),
    { name: `${measure}, ${size} ÷ floor`, unit: 'ratio', target: floorTarget(measure), value: median(times) / median(floors), basis: 'median' },
    { name: `${measure}, Recogito ÷ ${size}`, unit: 'ratio', target: AHEAD_OF_RECOGITO, value: median(theirs) / median(times), basis: 'median' },
  ];
  return [
    ...rows('time to interactive', app.timeToInteractiveMs, recogito.timeToInteractiveMs, floor.timeToInteractiveMs),
    timing(`open the article from the click, ${size}`, app.openMs),
    ...rows('add one highlight', app.addHighlightMs, recogito.addHighlightMs, floor.addHighlightMs),
  ];
}

export function peerFigures(samples: PeerSamples): Figure[] {
  return [
    ...comparison('time to interactive', samples.crosscheck.timeToInteractiveMs, samples.recogito.timeToInteractiveMs, samples.floor.timeToInteractiveMs),
    ...comparison('add one highlight', samples.crosscheck.addHighlightMs, samples.recogito.addHighlightMs, samples.floor.addHighlightMs),
    ...(samples.app ?? []).flatMap((app) => appComparison(app, samples.recogito, samples.floor)),
  ];
}

if (import.meta.main) {
  const quick = process.argv.includes('--quick');
  const browser = await launchChromium();
  try {
    const samples = await samplePeers(browser, quick);
    const sizes = process.env.CROSSCHECK_PEER_APP_SIZES
      ? process.env.CROSSCHECK_PEER_APP_SIZES.split(',').map(Number)
      : APP_CORPUS_SIZES.filter((n) => !quick || n <= 10_000);
    samples.app = [];
    for (const articles of sizes) samples.app.push(await measureAppOpening(browser, articles, { quick, log: console.log }));
    reportFigures('peer', peerFigures(samples), [
      `Crosscheck reading pane and the real app vs @recogito/text-annotator, 50,000 words and 5,000 annotations, Chromium ${browser.version()}; ratios are of medians (docs/benchmarks.md)`,
      'the floor fetches the article and lays out its first screen only; the app runs its background suggestion refresher, as serve does',
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    ]);
  } finally {
    await browser.close();
  }
}
