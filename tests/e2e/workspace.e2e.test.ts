import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { drag, quoteEdges } from '../helpers/readingPane.ts';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();

const BUSINESS_STANDARD = /US says Russia providing/;
/** Polls until the expectation holds; generous, because the test machines share two cores. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 8_000 });

interface Opened {
  page: Page;
  dbPath: string;
  problems: string[];
}

/** Starts the app on a fresh seeded corpus (or the given one) and opens one article. */
async function openArticle(title: RegExp, dbPath = join(tempDir(), 'corpus.sqlite')): Promise<Opened> {
  const { page, problems } = await session.open(dbPath, { viewport: { width: 1400, height: 900 } });
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: title }).click();
  await page.locator('.article-text p').first().waitFor();
  return { page, dbPath, problems };
}

const cliAnnotations = (dbPath: string, article?: number) =>
  JSON.parse(runCli(['annotations', ...(article ? [String(article)] : []), '--db', dbPath, '--json']).stdout) as Array<{
    id: number;
    start: number;
    end: number;
    quote: string;
    tag: string;
    note: string;
  }>;
const storedText = (dbPath: string, article: number): string => JSON.parse(runCli(['show', String(article), '--db', dbPath, '--json']).stdout).text;
/** The text under each annotation's highlight (a highlight may be cut into several leaves by overlaps), for one tag or all. */
const highlighted = (page: Page, tag?: string) =>
  page.evaluate((wanted) => {
    const quotes = new Map<string, { tag: string; text: string }>();
    for (const leaf of document.querySelectorAll<HTMLElement>('.article-text [data-annotation-ids]')) {
      const tags = leaf.dataset.tags!.split(' ');
      leaf.dataset.annotationIds!.split(' ').forEach((id, i) => {
        const entry = quotes.get(id) ?? { tag: tags[i]!, text: '' };
        entry.text += leaf.textContent;
        quotes.set(id, entry);
      });
    }
    return [...quotes.values()].filter((q) => !wanted || q.tag === wanted).map((q) => q.text);
  }, tag);

