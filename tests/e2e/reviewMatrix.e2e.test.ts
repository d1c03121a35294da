import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSession } from '../../main/api/session.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });
const GROUPS = 150;

/** 150 claim groups, each reported by two of 600 articles from three outlets; group 42's claim alone mentions a zeppelin. */
function manyGroups(): string {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  const { db, handlers, close } = openSession({ dbPath, actor: 'e2e' });
  db.transaction(() => {
    for (let g = 0; g < GROUPS; g++) {
      const claim = g === 42 ? 'a zeppelin landed on the roof' : `the ministry counted ${g} boats`;
      const ends = [0, 1].map((k) => {
        const text = `Officials said ${claim}. Report ${g}-${k}.`;
        const { articleId } = insertArticle(
          db,
          { text, title: `Report ${g}-${k}`, outlet: `Outlet ${(g + k) % 3}`, url: null, published: '2026-03-01', fileName: null },
          'e2e',
        );
        const start = text.indexOf(claim);
        return handlers['annotations.create']({ articleId, start, end: start + claim.length, tag: 'claim' });
      });
      handlers['links.create']({ fromId: ends[0]!.id, toId: ends[1]!.id, type: 'same-claim', status: 'confirmed' });
      for (let k = 2; k < 4; k++)
        insertArticle(db, { text: `Unrelated report ${g}-${k}.`, title: null, outlet: `Outlet ${k}`, url: null, published: null, fileName: null }, 'e2e');
    }
  })();
  close();
  return dbPath;
}

describe('the review desk on many claim groups', () => {
  it('draws the matrix a page of groups at a time, one column per outlet of the claims shown, with a search inside', async () => {
    const { page, problems } = await session.open(manyGroups(), { viewport: { width: 1400, height: 900 } });
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Matrix' }).click();
    const rows = page.locator('svg [data-group]');
    await eventually(() => rows.count()).toBe(25);
    expect(await page.locator('.matrix-controls').textContent()).toContain('groups 1–25 of 150');
    // Three outlets report the claims; the other articles (and outlets) of the corpus are no columns.
    expect(await page.locator('svg [data-group]').first().locator('[data-state]').count()).toBe(3);
    await page.getByRole('button', { name: 'Next' }).click();
    // The first page's rows stay until the next page arrives: wait for the page, then count its rows.
    await eventually(() => page.locator('.matrix-controls').textContent()).toContain('groups 26–50 of 150');
    await eventually(() => rows.count()).toBe(25);
    await page.getByRole('searchbox', { name: 'Search the claim groups' }).fill('zeppelin');
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('zeppelin');
    await page.getByRole('searchbox', { name: 'Search the claim groups' }).fill('submarine');
    await eventually(() => page.getByText('No claim group matches “submarine”.').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
