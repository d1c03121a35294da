/**
 * The real app, not the reading pane alone, opening the peer benchmark's long article (50,000 words,
 * 5,000 annotations) in a corpus of 2, 10,000 or 100,000 articles, in browser mode, timed by the same
 * probe as the peer pages (paintProbe.ts):
 *  - time to interactive: from navigation start, through the app's start and a click on the article as
 *    soon as its row shows, until the article's first screen and its first highlight are painted and
 *    the main thread then stays free of long tasks for the quiet window;
 *  - open: the same from the click;
 *  - add one highlight: from the tag key's keydown until the new highlight is painted.
 * The app runs as `crosscheck serve` does, the background suggestion refresher included.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openSession } from '../../../main/api/session.ts';
import { insertArticle } from '../../../main/corpus/articles.ts';
import { startApp } from '../../helpers/browser.ts';
import { scaleCorpusCopy } from '../scale/scaleCorpus.ts';
import { armHighlightWatch } from './crosscheckRender.ts';
import { benchArticle, VIEWPORT } from './measurePageRender.ts';
import { addPaintProbe, timeToInteractive } from './paintProbe.ts';
import { FIRST_SCREEN_CHARACTERS } from './pages/benchArticle.ts';

export const APP_CORPUS_SIZES = [2, 10_000, 100_000] as const;
const LONG_TITLE = 'Peer benchmark: the long article';
const LOADS = { quick: 2, full: 5 };
const HIGHLIGHTS_PER_LOAD = 3;
const SETTLE_MS = 400;

export interface AppOpenTimes {
  articles: number;
  timeToInteractiveMs: number[];
  openMs: number[];
  addHighlightMs: number[];
}

declare global {
  interface Window {
    benchClickAt?: number;
    benchDone?: Promise<number>;
  }
}

/** A corpus of `articles` articles, one of them the long article with its 5,000 annotations, dated first so its row is the list's first. */
function corpusWithLongArticle(articles: number, dir: string, log: (line: string) => void): { file: string; firstAnnotation: number } {
  const file = articles <= 2 ? join(dir, 'corpus.sqlite') : scaleCorpusCopy(articles, dir, log);
  const session = openSession({ dbPath: file, actor: 'bench' });
  try {
    const { text, spans } = benchArticle();
    const db = session.db;
    // The stored text is the generated text itself, so the spans' offsets and the probe's first screen hold as they are.
    const add = (body: string, title: string, published: string) =>
      insertArticle(db, { text: body, title, outlet: 'Bench', url: null, published, fileName: null }, 'bench').articleId;
    const articleId = add(text, LONG_TITLE, '2000-01-01');
    if (articles <= 2) add('A short report, the other article of this corpus.', 'Peer benchmark: a short article', '2000-01-02');
    const create = session.handlers['annotations.create'];
    let firstAnnotation = 0;
    // One transaction for the 5,000 rows: the set-up is not what is measured.
    db.transaction(() =>
      spans.forEach((s, i) => {
        const created = create({ articleId, start: s.start, end: s.end, tag: s.tag });
        if (i === 0) firstAnnotation = created.id;
      }),
    )();
    return { file, firstAnnotation };
  } finally {
    session.close();
  }
}

export async function measureAppOpening(browser: Browser, articles: number, options: { quick: boolean; log(line: string): void }): Promise<AppOpenTimes> {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-bench-peer-app-'));
  const times: AppOpenTimes = { articles, timeToInteractiveMs: [], openMs: [], addHighlightMs: [] };
  try {
    const { file, firstAnnotation } = corpusWithLongArticle(articles, dir, options.log);
    const app = await startApp(file);
    const { text } = benchArticle();
    try {
      for (let load = 0; load < (options.quick ? LOADS.quick : LOADS.full); load++) {
        const context = await browser.newContext({ viewport: VIEWPORT });
        try {
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          await addPaintProbe(page, {
            highlightSelector: `.article-text [data-annotation-ids~="${firstAnnotation}"]`,
            firstScreen: text.slice(0, FIRST_SCREEN_CHARACTERS).replace(/\s+/g, ''),
            container: '.article-text',
          });
          await page.addInitScript(() => document.addEventListener('click', () => (window.benchClickAt ??= performance.now()), { capture: true, once: true }));
          await page.goto(app.server.url);
          await page.getByRole('button', { name: new RegExp(LONG_TITLE) }).click();
          const interactive = await timeToInteractive(page);
          times.timeToInteractiveMs.push(interactive);
          times.openMs.push(interactive - (await page.evaluate(() => window.benchClickAt!)));
          const paragraphs = page.locator('.article-text p:not(.blank-line):not(.placeholder)');
          for (let i = 0; i < HIGHLIGHTS_PER_LOAD; i++) {
            await paragraphs.nth(i).dblclick({ position: { x: 40, y: 10 } });
            await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
            await armHighlightWatch(page, Number.MAX_SAFE_INTEGER);
            await page.keyboard.press('c');
            times.addHighlightMs.push(await page.evaluate(() => window.benchDone!));
            await page.waitForTimeout(SETTLE_MS);
          }
          if (errors.length > 0) throw new Error(`the app reported errors: ${errors.join('; ')}`);
        } finally {
          await context.close();
        }
      }
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return times;
}
