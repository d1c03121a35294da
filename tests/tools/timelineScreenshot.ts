/**
 * `npm run screenshot:timeline`: renders the README's picture of a claim's
 * timeline and spread (docs/timeline.png) in headless Chromium, from a
 * throw-away corpus of made-up reports (tests/helpers/claimSpread.ts): a wire
 * story and two reprints, an independent report and one naming it as source.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSession } from '../../main/api/session.ts';
import { launchChromium, startApp } from '../helpers/browser.ts';
import { spreadClaim } from '../helpers/claimSpread.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

const dir = mkdtempSync(join(tmpdir(), 'crosscheck-screenshot-'));
const dbPath = join(dir, 'corpus.sqlite');
const built = openSession({ dbPath, actor: 'analyst' });
spreadClaim(built.db, built.handlers);
built.close();
const app = await startApp(dbPath);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(app.server.url);
  await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Timeline' }).click();
  const figure = page.locator('figure.timeline-chart');
  await figure.waitFor();
  await page.waitForTimeout(300);
  const out = join(PROJECT_ROOT, 'docs', 'timeline.png');
  await figure.screenshot({ path: out });
  console.log(`Wrote ${out}`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
