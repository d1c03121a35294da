/**
 * `npm run screenshot`: renders the README's picture of the app from a throw-away
 * corpus of the seed articles with a few annotations, in headless Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tag } from '../../main/api/contract.ts';
import { launchChromium, startApp } from '../helpers/browser.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-screenshot-'));
const app = await startApp(join(dir, 'corpus.sqlite'));
const article = app.session.handlers['articles.list']({}).find((a) => a.outlet === 'The Business Standard')!;
const text = app.session.handlers['articles.get']({ id: article.id }).text;
const spans: Array<[string, Tag, string?]> = [
  ['John Kirby alleged on Friday', 'attribution', 'John Kirby'],
  ['Russia is providing Iran with "an unprecedented level of military and technical support"', 'claim'],
  ['Russia and Iran\'s relationship has warmed to a fully fledged defence partnership', 'claim'],
  ['which Tehran initially denied', 'denial'],
  ['Iran has become Russia\'s top military backer', 'claim'],
];
for (const [quote, tag, speaker] of spans) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in the article: ${quote}`);
  app.session.handlers['annotations.create']({ articleId: article.id, start, end: start + quote.length, tag, speaker });
}
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(app.server.url);
  await page.getByRole('button', { name: /US says Russia providing/ }).click();
  await page.locator('.article-text .hl').first().waitFor();
  const out = join(PROJECT_ROOT, 'docs', 'screenshot.png');
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
