/**
 * One corpus size of the scale benchmark: the app in browser mode on a copy of
 * the cached corpus, driven in Chromium as an analyst would use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp } from '../../helpers/browser.ts';
import { addScaleProbe, timeAction } from './scaleProbe.ts';
import { BENCH_TITLE, scaleCorpusCopy } from './scaleCorpus.ts';

export const REVIEW_TABS = ['Claim groups', 'Suggestions', 'Links', 'Speakers', 'Matrix', 'Graph'] as const;

export interface ScaleFigures {
  articles: number;
  appInteractiveMs: number[];
  domNodesAtLoad: number;
  jsHeapMb: number;
  openArticleMs: number[];
  selectAnnotationMs: number[];
  tagToPaintMs: number[];
  undoMs: number[];
  /** A whole word of the corpus, and a one-letter prefix (the most matches). */
  searchWordMs: number[];
  searchLetterMs: number[];
  /** Per tab: ms from the click until it shows its content; null when it never did within the timeout. */
  reviewTabMs: Record<string, number | null>;
  /** Why the measurements stopped early (a click the page did not answer within Playwright's 30 s), if they did. */
  problem?: string;
}

const QUIET_MS = 500;
/**
 * The longest a review tab is waited for. Main answers one request at a time,
 * so after a tab that did not load the later tabs would be timed behind its
 * request: they are left unmeasured (null) instead.
 */
export const TAB_TIMEOUT_MS = 30_000;
/** Cheapest first, so that one stalled tab leaves the most tabs measured. */
const TAB_ORDER = ['Links', 'Speakers', 'Graph', 'Matrix', 'Suggestions'] as const;
const VIEWPORT = { width: 1400, height: 900 };

const heading = (title: string) =>
  `() => document.getElementById('article-heading')?.textContent === ${JSON.stringify(title)} && document.querySelector('.article-text [data-annotation-ids]') !== null`;

