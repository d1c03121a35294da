import { describe, expect, it } from 'vitest';
import { rebuildMatchIndex } from '../../main/matching/termIndex.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { eventually, seededCorpus } from '../helpers/seededApp.ts';

const session = useBrowserAndApp();

describe('the word index rebuilt after a matcher update', () => {
  it('says on the suggestion queue that it is being rebuilt, how far it has got, and no more once it is done', async () => {
    const dbPath = await seededCorpus(session);
    // The test does the refresher's work itself, so the line can be seen before the rebuild ends.
    const { page, problems, app } = await session.open(dbPath, { refreshSuggestions: false });
    app.session.db.exec("DELETE FROM match_terms; UPDATE meta SET value = 'an older matcher' WHERE key = 'match_index_version'");
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: /^Suggestions/ }).click();
    const line = page.getByRole('status').filter({ hasText: 'word index' });
    await eventually(() => line.innerText()).toMatch(/matcher was updated: rebuilding its word index, 0 of 5 articles/);
    expect(await line.getByRole('progressbar', { name: 'Word index rebuild progress' }).getAttribute('max')).toBe('5');
    expect(rebuildMatchIndex(app.session.db)).toBe(true);
    // The queue looks again while the index is rebuilt, and the line goes once it is current.
    await eventually(() => line.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
