import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
/** How long the first screen may take to show the corpus on a loaded machine. */
const FIRST_SCREEN_MS = 10_000;

describe('exporting and rating from the app', () => {
  it('downloads annotations.csv and links.csv with the filters ticked, the same bytes the export command writes', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const { page, problems, app } = await session.open(dbPath);
    // The first screen's data comes after the page's load event (the answers' schemas load beside it).
    await expect.poll(() => page.getByText('5 articles').isVisible(), { timeout: FIRST_SCREEN_MS }).toBe(true);
    const create = app.session.handlers['annotations.create'];
    const claim = create({ articleId: 1, start: 0, end: 12, tag: 'claim', note: '=1+1, "quoted"\nsecond line' });
    create({ articleId: 1, start: 20, end: 30, tag: 'denial' });
    const echo = create({ articleId: 2, start: 0, end: 12, tag: 'claim' });
    app.session.handlers['links.create']({ fromId: claim.id, toId: echo.id, type: 'same-claim' });

    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
    await dialog.getByRole('checkbox', { name: 'claim' }).check();
    await dialog.getByRole('checkbox', { name: 'Byte-order mark, for Excel' }).check();
    const downloaded: Record<string, Buffer> = {};
    for (const table of ['annotations', 'links']) {
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: `Download ${table}.csv` }).click()]);
      expect(download.suggestedFilename()).toBe(`${table}.csv`);
      downloaded[table] = readFileSync(await download.path());
    }

    const out = tempDir();
    // Checked before the app stops: the page's background requests fail once nothing answers them.
    expect(problems).toEqual([]);
    await app.close();
    expect(runCli(['export', '--format', 'csv', '--out', out, '--tag', 'claim', '--bom', '--db', dbPath]).status).toBe(0);
    expect(downloaded.annotations).toEqual(readFileSync(join(out, 'annotations.csv')));
    expect(downloaded.links).toEqual(readFileSync(join(out, 'links.csv')));
    const rows = parse(downloaded.annotations!, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [Number(r.annotation_id), r.tag])).toEqual([
      [claim.id, 'claim'],
      [echo.id, 'claim'],
    ]);
    expect(rows[0]!.note).toBe(`'=1+1, "quoted"\nsecond line`);
  });

  it('sets the verdict on a claim group at the review desk, and downloads its ClaimReview with the rating', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const { page, problems, app } = await session.open(dbPath);
    // The first screen's data comes after the page's load event (the answers' schemas load beside it).
    await expect.poll(() => page.getByText('5 articles').isVisible(), { timeout: FIRST_SCREEN_MS }).toBe(true);
    const create = app.session.handlers['annotations.create'];
    const first = create({ articleId: 1, start: 0, end: 12, tag: 'claim' });
    const second = create({ articleId: 2, start: 0, end: 12, tag: 'claim' });
    app.session.handlers['links.create']({ fromId: first.id, toId: second.id, type: 'same-claim' });

    await page.getByRole('tab', { name: 'Review' }).click();
    const form = page.getByRole('form', { name: /^Verdict on claim group/ });
    await form.getByLabel('Rating').selectOption('2');
    await form.getByLabel('Verdict').fill('Misleading');
    await form.getByRole('button', { name: 'Save verdict' }).click();
    await expect.poll(() => form.getByText(/^e2e, \d{4}-\d{2}-\d{2}$/).isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('link', { name: 'ClaimReview JSON' }).click()]);
    const review = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(review).toMatchObject({
      '@type': 'ClaimReview',
      author: { name: 'e2e' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Misleading' },
    });
    expect(review.itemReviewed.appearance).toHaveLength(2);

    // The verdict is stored: the review desk shows it after a reload, and the export command writes the same ClaimReview.
    await page.reload();
    await page.getByRole('tab', { name: 'Review' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('form', { name: /^Verdict on claim group/ })
          .getByLabel('Verdict')
          .inputValue(),
      )
      .toBe('Misleading');
    // Checked before the app stops: the page's background requests fail once nothing answers them.
    expect(problems).toEqual([]);
    await app.close();
    const out = join(tempDir(), 'review.json');
    expect(runCli(['export', '--format', 'claimreview', '--out', out, '--group', String(first.id), '--db', dbPath]).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(review);
  });
});
