import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { generateLongArticle } from '../bench/longArticle.ts';
import { useBrowserAndApp, type RunningApp } from '../helpers/browser.ts';
import { eventually } from '../helpers/seededApp.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
const TITLE = 'A long article read far down';

/** The scroll position of the reading column. */
const scrollTop = (page: Page) => page.evaluate(() => document.querySelector('main.reading')!.scrollTop);

/**
 * The middle of an annotated word in the rendered text between 200 and 600 px
 * from the top of the window, skipping `skip` such words: where an analyst
 * reading there would double-click. Found in the page, so the pointer goes
 * exactly there and nothing scrolls to reach it.
 */
const annotatedWordInView = (page: Page, skip: number) =>
  page.evaluate((skipped) => {
    const found: Array<{ x: number; y: number; word: string }> = [];
    for (const leaf of document.querySelectorAll<HTMLElement>('.article-text [data-annotation-ids]')) {
      const node = leaf.querySelector('[data-slate-string]')?.firstChild ?? leaf.firstChild;
      const text = node?.textContent ?? '';
      const match = /[A-Za-z]{4,}/.exec(text);
      if (!node || !match) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rect = range.getBoundingClientRect();
      if (rect.top < 200 || rect.bottom > 600 || rect.width === 0) continue;
      found.push({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2, word: match[0] });
    }
    return found[skipped * 7] ?? null;
  }, skip);

const newest = (app: RunningApp) =>
  app.session.db.prepare('SELECT id, quote, tag FROM annotations ORDER BY id DESC LIMIT 1').get() as { id: number; quote: string; tag: string };

/** A 20,000-word article, most of its words already under an annotation, open in the app. */
async function openLongArticle() {
  const opened = await session.open(join(tempDir(), 'corpus.sqlite'), { viewport: { width: 1400, height: 900 } });
  const { page, app } = opened;
  // Long enough that most paragraphs start as placeholders; most words lie under an annotation already.
  const { text, spans } = generateLongArticle({ words: 20_000, spans: 1_500 });
  const { articleId } = insertArticle(
    app.session.db,
    { text: `${TITLE}\n\n${text}`, title: TITLE, outlet: 'Far', url: null, published: null, fileName: null },
    'e2e',
  );
  const create = app.session.handlers['annotations.create'];
  const shift = TITLE.length + 2;
  app.session.db.transaction(() => spans.forEach((s) => create({ articleId, start: s.start + shift, end: s.end + shift, tag: s.tag })))();
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: new RegExp(TITLE) })
    .click();
  await page.locator('.article-text p').first().waitFor();
  return opened;
}

/** Paragraphs rendered in full (not placeholders, not blank lines). */
const renderedParagraphs = (page: Page) => page.locator('.article-text p:not(.placeholder):not(.blank-line)').count();

