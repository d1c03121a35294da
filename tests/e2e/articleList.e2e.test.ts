import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openSession } from '../../main/api/session.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const ARTICLES = 3_000;

/** A corpus of 3,000 short dated articles over four outlets; the last by date is "The very last article", and two carry annotations. */
function largeCorpus(): string {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  const { db, close } = openSession({ dbPath, actor: 'e2e' });
  db.transaction(() => {
    for (let i = 0; i < ARTICLES; i++) {
      const last = i === ARTICLES - 1;
      const day = new Date(Date.UTC(2026, 0, 1) + Math.floor((i * 300) / ARTICLES) * 86_400_000).toISOString().slice(0, 10);
      const { articleId } = insertArticle(
        db,
        {
          text: `Report ${i} of the story, in a few words.`,
          title: last ? 'The very last article' : `Report ${i}`,
          outlet: `Outlet ${i % 4}`,
          url: null,
          published: day,
          fileName: null,
        },
        'e2e',
      );
      if (i === 10 || i === 2_000) createAnnotation(db, { articleId, start: 0, end: 6, tag: 'claim' }, 'e2e');
    }
  })();
  close();
  return dbPath;
}

describe('the article list of a large corpus', () => {
  it('renders a bounded number of rows, and scrolling reaches the last article, which opens', async () => {
    const { page, problems } = await session.open(largeCorpus(), { viewport: { width: 1400, height: 900 } });
    const list = page.getByRole('navigation', { name: 'Articles' });
    await list.getByRole('button', { name: /Report 0\b/ }).waitFor();
    await eventually(() => page.locator('.article-count').textContent()).toBe('3,000 in the list');
    const rendered = await page.locator('.article-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    await page.locator('.article-rows').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = list.getByRole('button', { name: /The very last article/ });
    await last.waitFor();
    expect(await page.locator('.article-row').count()).toBeLessThan(40);
    await last.click();
    await eventually(() => page.locator('#article-heading').textContent()).toBe('The very last article');
    expect(problems).toEqual([]);
  });

  it('filters by outlet and by annotations, and sorts newest first, all in the database', async () => {
    const { page, problems } = await session.open(largeCorpus(), { viewport: { width: 1400, height: 900 } });
    const list = page.getByRole('navigation', { name: 'Articles' });
    await list.getByRole('button', { name: /Report 0\b/ }).waitFor();
    await page.getByRole('combobox', { name: 'Sort articles' }).selectOption('date-descending');
    await eventually(() => list.getByRole('button').first().getAttribute('title')).toBe('The very last article');
    await page.getByRole('combobox', { name: 'Outlet' }).selectOption('Outlet 2');
    await eventually(() => page.locator('.article-count').textContent()).toBe('750 in the list');
    await eventually(async () => (await page.locator('.article-outlet').allTextContents()).every((o) => o === 'Outlet 2')).toBe(true);
    await page.getByRole('combobox', { name: 'Outlet' }).selectOption('');
    await page.getByRole('checkbox', { name: 'with annotations' }).check();
    await eventually(() => page.locator('.article-item').evaluateAll((items) => items.map((i) => i.getAttribute('title')))).toEqual([
      'Report 2000',
      'Report 10',
    ]);
    await page.getByRole('textbox', { name: 'Published to' }).fill('2026-02-01');
    await eventually(() => page.locator('.article-item').evaluateAll((items) => items.map((i) => i.getAttribute('title')))).toEqual(['Report 10']);
    expect(problems).toEqual([]);
  });
});
