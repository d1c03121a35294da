import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();

/** A seeded corpus where the app's analyst ("e2e") and Ben tagged the same passages of two articles: alike in one, differently in the other. */
async function twoAnalystsTagged(): Promise<{ dbPath: string; differing: string }> {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  const { session: running } = await session.start(dbPath);
  const mine = createHandlers({ db: running.db, actor: 'e2e' });
  const bens = createHandlers({ db: running.db, actor: 'ben' });
  const [alike, apart] = mine['articles.list']({}).filter((a) => a.title !== null) as Array<{ id: number; title: string }>;
  for (const api of [mine, bens]) api['annotations.create']({ articleId: alike!.id, start: 0, end: 80, tag: 'claim' });
  mine['annotations.create']({ articleId: apart!.id, start: 0, end: 80, tag: 'claim' });
  bens['annotations.create']({ articleId: apart!.id, start: 0, end: 80, tag: 'attribution' });
  await session.stop();
  return { dbPath, differing: apart!.title };
}

describe('the agreement view', () => {
  it('shows kappa and alpha per tag and overall for two analysts, and opens an article where they differ', async () => {
    const { dbPath, differing } = await twoAnalystsTagged();
    const { page, problems } = await session.open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Agreement' }).click();
    const table = page.getByRole('table', { name: 'Agreement per tag' });
    await expect.poll(() => table.getByRole('row').count(), { timeout: 15_000 }).toBe(5);
    const overall = await table.getByRole('row', { name: /overall/ }).innerText();
    // Overall agreement is partial: one article alike, one apart.
    const [kappa] = overall.split('\t').slice(1).map(Number);
    expect(kappa).toBeGreaterThan(0);
    expect(kappa).toBeLessThan(1);
    expect(await page.getByLabel('First analyst').inputValue()).toMatch(/^(e2e|ben)$/);
    const differ = page.getByRole('list', { name: 'Articles where they differ' }).getByRole('listitem');
    expect(await differ.count()).toBe(1);
    expect(await differ.innerText()).toMatch(/\d+ of \d+ words labelled differently \(kappa -?\d\.\d{3}\)$/);
    await differ.getByRole('button').click();
    await expect.poll(() => page.locator('#article-heading').innerText()).toContain(differing.slice(0, 20));
    expect(problems).toEqual([]);
  });

  it('compares nothing, and says so, for an analyst who annotated none of the same articles', async () => {
    const { dbPath } = await twoAnalystsTagged();
    const { page } = await session.open(dbPath, { consoleErrors: false });
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Agreement' }).click();
    await expect.poll(() => page.getByLabel('Second analyst').inputValue(), { timeout: 15_000 }).not.toBe('');
    await page.getByLabel('Second analyst').fill('nobody');
    await expect.poll(() => page.getByText(/over 0 articles/).count(), { timeout: 10_000 }).toBe(1);
  });
});
