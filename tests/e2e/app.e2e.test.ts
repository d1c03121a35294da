import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import { runCli } from '../helpers/runCli.ts';

const session = useBrowserAndApp();

const openApp = (dbPath: string) => session.open(dbPath);

describe('the app in browser mode', () => {
  it('lists the five seed articles of a first run', async () => {
    const { page, problems } = await openApp(join(tempDir(), 'corpus.sqlite'));
    const items = page.getByRole('navigation', { name: 'Articles' }).getByRole('button');
    await expect.poll(() => items.count()).toBe(5);
    await expect.poll(() => page.getByText('5 articles').isVisible()).toBe(true);
    expect(await items.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/THE BUSINESS STANDARD\s+US says Russia providing ‘unprecedented’ military support to Iran\s+2022-12-11/)]),
    );
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    expect(problems).toEqual([]);
  });

  it('opens an article, shows its text, and highlights its annotations by tag', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    await session.start(dbPath); // first run seeds the corpus
    await session.stop();
    const text: string = JSON.parse(runCli(['show', '3', '--db', dbPath, '--json']).stdout).text;
    const quote = 'an unprecedented level of military and technical support';
    const start = text.indexOf(quote);
    expect(runCli(['annotate', '3', '--db', dbPath, '--start', String(start), '--end', String(start + quote.length), '--tag', 'claim']).status).toBe(0);
    const denial = 'which Tehran initially denied';
    const dStart = text.indexOf(denial);
    expect(runCli(['annotate', '3', '--db', dbPath, '--start', String(dStart), '--end', String(dStart + denial.length), '--tag', 'denial']).status).toBe(0);

    const { page, problems } = await openApp(dbPath);
    await page.getByRole('button', { name: /US says Russia providing/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText()).toBe('US says Russia providing ‘unprecedented’ military support to Iran');
    const pane = page.getByLabel('Article text');
    await expect.poll(() => pane.innerText()).toContain('The Middle Eastern country later admitted sending Moscow a limited number of drones');
    expect(await page.locator('.article-text .hl-claim').allInnerTexts()).toEqual([quote]);
    expect(await page.locator('.article-text .hl-denial').allInnerTexts()).toEqual([denial]);
    const claimColour = await page.locator('.article-text .hl-claim').evaluate((el) => getComputedStyle(el).backgroundColor);
    const denialColour = await page.locator('.article-text .hl-denial').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(claimColour).not.toBe(denialColour);
    expect(problems).toEqual([]);
  });
});
