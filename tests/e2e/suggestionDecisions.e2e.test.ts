import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { annotate, cliAnnotations, eventually, openArticle, seededCorpus } from '../helpers/seededApp.ts';

const session = useBrowserAndApp();
const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';

/** Rows of the corpus file, read as the command line would (read-only, beside the running app). */
const rows = <T>(dbPath: string, sql: string): T[] => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
};

/** Pins the seeded Kirby claim and opens the article where the matcher finds its reworded report. */
async function pinnedClaimAndItsGhost(page: Page) {
  await openArticle(page, /000_ed5d5ab491bc05c6/);
  await page.locator('.article-text .hl-claim').first().click();
  await page.keyboard.press('p');
  await openArticle(page, /001_0bb0776770e3bb18/);
  const ghost = page.locator('.article-text .mark-ghost').filter({ hasText: 'technique' }).first();
  await ghost.waitFor({ timeout: 20_000 });
  return ghost;
}

describe('deciding on a suggestion in the text', () => {
  it('rejects a ghost, and Ctrl+Z takes the rejection back in the same article: the ghost returns and nothing else is undone', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 1, KIRBY);
    const { page, problems } = await session.open(dbPath, { viewport: { width: 1400, height: 900 } });
    const ghost = await pinnedClaimAndItsGhost(page);
    await ghost.click();
    await page.getByRole('dialog', { name: 'Suggested span' }).getByRole('button', { name: 'Reject' }).click();
    await eventually(() => rows(dbPath, 'SELECT * FROM suggestion_rejections').length).toBe(1);
    await eventually(() => page.locator('.article-text .mark-ghost').filter({ hasText: 'technique' }).count()).toBe(0);

    await page.keyboard.press('Control+z');
    await eventually(() => rows(dbPath, 'SELECT * FROM suggestion_rejections').length).toBe(0);
    expect(await page.locator('#article-heading').innerText()).toMatch(/001_0bb0776770e3bb18/);
    // The older edit (the claim tagged in the first article) stands.
    expect(cliAnnotations(dbPath, 1)).toHaveLength(1);
    await eventually(() => page.locator('.article-text .mark-ghost').filter({ hasText: 'technique' }).count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('accepts a ghost as the link type chosen in the links panel', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 1, KIRBY);
    const { page, problems } = await session.open(dbPath, { viewport: { width: 1400, height: 900 } });
    const ghost = await pinnedClaimAndItsGhost(page);
    await page.getByRole('combobox', { name: 'Link type' }).selectOption('paraphrase');
    await ghost.click();
    await page.getByRole('dialog', { name: 'Suggested span' }).getByRole('button', { name: 'Accept' }).click();
    await eventually(() => rows<{ type: string }>(dbPath, 'SELECT type FROM links').map((l) => l.type)).toEqual(['paraphrase']);
    expect(problems).toEqual([]);
  });

  it('opens the card of a ghost at the foot of the window above the ghost, so it never covers the text being clicked', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 1, KIRBY);
    const { page, problems } = await session.open(dbPath, { viewport: { width: 1400, height: 900 } });
    const ghost = await pinnedClaimAndItsGhost(page);
    // The window ends just below the ghost: the card has no room under it.
    const before = (await ghost.boundingBox())!;
    await page.setViewportSize({ width: 1400, height: Math.ceil(before.y + before.height + 60) });
    await ghost.click();
    const card = page.getByRole('dialog', { name: 'Suggested span' });
    await card.waitFor();
    const [ghostBox, cardBox] = [(await ghost.boundingBox())!, (await card.boundingBox())!];
    expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(ghostBox.y);
    expect(cardBox.y).toBeGreaterThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
