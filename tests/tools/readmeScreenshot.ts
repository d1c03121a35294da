/**
 * `npm run screenshot`: renders the README's pictures from a throw-away
 * corpus of the seed articles, in headless Chromium: the Read view (a few
 * annotations, one selected in the side panel, a new span selected with its
 * tag toolbar showing), a claim group's drift table, the claims × sources
 * matrix and the link graph.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tag } from '../../main/contract/contract.ts';
import { launchChromium, startApp } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-screenshot-'));
const app = await startApp(join(dir, 'corpus.sqlite'));
const article = app.session.handlers['articles.list']({}).find((a) => a.outlet === 'The Business Standard')!;
const text = app.session.handlers['articles.get']({ id: article.id }).text;
const spans: Array<[string, Tag, string?]> = [
  ['John Kirby alleged on Friday', 'attribution', 'John Kirby'],
  ['Russia is providing Iran with "an unprecedented level of military and technical support"', 'claim'],
  ["Russia and Iran's relationship has warmed to a fully fledged defence partnership", 'claim'],
  ['which Tehran initially denied', 'denial'],
  ["Iran has become Russia's top military backer", 'claim'],
];
const spanOf = (quote: string) => {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in the article: ${quote}`);
  return { start, end: start + quote.length };
};
for (const [quote, tag, speaker] of spans) {
  app.session.handlers['annotations.create']({
    articleId: article.id,
    ...spanOf(quote),
    tag,
    speaker,
    note: tag === 'denial' ? 'Tehran later admitted a limited number of drones.' : undefined,
  });
}
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 800 }, deviceScaleFactor: 1 });
  await page.goto(app.server.url);
  await page.getByRole('button', { name: /US says Russia providing/ }).click();
  await page.locator('.article-text .hl').first().waitFor();
  await page
    .getByRole('listbox', { name: 'Annotations in text order' })
    .getByRole('option', { name: /which Tehran initially denied/ })
    .click();
  await page.waitForTimeout(1500); // let the flash of the selected span fade
  // A fresh selection, as a mouse drag would leave it, with the tag toolbar over it.
  const box = await page.evaluate((quote) => {
    const node = [...document.querySelectorAll('.article-text [data-slate-string]')].find((n) => n.textContent!.includes(quote))!.firstChild!;
    const at = node.textContent!.indexOf(quote);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + quote.length);
    const rects = [...range.getClientRects()].map((r) => ({ left: r.left, right: r.right, top: r.top, height: r.height }));
    return { from: rects[0]!, to: rects[rects.length - 1]! };
  }, 'joint production of lethal drones');
  await page.mouse.move(box.from.left + 1, box.from.top + box.from.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.to.right - 1, box.to.top + box.to.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.getByRole('toolbar', { name: 'Tag the selection' }).waitFor();
  const out = join(PROJECT_ROOT, 'docs', 'screenshot.png');
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}`);

  // Kirby's words in three more outlets, linked to the Business Standard claim: one claim group.
  const kirby = app.session.handlers['annotations.list']({ articleId: article.id }).find((a) => a.quote.startsWith('Russia is providing Iran'))!;
  const others = app.session.handlers['articles.list']({}).filter((a) => a.id !== article.id);
  for (const other of others) {
    const otherText = app.session.handlers['articles.get']({ id: other.id }).text;
    const found = /an unprecedented level of military and (technical support|technique)[^".”]*/.exec(otherText);
    if (!found) continue;
    const created = app.session.handlers['annotations.create']({ articleId: other.id, start: found.index, end: found.index + found[0].length, tag: 'claim' });
    app.session.handlers['links.create']({ fromId: kirby.id, toId: created.id, type: 'same-claim' });
  }
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Review' }).click();
  const group = page.getByRole('region', { name: /Claim group/ }).first();
  await group.waitFor();
  await page.waitForTimeout(300);
  const shots: Array<[string, () => Promise<unknown>]> = [
    ['drift-table.png', () => group.screenshot({ path: join(PROJECT_ROOT, 'docs', 'drift-table.png') })],
    [
      'matrix.png',
      async () => (
        await page.getByRole('tab', { name: 'Matrix' }).click(),
        await page.locator('figure.chart').waitFor(),
        page.locator('figure.chart').screenshot({ path: join(PROJECT_ROOT, 'docs', 'matrix.png') })
      ),
    ],
    [
      'graph.png',
      async () => (
        await page.getByRole('tab', { name: 'Graph' }).click(),
        await page.locator('figure.chart').waitFor(),
        page.locator('figure.chart').screenshot({ path: join(PROJECT_ROOT, 'docs', 'graph.png') })
      ),
    ],
  ];
  for (const [name, take] of shots) {
    await take();
    console.log(`Wrote ${join(PROJECT_ROOT, 'docs', name)}`);
  }
} finally {
  await browser.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
