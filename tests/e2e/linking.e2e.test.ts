import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();

const KIRBY_FAST_NEWS =
  'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';
const KIRBY_ANADOLU =
  'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defense partnership';
const KIRBY_DRIFTED = 'an unprecedented level of military and technique that transforms their relationship into a full-fledged defense partnership';

/** A seeded corpus with Kirby's quote annotated in the Fast News article (1, listed by its file name) and in Anadolu (4), via the CLI. */
async function corpusWithTwoAnnotations(): Promise<string> {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  await session.start(dbPath);
  await session.stop();
  for (const [article, quote] of [
    ['1', KIRBY_FAST_NEWS],
    ['4', KIRBY_ANADOLU],
  ] as const) {
    const text: string = JSON.parse(runCli(['show', article, '--db', dbPath, '--json']).stdout).text;
    const start = text.indexOf(quote);
    const run = runCli([
      'annotate',
      article,
      '--db',
      dbPath,
      '--start',
      String(start),
      '--end',
      String(start + quote.length),
      '--tag',
      'claim',
      '--speaker',
      'John Kirby',
    ]);
    expect(run.status, run.stderr).toBe(0);
  }
  return dbPath;
}

const openApp = (dbPath: string) => session.open(dbPath, { viewport: { width: 1400, height: 900 } });

const articleButton = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name });