describe('tagging in the reading pane', () => {
  it('tags a mouse-dragged span from the toolbar, keeps it after a reload, and the CLI finds it at the same offsets', async () => {
    const { page, dbPath, problems } = await openArticle(BUSINESS_STANDARD);
    const quote = 'an unprecedented level of military and technical support';
    await drag(page, quote);
    await page.getByRole('toolbar', { name: 'Tag the selection' }).getByRole('button', { name: 'Claim' }).click();
    await eventually(() => highlighted(page, 'claim')).toEqual([quote]);

    await page.reload();
    await page.getByRole('button', { name: BUSINESS_STANDARD }).click();
    await eventually(() => highlighted(page, 'claim')).toEqual([quote]);

    const [stored] = cliAnnotations(dbPath);
    const text = storedText(dbPath, 3);
    expect(stored).toMatchObject({ quote, tag: 'claim', start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
    expect(problems).toEqual([]);
  });

  it('tags a double-clicked word with one key, trims whitespace, and keeps overlapping spans apart with a picker', async () => {
    const { page, dbPath } = await openArticle(BUSINESS_STANDARD);
    const which = await quoteEdges(page, 'which Tehran initially denied');
    await page.mouse.dblclick(which.start.x + 3, which.start.y);
    await page.keyboard.press('d');
    await eventually(() => highlighted(page, 'denial')).toEqual(['which']);

    await drag(page, ' which Tehran initially');
    await page.keyboard.press('a');
    await eventually(async () => (await cliAnnotations(dbPath)).map((a) => [a.tag, a.quote])).toEqual([
      ['denial', 'which'],
      ['attribution', 'which Tehran initially'],
    ]);
    const overlap = page.locator('.article-text [data-depth="2"]');
    await eventually(() => overlap.innerText()).toBe('which');
    await overlap.click();
    const picker = page.getByRole('menu', { name: 'Annotations here' });
    await eventually(() => picker.getByRole('menuitem').allInnerTexts()).toEqual([
      expect.stringMatching(/denial.*which/i),
      expect.stringMatching(/attribution.*which Tehran initially/i),
    ]);
    await picker.getByRole('menuitem', { name: /attribution/ }).click();
    await eventually(() => page.getByRole('region', { name: 'Selected annotation' }).locator('q').textContent()).toBe('which Tehran initially');
  });

  it('extends a selection with Shift+arrows from the keyboard and tags it', async () => {
    const { page, dbPath } = await openArticle(BUSINESS_STANDARD);
    const { start } = await quoteEdges(page, 'Kirby alleged');
    await page.mouse.click(start.x - 1, start.y);
    for (let i = 0; i < 'Kirby'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('3');
    await eventually(() => cliAnnotations(dbPath).map((a) => [a.tag, a.quote])).toEqual([['attribution', 'Kirby']]);
  });
});

describe('working on annotations from the side panel', () => {
  it('resizes, retags, notes and deletes the selected annotation from the keyboard, and undo/redo replays it all', async () => {
    const { page, dbPath } = await openArticle(BUSINESS_STANDARD);
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    await eventually(() => highlighted(page, 'claim')).toEqual(['John Kirby']);
    await page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option').first().click();

    await page.keyboard.press('Shift+ArrowRight');
    await eventually(() => cliAnnotations(dbPath)[0]?.quote).toBe('John Kirby alleged');
    await page.keyboard.press('Alt+ArrowRight');
    await eventually(() => cliAnnotations(dbPath)[0]?.quote).toBe('Kirby alleged');
    await page.keyboard.press('d');
    await eventually(() => highlighted(page, 'denial')).toEqual(['Kirby alleged']);
    await page.keyboard.press('n');
    await page.keyboard.type('checked against the briefing');
    await page.keyboard.press('Control+Enter');
    await eventually(() => cliAnnotations(dbPath)[0]?.note).toBe('checked against the briefing');

    await page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option').first().click();
    await page.keyboard.press('Delete');
    await eventually(() => cliAnnotations(dbPath)).toEqual([]);
    await eventually(() => page.locator('.article-text .hl').count()).toBe(0);

    await page.keyboard.press('Control+z'); // the delete
    await eventually(() => highlighted(page, 'denial')).toEqual(['Kirby alleged']);
    await page.keyboard.press('Control+z'); // the note
    await page.keyboard.press('Control+z'); // the retag
    await eventually(() => highlighted(page, 'claim')).toEqual(['Kirby alleged']);
    await page.keyboard.press('Control+z'); // shrink
    await page.keyboard.press('Control+z'); // grow
    await eventually(() => highlighted(page, 'claim')).toEqual(['John Kirby']);
    await page.keyboard.press('Control+Shift+Z');
    await eventually(() => highlighted(page, 'claim')).toEqual(['John Kirby alleged']);

    // What the screen shows is what a restart shows.
    await page.reload();
    await page.getByRole('button', { name: BUSINESS_STANDARD }).click();
    await eventually(() => highlighted(page, 'claim')).toEqual(['John Kirby alleged']);
    expect(cliAnnotations(dbPath).map((a) => [a.quote, a.tag, a.note])).toEqual([['John Kirby alleged', 'claim', '']]);
  });

  it('keeps an annotation main refused to delete on screen and selected, and says why', async () => {
    const { page, dbPath } = await openArticle(BUSINESS_STANDARD);
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    await eventually(() => cliAnnotations(dbPath).map((a) => a.quote)).toEqual(['John Kirby']);
    await page.route('**/api/annotations.delete', (route) =>
      route.fulfill({ status: 409, json: { ok: false, error: { code: 'conflict', message: 'Another analyst changed this annotation.' } } }),
    );
    await page.keyboard.press('Delete');
    await eventually(() => page.getByRole('alert').innerText()).toMatch(/Another analyst changed this annotation/);
    expect(await highlighted(page, 'claim')).toEqual(['John Kirby']);
    expect(await page.getByRole('region', { name: 'Selected annotation' }).locator('q').allInnerTexts()).toEqual(['John Kirby']);
    expect(cliAnnotations(dbPath).map((a) => a.quote)).toEqual(['John Kirby']);
  });

  it('undoes across articles, opening the article where the step happened', async () => {
    const { page, dbPath } = await openArticle(BUSINESS_STANDARD);
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    await eventually(() => cliAnnotations(dbPath)).toHaveLength(1);
    await page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button', { name: /Russia giving Iran/ })
      .click();
    await eventually(() => page.getByRole('heading', { level: 2 }).innerText()).toMatch(/Russia giving Iran/);
    await page.keyboard.press('Control+z');
    await eventually(() => page.getByRole('heading', { level: 2 }).innerText()).toMatch(BUSINESS_STANDARD);
    await eventually(() => cliAnnotations(dbPath)).toEqual([]);
    await eventually(() => page.locator('.article-text .hl').count()).toBe(0);
  });

  it('refuses to undo over another analyst’s later change, says why in the app, and changes nothing', async () => {
    const { page, dbPath } = await openArticle(BUSINESS_STANDARD);
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    await eventually(() => cliAnnotations(dbPath)).toHaveLength(1);
    const [created] = cliAnnotations(dbPath);
    createHandlers({ db: session.app().session.db, actor: 'ben' })['annotations.update']({ id: created!.id, note: 'ben: confirmed' });
    await page.keyboard.press('Control+z');
    await eventually(() => page.getByRole('alert').innerText()).toMatch(/has changed since this step.*nothing was changed/);
    expect(cliAnnotations(dbPath).map((a) => [a.quote, a.note])).toEqual([['John Kirby', 'ben: confirmed']]);
  });

  it('filters the list by tag and shows the key map on ?', async () => {
    const { page } = await openArticle(BUSINESS_STANDARD);
    await drag(page, 'John Kirby');
    await page.keyboard.press('a');
    await drag(page, 'military and technical support');
    await page.keyboard.press('c');
    const rows = page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option');
    await eventually(() => rows.count()).toBe(2);
    await page.getByRole('group', { name: 'Show tags' }).getByLabel('claim').uncheck();
    await eventually(() => rows.allInnerTexts()).toEqual([expect.stringMatching(/attribution\s*(by \S+\s*)?John Kirby/i)]);
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await eventually(() => help.innerText()).toMatch(/Ctrl\/Cmd\+Z/);
    await page.keyboard.press('Escape');
    await eventually(() => help.count()).toBe(0);
  });
});

/**
 * Holds main's answers to one kind of request for a while after main has
 * carried it out: the corpus has the change, the screen does not yet. A busy
 * machine does this to a fast typist.
 */
async function answerLate(page: Page, request: string, ms = 800): Promise<void> {
  await page.route(`**/api/${request}`, async (route) => {
    try {
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await route.fulfill({ response });
    } catch {
      // The test ended and stopped the app while an answer was held: there is no page left to answer.
    }
  });
}

/** Where a word of the open article is on screen. */
const wordAt = async (page: Page, word: string) => {
  const { start, end } = await quoteEdges(page, word);
  return { x: (start.x + end.x) / 2, y: start.y };
};

describe('keys pressed before main has answered the key before', () => {
  it('apply in order, each to the annotation as the keys before it left it', async () => {
    const { page, dbPath, problems } = await openArticle(BUSINESS_STANDARD);
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    await eventually(() => highlighted(page, 'claim')).toEqual(['John Kirby']);
    // From the side panel, arrows resize the selected annotation (in the text they move the selection).
    await page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option').first().click();
    await answerLate(page, 'annotations.update');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('d');
    await page.keyboard.press('Alt+ArrowRight');
    await eventually(() => cliAnnotations(dbPath).map((a) => [a.quote, a.tag])).toEqual([['Kirby alleged on', 'denial']]);
    await eventually(() => highlighted(page, 'denial')).toEqual(['Kirby alleged on']);
    expect(problems).toEqual([]);
  });

  it('write a note into the annotation just tagged, before it is stored, and nothing typed acts as a command', async () => {
    const { page, dbPath, problems } = await openArticle(BUSINESS_STANDARD);
    await answerLate(page, 'annotations.create');
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    await page.keyboard.press('n');
    await page.keyboard.type('checked against the briefing');
    await page.keyboard.press('Control+Enter');
    await eventually(() => cliAnnotations(dbPath).map((a) => [a.quote, a.tag, a.note])).toEqual([['John Kirby', 'claim', 'checked against the briefing']]);
    expect(await page.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('checked against the briefing');
    expect(problems).toEqual([]);
  });

  it('keep a word double-clicked meanwhile selected when the answer redraws the text', async () => {
    const { page, dbPath, problems } = await openArticle(BUSINESS_STANDARD);
    await answerLate(page, 'annotations.create', 1_500);
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    const friday = await wordAt(page, 'Friday');
    await page.mouse.dblclick(friday.x, friday.y);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('Friday');
    // The answer arrives and the text is drawn again with the stored highlight.
    await eventually(() => page.locator('.article-text [data-annotation-ids]').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('Friday');
    await page.keyboard.press('a');
    await eventually(() => cliAnnotations(dbPath).map((a) => [a.quote, a.tag])).toEqual([
      ['John Kirby', 'claim'],
      ['Friday', 'attribution'],
    ]);
    expect(problems).toEqual([]);
  });
});

describe('searching the corpus', () => {
  it('shows matches grouped by article and jumps to the chosen one with Enter', async () => {
    const { page } = await openArticle(/Russia giving Iran/);
    await page.keyboard.press('/');
    await page.keyboard.type('kamikaze');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await eventually(() => results.locator('mark').count()).toBeGreaterThan(0);
    const firstGroup = results.locator('section').first();
    const title = await firstGroup.getAttribute('aria-label');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('heading', { level: 2 }).innerText()).toBe(title);
    const flashed = page.locator('.article-text .mark-flash');
    await eventually(() => flashed.first().innerText()).toMatch(/^kamikaze$/i);
    expect(await flashed.first().isVisible()).toBe(true);
  });
});

describe('precision with any script', () => {
  it('stores exactly what was highlighted in text with emoji, CJK, combining marks, right-to-left script and CRLF lines', async () => {
    const dir = tempDir();
    const lines = [
      'Precision test',
      'The envoy 😀 said 北京 rejected the café claim.',
      'The Ix\u0301a elder wrote: «الحكومة تنفي التقرير» in Cairo 🇪🇬 yesterday.',
      'Last line 🙂 ends here.',
    ];
    writeFileSync(join(dir, 'precision.txt'), lines.join('\r\n'));
    const dbPath = join(tempDir(), 'corpus.sqlite');
    expect(runCli(['import', join(dir, 'precision.txt'), '--db', dbPath]).status).toBe(0);
    const articleId = (JSON.parse(runCli(['articles', '--db', dbPath, '--json']).stdout) as Array<{ id: number; fileName: string }>).find(
      (a) => a.fileName === 'precision.txt',
    )!.id;
    const text = storedText(dbPath, articleId);
    expect(text).not.toContain('\r');

    const { page } = await openArticle(/Precision test|precision\.txt/, dbPath);
    // x + combining acute has no precomposed form, so the mark survives normalisation.
    const quotes = ['😀 said 北京 rejected', 'Ix\u0301a', 'الحكومة تنفي', 'Cairo 🇪🇬', 'café'];
    for (const quote of quotes) {
      await drag(page, quote);
      await page.keyboard.press('c');
      await eventually(() => cliAnnotations(dbPath, articleId).length).toBe(quotes.indexOf(quote) + 1);
    }
    const stored = cliAnnotations(dbPath, articleId);
    for (const quote of quotes) {
      const annotation = stored.find((a) => a.quote === quote);
      expect(annotation, quote).toBeDefined();
      expect(text.slice(annotation!.start, annotation!.end)).toBe(annotation!.quote);
      expect(annotation!.start).toBe(text.indexOf(quote));
    }
    // The corpus has the last one before the screen has its answer.
    await eventually(async () => (await highlighted(page)).sort()).toEqual([...quotes].sort());
  });
});
