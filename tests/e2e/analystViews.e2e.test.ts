import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { eventually, openArticle, seededCorpus } from '../helpers/seededApp.ts';

const session = useBrowserAndApp();
const open = (dbPath: string) => session.open(dbPath, { viewport: { width: 1400, height: 900 } });

describe('searching the corpus', () => {
  it('names each article as the article list does and lists a sentence holding two of the words once, with both marked', async () => {
    const { page, problems } = await open(await seededCorpus(session));
    await openArticle(page, /US says Russia providing/);
    await page.keyboard.press('/');
    await page.keyboard.type('technical support');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await eventually(() => results.locator('mark').count()).toBeGreaterThan(0);
    // 000 has no title: the list names it by its file, and so do the results.
    const untitled = results.getByRole('region', { name: /000_ed5d5ab491bc05c6/ });
    await eventually(() => untitled.count()).toBe(1);
    const labels = await results.locator('section').evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')));
    expect(labels.filter((l) => /^Article \d+$/.test(l ?? ''))).toEqual([]);
    const rows = untitled.getByRole('option');
    const marked = await rows.evaluateAll((options) => options.map((o) => [...o.querySelectorAll('mark')].map((m) => m.textContent!.toLowerCase())));
    expect(marked).toContainEqual(['technical', 'support']);

    await rows.first().click();
    await eventually(() => page.locator('#article-heading').innerText()).toMatch(/000_ed5d5ab491bc05c6/);
    const hit = page.locator('.article-text .mark-flash');
    await eventually(() => hit.count()).toBeGreaterThan(0);
    // The hit stays marked while the analyst reads, not for a moment.
    await page.waitForTimeout(3_000);
    expect(await hit.first().innerText()).toMatch(/^technical/i);
    await page.keyboard.press('Escape');
    await eventually(() => hit.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