describe('linking reports of one claim and reviewing their drift', () => {
  it('pins with p, links across two articles with l, accepts a suggestion, and shows the variants diffed on the review desk', async () => {
    const dbPath = await corpusWithTwoAnnotations();
    const { page, problems } = await openApp(dbPath);

    // Pin Kirby's quote in Fast News.
    await articleButton(page, /000_ed5d5ab491bc05c6/).click();
    const sidePanel = page.getByRole('listbox', { name: 'Annotations in text order' });
    await sidePanel.getByRole('option', { name: /unprecedented level/ }).click();
    await page.keyboard.press('p');
    await expect.poll(() => page.getByText('Pinned:').isVisible()).toBe(true);

    // Go to Anadolu, select its report of the quote by clicking the highlight, link it with l.
    await articleButton(page, /Anadolu/i).click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText()).toContain("Russia giving Iran 'unprecedented' military aid");
    // The pinned claim's suggestions follow it as ghost highlights, this span among them.
    const ghostOverSpan = page.locator('.article-text .mark-ghost').filter({ hasText: 'transforming their relationship' });
    await expect.poll(() => ghostOverSpan.count()).toBeGreaterThan(0);
    await page.locator('.article-text .hl-claim').first().click();
    await expect.poll(() => sidePanel.getByRole('option', { selected: true }).innerText()).toContain('full-fledged defense partnership');
    await page.keyboard.press('l');
    const links = page.getByRole('complementary', { name: 'Links' }).locator('.link-item');
    await expect.poll(() => links.count()).toBe(1);
    await expect.poll(() => ghostOverSpan.count()).toBe(0);
    expect(await links.first().innerText()).toMatch(/same-claim\s+confirmed/);
    const stored = JSON.parse(runCli(['links', '--db', dbPath, '--json']).stdout);
    expect(stored).toEqual([expect.objectContaining({ fromId: 1, toId: 2, type: 'same-claim', status: 'confirmed', method: 'manual', reviewer: 'e2e' })]);

    // Following the link opens the other article at that span.
    await links.first().getByRole('button').click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).innerText()).toContain('000_ed5d5ab491bc05c6');
    await expect.poll(() => articleButton(page, /000_ed5d5ab491bc05c6/).getAttribute('aria-current')).toBe('true');

    // Find the claim elsewhere and accept the drifted report in the article dated 2022-12-10 without a title.
    await page.getByRole('button', { name: 'Find this claim elsewhere' }).click();
    const suggestions = page.getByRole('list', { name: 'Suggestions' }).locator('.suggestion');
    await expect.poll(() => suggestions.count()).toBeGreaterThan(0);
    const drifted = suggestions.filter({ hasText: 'military and technique that transforms' });
    expect(await drifted.innerText()).toMatch(/reworded|swapped|missing/);
    await drifted.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => drifted.count()).toBe(0);
    expect(await suggestions.count()).toBeGreaterThan(0);
    await expect.poll(() => JSON.parse(runCli(['links', '--db', dbPath, '--json']).stdout).length).toBe(2);
    const annotations = JSON.parse(runCli(['annotations', '2', '--db', dbPath, '--json']).stdout);
    expect(annotations).toEqual([expect.objectContaining({ quote: KIRBY_DRIFTED, tag: 'claim', speaker: 'John Kirby' })]);

    // The review desk shows the claim group: one row per source, the drifted one diffed against the earliest.
    await page.getByRole('tab', { name: 'Review' }).click();
    const group = page.getByRole('region', { name: /Claim group/ });
    await expect.poll(() => group.locator('tbody tr').count()).toBe(3);
    const driftedRow = group.locator('tbody tr').filter({ hasText: 'technique' });
    expect(await driftedRow.locator('del').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('technical support')]));
    expect(await driftedRow.locator('ins').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('technique')]));
    expect(await driftedRow.locator('.drift').innerText()).toBe('word-swap');
    expect(await group.locator('tbody tr').first().innerText()).toContain('Anadolu');

    // The matrix marks the three sources that report the claim.
    await page.getByRole('tab', { name: 'Matrix' }).click();
    await expect.poll(() => page.locator('svg [data-state="reported"]').count()).toBe(3);

    // Both pictures save as SVG and PNG.
    const saved = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const svg = await saved('Save SVG');
    expect(svg.name).toBe('claims-by-source.svg');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*reported/);
    const png = await saved('Save PNG');
    expect(png.name).toBe('claims-by-source.png');
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await page.getByRole('tab', { name: 'Graph' }).click();
    expect((await saved('Save SVG')).name).toBe('link-graph.svg');
    // Edges are drawn over the nodes, so one crossing a column stays visible; a node opens its annotation by keyboard.
    const graph = page.getByRole('group', { name: 'Link graph' });
    expect(
      await graph.evaluate(
        (svg) => svg.querySelector('[data-node]')!.compareDocumentPosition(svg.querySelector('[data-link]')!) & Node.DOCUMENT_POSITION_FOLLOWING,
      ),
    ).toBeTruthy();
    const node = graph.getByRole('link').first();
    await node.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('tab', { name: 'Read' }).getAttribute('aria-selected')).toBe('true');
    expect(problems).toEqual([]);
  });

  it('rejects a suggestion from the queue by keyboard and does not suggest it again', async () => {
    const dbPath = await corpusWithTwoAnnotations();
    const { page, problems } = await openApp(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    const queue = page.getByRole('list', { name: 'Suggestion queue' }).locator('.suggestion');
    // The queue is stored: the matcher fills it in the background after the annotations were made, and the tab looks again until it has.
    await expect.poll(() => queue.count(), { timeout: 45_000 }).toBeGreaterThan(0);
    const before = await queue.count();
    // The queue groups suggestions under the annotation they were found for: the rejected one is the first of its group.
    const group = page.locator('.queue-group').first();
    const groupOf = await group.getAttribute('data-source-id');
    const first = await group.locator('.suggestion-head').first().innerText();
    await page.keyboard.press('r');
    // The rejection hides its annotation's stored suggestions until the matcher has looked again, without the rejected span.
    await expect.poll(() => queue.count(), { timeout: 45_000 }).toBe(before - 1);
    expect(await page.locator(`.queue-group[data-source-id="${groupOf}"] .suggestion-head`).allInnerTexts()).not.toContain(first);
    const rejected = JSON.parse(runCli(['suggest', '--all', '--db', dbPath, '--json']).stdout);
    expect(rejected).toHaveLength(before - 1);
    expect(problems).toEqual([]);
  });

  it('merges two speakers on the Speakers tab', async () => {
    const dbPath = await corpusWithTwoAnnotations();
    const text: string = JSON.parse(runCli(['show', '4', '--db', dbPath, '--json']).stdout).text;
    const start = text.indexOf('said Kirby');
    expect(
      runCli(['annotate', '4', '--db', dbPath, '--start', String(start), '--end', String(start + 10), '--tag', 'attribution', '--speaker', 'Kirby']).status,
    ).toBe(0);
    const { page, problems } = await openApp(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Speakers' }).click();
    const rows = page.getByRole('table', { name: 'Speakers' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('combobox', { name: 'Merge Kirby into' }).fill('John Kirby');
    await rows
      .filter({ hasText: /^Kirby/ })
      .getByRole('button', { name: 'Merge…' })
      .click();
    // Nothing merges before the analyst confirms what moves.
    expect(await rows.count()).toBe(2);
    await page.getByRole('alertdialog', { name: 'Confirm merge' }).getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(JSON.parse(runCli(['speakers', '--db', dbPath, '--json']).stdout)).toEqual([
      expect.objectContaining({ name: 'John Kirby', aliases: ['John Kirby', 'Kirby'], annotations: 3 }),
    ]);
    expect(problems).toEqual([]);
  });

  it('accepts a ghost highlight in the text: the pinned claim’s suggestion becomes an annotation there', async () => {
    const dbPath = await corpusWithTwoAnnotations();
    const { page, problems } = await openApp(dbPath);
    await articleButton(page, /000_ed5d5ab491bc05c6/).click();
    await page.locator('.article-text .hl-claim').first().click();
    await page.keyboard.press('p');
    await articleButton(page, /001_0bb0776770e3bb18/).click();
    const ghost = page.locator('.article-text .mark-ghost').filter({ hasText: 'technique' }).first();
    await expect.poll(() => ghost.count()).toBe(1);
    await ghost.click();
    await page.getByRole('dialog', { name: 'Suggested span' }).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => page.locator('.article-text .hl-claim').allInnerTexts()).toEqual([KIRBY_DRIFTED]);
    expect(JSON.parse(runCli(['links', '--annotation', '1', '--db', dbPath, '--json']).stdout)).toEqual([
      expect.objectContaining({ fromId: 1, toId: 3, method: 'matcher', status: 'confirmed' }),
    ]);
    expect(problems).toEqual([]);
  });
});
