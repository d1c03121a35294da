import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSession } from '../../main/api/session.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { spreadClaim } from '../helpers/claimSpread.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** A corpus of its own (no seed articles) built with the handlers, closed before the app opens it. */
function corpus(build: (api: ReturnType<typeof openSession>) => void): string {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  const opened = openSession({ dbPath, actor: 'e2e' });
  build(opened);
  opened.close();
  return dbPath;
}

/** A local web server for the import: a page, a missing page, and a beacon that records every request made to it. */
let site: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
  site = undefined;
});
async function startSite(): Promise<{ base: string; requests: string[] }> {
  const requests: string[] = [];
  site = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/story.html') {
      const base = `http://127.0.0.1:${(site!.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Ferry service resumes</title>
        <script>fetch('${base}/beacon-script'); document.title = 'script ran';</script></head>
        <body><article><h1>Ferry service resumes</h1><img src="${base}/beacon-image.png" alt="harbour">
        <p>The ferry operator said on Tuesday that crossings would resume on the northern route after the repairs were finished.</p>
        <p>Passengers were told to expect delays for the rest of the week while crews worked through the backlog of bookings.</p>
        <p>The harbour master added that the southern route would follow once the inspection of the second pier was done.</p>
        </article></body></html>`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  });
  await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(site.address() as AddressInfo).port}`, requests };
}

describe('the claim timeline on the review desk', () => {
  it('draws each report by date in its origin’s colour with its copy and citation edges, saves SVG and PNG, and opens a report when clicked', async () => {
    const dbPath = corpus(({ db, handlers }) => void spreadClaim(db, handlers));
    const { page, problems } = await session.open(dbPath, { viewport: { width: 1400, height: 900 } });
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Timeline' }).click();
    const chart = page.getByRole('group', { name: /Timeline of the claim/ });
    await eventually(() => chart.count()).toBe(1);
    expect(await chart.getAttribute('aria-label')).toBe(
      'Timeline of the claim: 5 reports, 2 independent origins (Wire Service copy ×3, Valley Radio-based ×2)',
    );
    expect(await page.locator('.timeline-first').textContent()).toBe('First appearance: Wire Service, 2023-03-01');
    expect(await page.locator('.timeline-people').textContent()).toBe(
      'Said by —; reported by Wire Service, Valley Radio, Daily One, Evening Two, Local Post; denied by —.',
    );
    expect(await chart.locator('[data-article]').count()).toBe(5);
    // The wire story and its two reprints share their text pairwise.
    expect(await chart.locator('[data-edge="copy"]').count()).toBe(3);
    expect(await chart.locator('[data-edge="attributed"]').count()).toBe(1);
    // The dates run left to right: the wire story's dot is left of its reprints'.
    const x = async (name: RegExp) => Number(await chart.getByRole('button', { name }).locator('circle').getAttribute('cx'));
    expect(await x(/^Wire Service/)).toBeLessThan(await x(/^Daily One/));
    expect(await x(/^Daily One/)).toBeLessThan(await x(/^Evening Two/));

    const saved = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const svg = await saved('Save SVG');
    expect(svg.name).toMatch(/^claim-\d+-timeline\.svg$/);
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*Valley Radio/);
    const png = await saved('Save PNG');
    expect(png.name).toMatch(/^claim-\d+-timeline\.png$/);
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    // The matrix counts the same origins.
    await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Matrix' }).click();
    await eventually(() => page.locator('svg [data-origins]').getAttribute('data-origins')).toBe('2');
    await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Timeline' }).click();
    await eventually(() => chart.count()).toBe(1);

    // By keyboard: focus a report and press Enter to open it in the Read view.
    await chart.getByRole('button', { name: /^Local Post/ }).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('#article-heading').textContent()).toBe('Local Post: dam scare');
    expect(problems).toEqual([]);
  });

  it('says there is nothing to draw in a corpus without claim groups', async () => {
    const dbPath = corpus(({ db }) => {
      insertArticle(db, { text: 'A lone report.', title: 'Lone', outlet: 'Solo', url: null, published: null, fileName: null }, 'e2e');
    });
    const { page, problems } = await session.open(dbPath);
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Timeline' }).click();
    await eventually(() => page.getByText(/No claim groups yet\. Link reports of one claim/).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('publisher settings', () => {
  it('saves the organisation and its address for ClaimReview, and refuses an address that is not http(s) with the reason', async () => {
    const { page, problems, app } = await session.open(
      corpus(() => undefined),
      { consoleErrors: false },
    );
    await page.getByRole('button', { name: 'Settings…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publisher settings' });
    await dialog.getByRole('textbox', { name: 'Organisation' }).fill('Example Fact Check');
    await dialog.getByRole('textbox', { name: 'Address (URL)' }).fill('ftp://factcheck.example.org');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => dialog.getByRole('alert').textContent()).toMatch(/expected an http or https address/);
    expect(app.session.handlers['settings.get']({})).toEqual({ organisation: null, url: null });
    await dialog.getByRole('textbox', { name: 'Address (URL)' }).fill('https://factcheck.example.org/');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => dialog.count()).toBe(0);
    expect(app.session.handlers['settings.get']({})).toEqual({ organisation: 'Example Fact Check', url: 'https://factcheck.example.org/' });
    // Opened again, it shows what is saved.
    await page.getByRole('button', { name: 'Settings…' }).click();
    await eventually(() => page.getByRole('dialog', { name: 'Publisher settings' }).getByRole('textbox', { name: 'Organisation' }).inputValue()).toBe(
      'Example Fact Check',
    );
    expect(problems).toEqual([]);
  });
});

describe('import from a web address, and the source as captured', () => {
  it('imports a page fetched by address, reports a missing page and an unreachable server, and shows the captured page with no script run and nothing fetched', async () => {
    const { base, requests } = await startSite();
    const { page, problems, app } = await session.open(
      corpus(() => undefined),
      { consoleErrors: false },
    );
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import articles' });
    const box = dialog.getByRole('textbox', { name: 'Web address' });
    const results = dialog.getByRole('table', { name: 'Web import results' });

    await box.fill(`${base}/gone.html`);
    await dialog.getByRole('button', { name: 'Fetch and import' }).click();
    await eventually(() => results.locator('tr').first().textContent()).toMatch(/^failed.*answered 404/);

    // A port nobody listens on: the server is away, or the machine offline.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await box.fill(`http://127.0.0.1:${deadPort}/story.html`);
    await dialog.getByRole('button', { name: 'Fetch and import' }).click();
    await eventually(() => results.locator('tr').first().textContent()).toMatch(/^failed.*cannot reach 127\.0\.0\.1:\d+.*offline/);

    await box.fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Fetch and import' }).click();
    await eventually(() => results.locator('tr').first().textContent()).toMatch(/^failed.*expected an http or https address/);

    await box.fill(`${base}/story.html`);
    await dialog.getByRole('button', { name: 'Fetch and import' }).click();
    await eventually(() => results.locator('tr').first().textContent()).toMatch(/^imported.*article \d+/);
    expect(app.session.handlers['articles.list']({}).filter((a) => a.title === 'Ferry service resumes')).toHaveLength(1);
    await dialog.getByRole('button', { name: /close/i }).first().click();

    // The article's captured source: its facts, then the page itself in a sandboxed frame.
    await page
      .getByRole('button', { name: /Ferry service resumes/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Source as captured' }).click();
    const source = page.getByRole('dialog', { name: 'Source as captured' });
    await eventually(() => source.locator('.source-facts').textContent()).toContain(`${base}/story.html`);
    expect(await source.locator('code.sha256').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await source.getByRole('button', { name: 'Show the original' }).click();
    const frame = source.locator('iframe.captured-original');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await eventually(() => page.frameLocator('iframe.captured-original').getByRole('heading', { name: 'Ferry service resumes' }).count()).toBe(1);
    await page.waitForTimeout(500);
    expect(requests.filter((r) => r.startsWith('/beacon'))).toEqual([]);
    expect(await page.frameLocator('iframe.captured-original').locator('title').textContent()).toBe('Ferry service resumes');
    expect(problems).toEqual([]);
  });
});

