import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { runCli } from '../helpers/runCli.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
/** How long the first screen may take to show the corpus on a loaded machine. */
const FIRST_SCREEN_MS = 10_000;

async function openApp(dbPath: string) {
  const opened = await session.open(dbPath, { consoleErrors: false });
  // The first screen's data comes after the page's load event (the answers' schemas load beside it).
  await expect.poll(() => opened.page.getByText('5 articles').isVisible(), { timeout: FIRST_SCREEN_MS }).toBe(true);
  return opened;
}

const articles = (dbPath: string) =>
  JSON.parse(runCli(['articles', '--db', dbPath, '--json']).stdout) as Array<{ id: number; title: string | null; outlet: string | null }>;

describe('importing from the app', () => {
  it('imports picked files one by one and reports each as imported, duplicate or failed with its reason', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const { page, problems } = await openApp(dbPath);
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.txt'), Buffer.from([0x41, 0x00, 0x42]));
    await page.getByRole('button', { name: 'Import…' }).click();
    await page
      .getByLabel('Choose files…')
      .setInputFiles([
        join(PROJECT_ROOT, 'tests', 'fixtures', 'html', 'wire-report.html'),
        join(dir, 'broken.txt'),
        join(PROJECT_ROOT, 'seeds', '000_ed5d5ab491bc05c6.txt'),
      ]);
    await expect.poll(() => page.getByRole('dialog').getByRole('status').innerText()).toBe('1 imported, 1 duplicate, 1 failed');
    const results = await page.getByRole('table', { name: 'Import results' }).innerText();
    expect(results).toMatch(/failed\s+broken\.txt\s+file looks binary/);
    expect(results).toMatch(/duplicate\s+000_ed5d5ab491bc05c6\.txt\s+same text as article 1/);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByText('6 articles').isVisible()).toBe(true);
    expect(articles(dbPath).find((a) => a.outlet === 'Example Wire')?.title).toBe("US says Russia offering Iran 'unprecedented' military support");
    expect(problems).toEqual([]);
  });

  it('stops before the next file when cancelled, leaving the files already done imported and the rest untouched', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const { page } = await openApp(dbPath);
    const dir = tempDir();
    const files = Array.from({ length: 6 }, (_, i) => {
      const file = join(dir, `report-${i}.txt`);
      writeFileSync(file, `Report number ${i} on the drone deliveries, as filed by our correspondent.\n`);
      return file;
    });
    // Slow each request down so that Cancel lands while the batch is running.
    await page.route('**/api/articles.import', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.getByLabel('Choose files…').setInputFiles(files);
    await expect.poll(() => page.getByRole('dialog').getByRole('status').innerText()).toMatch(/Importing [1-3] of 6/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('status').innerText()).toMatch(/^\d imported, 0 duplicate, 0 failed, \d cancelled$/);
    const [imported, cancelled] = (await page.getByRole('dialog').getByRole('status').innerText())
      .match(/\d+/g)!
      .map(Number)
      .filter((_, i) => i === 0 || i === 3);
    expect(imported! + cancelled!).toBe(6);
    expect(cancelled).toBeGreaterThan(0);
    expect(articles(dbPath)).toHaveLength(5 + imported!);
  });

  it("edits an article's details, and refuses a malformed address with the reason", async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const { page } = await openApp(dbPath);
    await page.getByRole('button', { name: /US says Russia providing/ }).click();
    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByRole('dialog').getByLabel('URL').fill('not an address');
    await page.getByRole('dialog').getByLabel('Outlet').fill('The Business Standard (Dhaka)');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').innerText()).toMatch(/url/);
    await page.getByLabel('URL').fill('https://www.tbsnews.example/world/us-russia-iran');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const edited = articles(dbPath).find((a) => a.title?.startsWith('US says Russia providing'));
    expect(edited).toMatchObject({ outlet: 'The Business Standard (Dhaka)', url: 'https://www.tbsnews.example/world/us-russia-iran' });
  });

  it('imports files dropped onto the dialog', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const { page } = await openApp(dbPath);
    await page.getByRole('button', { name: 'Import…' }).click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Dropped report: Tehran denied sending drones to Moscow.\n'], 'dropped.txt', { type: 'text/plain' }));
      document.querySelector('.drop-zone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.getByRole('dialog').getByRole('status').innerText()).toBe('1 imported, 0 duplicate, 0 failed');
    expect(articles(dbPath).map((a) => a.id)).toContain(6);
  });
});

describe('the orphans queue', () => {
  it('shows an annotation a re-import could not place, and places it at the suggestion when asked', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const dir = tempDir();
    const page = (denial: string) =>
      `<html><head><meta property="og:site_name" content="Example News"><link rel="canonical" href="https://news.example.test/drones"></head><body><article>` +
      `<p>The White House said on Friday that Russia was offering Iran an unprecedented level of military and technical support.</p>` +
      `<p>${denial} sending drones to Russia for use in Ukraine, its foreign ministry said in a statement on Saturday.</p></article></body></html>`;
    writeFileSync(join(dir, 'v1.html'), page('Iran denied'));
    writeFileSync(join(dir, 'v2.html'), page('Iran denies'));
    expect(runCli(['import', join(dir, 'v1.html'), '--db', dbPath]).status).toBe(0);
    const text: string = JSON.parse(runCli(['show', '1', '--db', dbPath, '--json']).stdout).text;
    const start = text.indexOf('Iran denied');
    expect(runCli(['annotate', '1', '--start', String(start), '--end', String(start + 11), '--tag', 'denial', '--db', dbPath]).status).toBe(0);
    expect(runCli(['import', join(dir, 'v2.html'), '--db', dbPath]).stdout).toContain('0 annotations moved, 1 to place in the orphans queue');

    const app = await session.start(dbPath);
    const tab = await session.browser().newPage({ viewport: { width: 1280, height: 800 } });
    await tab.goto(app.server.url);
    await tab.getByRole('button', { name: 'Orphans' }).click();
    const queue = tab.getByRole('dialog', { name: 'Orphaned annotations' });
    await expect.poll(() => queue.innerText()).toMatch(/“Iran denied” — article 1 → 2/);
    expect(await queue.innerText()).toMatch(/Suggested: “Iran denies”/);
    await queue.getByRole('button', { name: 'Place here' }).click();
    await expect.poll(() => queue.innerText()).toMatch(/Nothing to place/);
    expect(JSON.parse(runCli(['annotations', '2', '--db', dbPath, '--json']).stdout)).toMatchObject([{ quote: 'Iran denies', tag: 'denial' }]);

    await queue.getByRole('button', { name: 'Close' }).click();
    await tab.getByRole('navigation', { name: 'Articles' }).getByRole('button').first().click();
    const notice = tab.getByRole('note');
    await expect.poll(() => notice.innerText()).toMatch(/An older version, kept as evidence: replaced on \d{4}-\d{2}-\d{2} by article 2\./);
    await notice.getByRole('button', { name: 'article 2' }).click();
    await expect.poll(() => notice.innerText()).toBe('Replaces article 1.');
  });
});
