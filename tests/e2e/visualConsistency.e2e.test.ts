import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { runCli } from '../helpers/runCli.ts';
import { annotate, eventually, openArticle, seededCorpus } from '../helpers/seededApp.ts';
import { designStrays } from '../helpers/visualConsistency.ts';

const session = useBrowserAndApp();
const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';

/** Every view of the app, with something in it: the Read view with a selected annotation, the key map, each dialog and each Review tab. */
async function everyView(page: Page, visit: (name: string, within?: string) => Promise<void>): Promise<void> {
  await openArticle(page, /000_ed5d5ab491bc05c6/);
  await page.keyboard.press('j');
  await visit('Read, an annotation selected');
  await page.keyboard.press('?');
  await visit('key map');
  await page.keyboard.press('Escape');
  for (const button of ['Import…', 'Export…', 'Orphans', 'Settings…', 'Edit details', 'Source as captured']) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await visit(`${button} dialog`, '[role=dialog]');
    await page.keyboard.press('Escape');
  }
  await page.getByRole('tab', { name: 'Review' }).click();
  for (const tab of ['Claim groups', 'Suggestions', 'Links', 'Speakers', 'Matrix', 'Graph', 'Agreement', 'Timeline', 'Adjudication']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
    await eventually(() => page.getByRole('tabpanel').innerText()).not.toMatch(/Loading|Finding/);
    await visit(`Review → ${tab}`);
  }
}

describe('one look throughout', () => {
  it('keeps every view on the declared type scale, spacing grid, corner radii and button styles', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 1, KIRBY, 'claim', 'John Kirby');
    annotate(dbPath, 4, KIRBY.replace('defence', 'defense'), 'claim', 'Kirby');
    expect(runCli(['link', '1', '2', '--type', 'same-claim', '--db', dbPath]).status).toBe(0);
    for (const viewport of [
      { width: 1400, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      // With one analyst the Agreement tab is refused in words, and Chromium logs that refusal's HTTP status as a console error.
      const { page, problems } = await session.open(dbPath, { viewport, consoleErrors: false });
      const found: Record<string, string[]> = {};
      await everyView(page, async (name, within) => {
        found[name] = await designStrays(page, within);
      });
      expect(found, `at ${viewport.width}×${viewport.height}`).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
      expect(problems).toEqual([]);
    }
  }, 240_000);
});