/** Scrolls the reading column down by `px` in screen-sized steps, letting the paragraphs near each step render. */
async function readDown(page: Page, px: number) {
  for (let moved = 0; moved < px; moved += 800) {
    await page.evaluate(() => document.querySelector('main.reading')!.scrollBy(0, 800));
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
}

describe('tagging far down a long article', () => {
  it('tags a double-clicked annotated word where it was read, the text never scrolling under the pointer, and a second word tagged at once is painted too', async () => {
    const { page, problems, app } = await openLongArticle();

    // Six tenths down: far paragraphs are not even mounted until they near the viewport, so scroll the column rather than to an element.
    await page.evaluate(() => {
      const reading = document.querySelector('main.reading')!;
      reading.scrollTop = reading.scrollHeight * 0.6;
    });
    // Paragraphs near the viewport render and settle to their real heights.
    await page.waitForTimeout(1_000);

    for (const [n, key, tag] of [
      [0, 'c', 'claim'],
      [1, 'd', 'denial'],
    ] as const) {
      const target = await annotatedWordInView(page, n);
      expect(target, 'an annotated word on screen').not.toBeNull();
      const before = await scrollTop(page);
      await page.mouse.dblclick(target!.x, target!.y);
      await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
      // The first click lands on a highlight and selects it; the text must stay where the second click lands.
      expect(await scrollTop(page)).toBe(before);
      expect(await page.evaluate(() => window.getSelection()!.toString().trim())).toBe(target!.word);
      await page.keyboard.press(key);
      await eventually(() => newest(app)).toMatchObject({ quote: target!.word, tag });
      await page
        .locator(`[data-annotation-ids~="${newest(app).id}"]`)
        .first()
        .waitFor({ timeout: 10_000 });
      expect(await scrollTop(page)).toBe(before);
    }
    expect(problems).toEqual([]);
  });

  it('keeps only the text near the viewport rendered however far the analyst reads, and scrolling back shows the same words in place', async () => {
    const { page, problems } = await openLongArticle();
    await readDown(page, 4_000);
    const nearTop = await renderedParagraphs(page);
    const marker = await page.evaluate(() => {
      const reading = document.querySelector('main.reading')!;
      const top = reading.getBoundingClientRect().top + 100;
      const p = [...document.querySelectorAll<HTMLElement>('.article-text p[data-offset]:not(.placeholder):not(.blank-line)')].find(
        (node) => node.getBoundingClientRect().top >= top,
      )!;
      return { offset: p.dataset.offset!, scrollTop: reading.scrollTop, y: p.getBoundingClientRect().top };
    });
    await readDown(page, 30_000);
    // Read text far behind is a placeholder again: the rendered text does not grow with the distance read.
    expect(await renderedParagraphs(page)).toBeLessThanOrEqual(nearTop * 1.5);
    await page.evaluate((top) => (document.querySelector('main.reading')!.scrollTop = top), marker.scrollTop);
    await page.waitForTimeout(500);
    // Placeholders keep the height their paragraph was laid out at: back at the same scroll position, the same paragraph is in the same place.
    const back = await page.evaluate(
      (offset) => document.querySelector<HTMLElement>(`.article-text p[data-offset="${offset}"]`)!.getBoundingClientRect().top,
      marker.offset,
    );
    expect(Math.abs(back - marker.y)).toBeLessThan(2);
    expect(problems).toEqual([]);
  });

  it('mounts only the paragraphs near the top on opening, and k selects the last annotation, scrolling its highlight into view at the far end', async () => {
    const { page, problems, app } = await openLongArticle();
    const { text } = app.session.db.prepare('SELECT text FROM articles WHERE title = ?').get(TITLE) as { text: string };
    const lines = text.split('\n').length;
    expect(await page.locator('.article-text p').count()).toBeLessThan(lines / 4);
    expect(await page.locator('.article-text .paragraph-chunk.placeholder').count()).toBeGreaterThan(0);
    const last = app.session.db.prepare('SELECT id FROM annotations ORDER BY start DESC, "end" DESC, id DESC LIMIT 1').get() as { id: number };

    await page.locator('.article-meta span').first().click();
    await page.keyboard.press('k');
    const highlight = page.locator(`.article-text [data-annotation-ids~="${last.id}"]`).first();
    await highlight.waitFor({ timeout: 10_000 });
    await eventually(() =>
      highlight.evaluate((leaf) => {
        const reading = document.querySelector('main.reading')!.getBoundingClientRect();
        const box = leaf.getBoundingClientRect();
        return box.top >= reading.top && box.bottom <= reading.bottom;
      }),
    ).toBe(true);
    expect(await scrollTop(page)).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });

  it('keeps a text selection whole while the analyst scrolls far away and back, so it can still be tagged', async () => {
    const { page, problems, app } = await openLongArticle();
    await readDown(page, 2_000);
    const target = await annotatedWordInView(page, 0);
    expect(target, 'an annotated word on screen').not.toBeNull();
    await page.mouse.dblclick(target!.x, target!.y);
    await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
    const top = await scrollTop(page);
    await readDown(page, 20_000);
    await page.evaluate((at) => (document.querySelector('main.reading')!.scrollTop = at), top);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.getSelection()!.toString().trim())).toBe(target!.word);
    await page.keyboard.press('a');
    await eventually(() => newest(app)).toMatchObject({ quote: target!.word, tag: 'attribution' });
    expect(problems).toEqual([]);
  });
});
