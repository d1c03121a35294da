import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../main/api/session.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { eventually } from '../helpers/seededApp.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();

const BRIDGE = 'the old river bridge would reopen to traffic in March once the repairs to its northern pillars are finished';
const GRAIN = 'farmers protested against grain prices outside parliament';
const LONG_OUTLET = 'The Extraordinarily Long-Named Regional Evening Gazette';

/** Stores an article of an outlet and tags its sentence through the app's own handler. */
function tagged(app: Session, outlet: string, text: string, quote: string): number {
  const articleId = stored(app, outlet, text);
  const start = text.indexOf(quote);
  return app.handlers['annotations.create']({ articleId, start, end: start + quote.length, tag: 'claim' }).id;
}
const stored = (app: Session, outlet: string, text: string) =>
  insertArticle(app.db, { text, title: null, outlet, url: null, published: null, fileName: null }, 'e2e').articleId;

const cellName = (row: Locator, source: string) => row.locator(`[aria-label*=" in ${source}: "]`).first().getAttribute('aria-label');

describe('the matrix says what an empty cell means', () => {
  it('tells "not annotated yet" from "not reported", draws whole labels, and saves an SVG and a PNG that carry them and the legend', async () => {
    const { page, problems, app } = await session.open(join(tempDir(), 'corpus.sqlite'), { viewport: { width: 1400, height: 900 } });
    const s = app.session;
    const a = tagged(s, 'Alpha Wire', `The minister said ${BRIDGE}.`, BRIDGE);
    const b = tagged(s, LONG_OUTLET, `Officials confirmed ${BRIDGE}.`, BRIDGE);
    s.handlers['links.create']({ fromId: a, toId: b, type: 'same-claim' });
    const c = tagged(s, 'Gamma Daily', `On Tuesday ${GRAIN}.`, GRAIN);
    const d = tagged(s, 'Delta Post', `Yesterday ${GRAIN} again.`, GRAIN);
    s.handlers['links.create']({ fromId: c, toId: d, type: 'same-claim' });
    // Delta Post has a second article nobody has annotated: its silence on the bridge is not yet known.
    stored(s, 'Delta Post', 'Rain is expected across the valley this weekend.');

    await page.reload();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Matrix' }).click();
    const matrix = page.getByRole('group', { name: 'Claims by source matrix' });
    const bridgeRow = matrix.locator('[data-group]').filter({ hasText: 'bridge' });
    await bridgeRow.waitFor();

    // Gamma Daily's only article is annotated: the bridge is not reported there. Delta Post has an unread article.
    expect(await cellName(bridgeRow, 'Gamma Daily')).toMatch(/: not reported; open$/);
    expect(await cellName(bridgeRow, 'Delta Post')).toMatch(/: not annotated yet; open$/);
    const drawn = await bridgeRow.locator('.matrix-cell').allTextContents();
    expect(drawn).toEqual(expect.arrayContaining(['not reported', 'not annotated yet']));
    expect(drawn).not.toContain('—');

    // Whole labels: the claim (longer than the 60 characters a label keeps) and the long outlet name, every word drawn.
    const squash = (text: string | null) => (text ?? '').replace(/\s/g, '');
    expect(squash(await bridgeRow.locator(':scope > text').textContent()).replace(/·\d+origins?$/, '')).toBe(squash(BRIDGE));
    const header = await matrix.locator(':scope > g:not([data-group])').allTextContents();
    expect(header.map(squash).some((h) => h.startsWith(squash(LONG_OUTLET)))).toBe(true);

    const legend = await matrix.locator('.matrix-legend').textContent();
    for (const state of ['reported', 'denied', 'suggested?', 'not reported', 'not annotated yet']) expect(legend).toContain(state);

    // The saved SVG reads alone: labels whole, the empty cells in words, the legend.
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save SVG' }).click()]);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    for (const text of ['not annotated yet', 'not reported', 'the claim may be there unseen', ...BRIDGE.split(' ').slice(-4)]) expect(svg).toContain(text);
    expect(svg).toContain('Long-Named');

    // The PNG is drawn from the same picture at twice its size, the legend included: its "denied" swatch is there.
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save PNG' }).click()]);
    const png = readFileSync((await pngDownload.path())!).toString('base64');
    const legendTop = await matrix.locator('.matrix-legend').evaluate((g) => Number(/translate\(6, ([\d.]+)\)/.exec(g.getAttribute('transform')!)![1]));
    const [width, height, swatch] = await page.evaluate(
      async ({ data, top }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        // The second legend entry (denied): its swatch left of the word, at twice the size.
        const pixel = context.getImageData((6 + 5) * 2, (top + 20 + 8) * 2, 1, 1).data;
        return [image.width, image.height, [pixel[0], pixel[1], pixel[2]]];
      },
      { data: png, top: legendTop },
    );
    const viewBox = (await matrix.getAttribute('viewBox'))!.split(' ').map(Number);
    expect([width, height]).toEqual([viewBox[2]! * 2, viewBox[3]! * 2]);
    expect(swatch).toEqual([0xd5, 0x5e, 0x00]);
    await eventually(() => problems).toEqual([]);
  });
});