export async function measureScale(browser: Browser, articles: number, options: { runs: number; log(line: string): void }): Promise<ScaleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-scale-run-'));
  try {
    const file = scaleCorpusCopy(articles, dir, options.log);
    const app = await startApp(file);
    try {
      const figures: ScaleFigures = {
        articles,
        appInteractiveMs: [],
        domNodesAtLoad: 0,
        jsHeapMb: 0,
        openArticleMs: [],
        selectAnnotationMs: [],
        tagToPaintMs: [],
        undoMs: [],
        searchWordMs: [],
        searchLetterMs: [],
        reviewTabMs: {},
      };
      // Loads: each in a fresh context (empty cache), as a new window.
      for (let run = 0; run < options.runs; run++) {
        const context = await browser.newContext({ viewport: VIEWPORT, bypassCSP: true });
        const page = await context.newPage();
        await addScaleProbe(page);
        await page.goto(app.server.url);
        figures.appInteractiveMs.push(
          await page.evaluate(
            (quiet) =>
              window
                .scaleProbe!.whenPainted('() => document.querySelector(\'nav[aria-label="Articles"] .article-item\') !== null')
                .then((t) => window.scaleProbe!.settled(t, quiet)),
            QUIET_MS,
          ),
        );
        if (run === options.runs - 1) {
          figures.domNodesAtLoad = await page.evaluate(() => document.getElementsByTagName('*').length);
          const cdp = await context.newCDPSession(page);
          await cdp.send('HeapProfiler.collectGarbage');
          const { usedSize } = await cdp.send('Runtime.getHeapUsage');
          figures.jsHeapMb = usedSize / 1024 / 1024;
          // A page too slow to answer a click ends the measurements; what was measured is kept and the reason reported.
          await measureInteractions(page, app.session.db, figures, options.runs).catch((error: Error) => (figures.problem = error.message.split('\n')[0]));
        }
        await context.close();
      }
      return figures;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Db = Awaited<ReturnType<typeof startApp>>['session']['db'];

async function measureInteractions(page: Page, db: Db, figures: ScaleFigures, runs: number): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  const items = page.locator('nav[aria-label="Articles"] .article-item');
  const benchItem = items.filter({ hasText: BENCH_TITLE });
  const otherItem = items.nth(1);

  // Open: from another article to the bench article, which has annotations.
  for (let run = 0; run < runs; run++) {
    const otherTitle = (await otherItem.locator('.article-title').textContent()) ?? '';
    await otherItem.click();
    await page.waitForFunction((title) => document.getElementById('article-heading')?.textContent === title, otherTitle);
    figures.openArticleMs.push(await timeAction(page, 'click', heading(BENCH_TITLE), () => benchItem.click()));
  }
  await page.waitForTimeout(QUIET_MS);

  // Select: a click on a highlight until it is drawn selected.
  const highlights = page.locator('.article-text [data-annotation-ids]');
  for (let run = 0; run < runs; run++) {
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('.mark-selected') === null);
    const highlight = highlights.nth(run * 3);
    await highlight.scrollIntoViewIfNeeded();
    figures.selectAnnotationMs.push(await timeAction(page, 'click', "() => document.querySelector('.mark-selected') !== null", () => highlight.click()));
  }
  await page.keyboard.press('Escape');

  // Tag, then undo it: tag-to-paint until the pending highlight is drawn, undo until the stored one is gone.
  const paragraphs = page.locator('.article-text p:not(.blank-line)');
  const paragraphCount = await paragraphs.count();
  for (let run = 0; run < runs; run++) {
    const paragraph = paragraphs.nth(run % paragraphCount);
    await paragraph.scrollIntoViewIfNeeded();
    const before = (db.prepare('SELECT max(id) AS id FROM annotations').get() as { id: number }).id;
    await paragraph.dblclick({ position: { x: 60 + 20 * run, y: 10 } });
    await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
    figures.tagToPaintMs.push(
      await timeAction(page, 'keydown', "() => document.querySelector('.mark-pending-claim') !== null", () => page.keyboard.press('c')),
    );
    let id = before;
    for (let wait = 0; wait < 200 && id === before; wait++) {
      await page.waitForTimeout(25);
      id = (db.prepare('SELECT max(id) AS id FROM annotations').get() as { id: number }).id;
    }
    const stored = `[data-annotation-ids~="${id}"]`;
    await page.waitForSelector(`.article-text ${stored}`);
    await page.waitForTimeout(100);
    figures.undoMs.push(
      await timeAction(page, 'keydown', `() => document.querySelector('.article-text ${stored.replace(/"/g, '\\"')}') === null`, () =>
        page.keyboard.press('Control+z'),
      ),
    );
    await page.waitForTimeout(100);
  }

  // Search: from the input event until the results are painted (the box waits 120 ms after the last keystroke).
  const box = page.getByRole('searchbox', { name: 'Search the corpus' });
  const words = ((await page.locator('.article-text').textContent()) ?? '').match(/\p{L}{6,}/gu) ?? ['officials'];
  const search = async (query: string) => {
    await box.fill('');
    await page.waitForFunction(() => document.querySelector('.search-results') === null);
    return timeAction(page, 'input', "() => document.querySelector('.search-results section, .search-results .empty') !== null", () => box.fill(query));
  };
  for (let run = 0; run < runs; run++) figures.searchWordMs.push(await search(words[(run * 7) % words.length]!));
  for (let run = 0; run < runs; run++) figures.searchLetterMs.push(await search('abcdefghijklmnoprstuvz'[run]!));
  await box.fill('');

  // Review desk: each tab from its click until it shows content rather than a loading line.
  // The desk opens on claim groups: that tab is timed from the click on Review.
  const loaded = (tab: string) =>
    `() => { const panel = document.getElementById('desk-panel'); return !!panel && panel.getAttribute('aria-label') === ${JSON.stringify(tab)} && panel.childElementCount > 0 && !/Loading…|Finding claims elsewhere…/.test(panel.textContent ?? ''); }`;
  let stalled = false;
  const timeTab = async (tab: string, click: () => Promise<void>) => {
    if (stalled) return void (figures.reviewTabMs[tab] = null);
    try {
      figures.reviewTabMs[tab] = await timeAction(page, 'click', loaded(tab), click, TAB_TIMEOUT_MS);
    } catch {
      figures.reviewTabMs[tab] = null;
      stalled = true;
    }
  };
  await timeTab('Claim groups', () => page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Review' }).click());
  for (const tab of TAB_ORDER)
    await timeTab(tab, () =>
      page
        .getByRole('tablist', { name: 'Review' })
        .getByRole('tab', { name: new RegExp(`^${tab}`) })
        .click(),
    );
  if (problems.length > 0) throw new Error(`The page reported errors: ${problems.join('; ')}`);
}