describe('speakers as entities in the app', () => {
  it('records a speaker’s role, affiliation and Wikidata id from the speaker table, refusing a malformed id with the reason', async () => {
    const dbPath = corpus(({ db, handlers }) => {
      const text = 'Kirby said the shipments had stopped in March.';
      const { articleId } = insertArticle(db, { text, title: 'Shipments', outlet: 'Wire', url: null, published: null, fileName: null }, 'e2e');
      handlers['annotations.create']({ articleId, start: 11, end: 45, tag: 'claim', speaker: 'Kirby' });
    });
    const { page, problems, app } = await session.open(dbPath, { consoleErrors: false });
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Speakers' }).click();
    await page.getByRole('button', { name: 'Edit who Kirby is' }).click();
    const form = page.getByRole('form', { name: 'Who Kirby is' });
    await form.getByRole('textbox', { name: 'Role' }).fill('spokesman');
    await form.getByRole('textbox', { name: 'Affiliation' }).fill('National Security Council');
    await form.getByRole('textbox', { name: 'Wikidata id' }).fill('wikidata 6253130');
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => form.getByRole('alert').textContent()).toMatch(/expected a Wikidata item id: Q followed by its number/);
    expect(app.session.handlers['speakers.list']({})[0]).toMatchObject({ role: null, wikidata: null });
    await form.getByRole('textbox', { name: 'Wikidata id' }).fill('Q6253130');
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => page.locator('[data-speaker]').first().textContent()).toContain('spokesman · National Security Council · Q6253130');
    expect(app.session.handlers['speakers.list']({})[0]).toMatchObject({ role: 'spokesman', affiliation: 'National Security Council', wikidata: 'Q6253130' });
    // One undoable step.
    await page.getByRole('button', { name: 'Undo' }).click();
    await eventually(() => app.session.handlers['speakers.list']({})[0]!.wikidata).toBeNull();
    expect(problems).toEqual([]);
  });
});
