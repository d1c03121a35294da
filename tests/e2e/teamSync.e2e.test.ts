import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseHubAddress } from '../../main/sync/hubAddress.ts';
import { saveLogin } from '../../main/sync/hubLogin.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { startTestHub, type TestHub } from '../helpers/hubFixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { makeDevice } from '../helpers/syncTeam.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
let postgres: RunningPostgres;
let hub: TestHub;
beforeAll(async () => {
  postgres = await startPostgres();
  // The automatic sync runs every few seconds here instead of every minute, so a test can watch it happen.
  process.env.CROSSCHECK_AUTO_SYNC_SECONDS = '2';
}, 60_000);
afterAll(async () => {
  delete process.env.CROSSCHECK_AUTO_SYNC_SECONDS;
  await postgres?.stop();
}, 60_000);
afterEach(async () => {
  await session.stop();
  await hub?.close();
  hub = undefined as unknown as TestHub;
}, 60_000);

/** A corpus of the app's analyst ("e2e") with a saved login for a hub shared with Ben. */
async function corpusWithHub(token?: string): Promise<string> {
  hub = await startTestHub(postgres, ['e2e', 'ben']);
  const dbPath = join(tempDir(), 'corpus.sqlite');
  saveLogin(dbPath, parseHubAddress(hub.url), token ?? hub.tokens.e2e!);
  return dbPath;
}

describe('sync in the app', () => {
  it('says there is no hub and offers no Sync now while none is set up', async () => {
    const { page, problems } = await session.open(join(tempDir(), 'corpus.sqlite'));
    const status = page.getByRole('status', { name: 'Sync status' });
    await expect.poll(() => status.textContent()).toMatch(/^No team hub · \d+ waiting$/);
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('pushes the waiting work on Sync now, then shows when it synced and that nothing waits', async () => {
    const dbPath = await corpusWithHub();
    const { page, problems } = await session.open(dbPath);
    const status = page.getByRole('status', { name: 'Sync status' });
    // The seeded articles are this corpus's first operations, waiting for the hub (unless the automatic sync already took them).
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/ · \d+ waiting$/);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Synced \S+ · 0 waiting$/);
    const onHub = Number((await hub.pool.query("SELECT count(*) AS n FROM operations WHERE analyst = 'e2e'")).rows[0].n);
    expect(onHub).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('brings a colleague’s new annotation into the open app by the automatic sync', async () => {
    const dbPath = await corpusWithHub();
    const { page, problems } = await session.open(dbPath);
    const status = page.getByRole('status', { name: 'Sync status' });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Synced \S+ · 0 waiting$/);
    // Ben pulls the seeded articles, tags a span in the first one and syncs.
    const ben = makeDevice(hub, 'ben');
    await ben.sync();
    const article = ben.db.prepare('SELECT id, title FROM articles WHERE title IS NOT NULL ORDER BY title LIMIT 1').get() as { id: number; title: string };
    ben.api['annotations.create']({ articleId: article.id, start: 0, end: 40, tag: 'denial' });
    await ben.sync();
    // Without touching the app, the annotation arrives with the next automatic sync.
    await expect
      .poll(() => session.app().session.db.prepare("SELECT count(*) FROM annotations WHERE author = 'ben'").pluck().get(), { timeout: 20_000 })
      .toBe(1);
    const escaped = article.title.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button', { name: new RegExp(escaped) })
      .first()
      .click();
    const rows = page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option');
    // Shown with who made it, and highlighted in the text.
    await expect.poll(() => rows.allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining('by ben')]);
    const highlighted = page.locator('main .hl-denial');
    // The text is painted by the reading pane, which may come a moment after the side panel's list.
    await expect.poll(() => highlighted.count()).toBeGreaterThan(0);
    // Mine hides Ben's span from the list and the text; Ben's shows it again.
    const whose = page.getByRole('combobox', { name: 'Whose annotations' });
    await whose.selectOption({ label: 'Mine' });
    await expect.poll(() => rows.count()).toBe(0);
    await expect.poll(() => highlighted.count()).toBe(0);
    await whose.selectOption({ label: 'ben’s' });
    await expect.poll(() => rows.count()).toBe(1);
    await whose.selectOption({ label: 'Everyone’s' });
    expect(problems).toEqual([]);
  });

  it('says in words why a sync failed, and keeps the work waiting', async () => {
    const dbPath = await corpusWithHub('not-a-token-the-hub-knows');
    const { page } = await session.open(dbPath, { consoleErrors: false });
    const status = page.getByRole('status', { name: 'Sync status' });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/^Sync failed at \S+: .*did not accept.*hub login.* · [1-9]\d* waiting$/);
  });
});
