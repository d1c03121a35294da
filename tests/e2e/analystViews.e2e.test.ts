import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { runCli } from '../helpers/runCli.ts';
import { annotate, cliAnnotations, eventually, link, openArticle, seededCorpus } from '../helpers/seededApp.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
const open = (dbPath: string) => session.open(dbPath, { viewport: { width: 1400, height: 900 } });

describe('searching the corpus', () => {
  it('names each article as the article list does and lists a sentence holding two of the words once, with both marked', async () => {
    const { page, problems } = await open(await seededCorpus(session));
    await openArticle(page, /US says Russia providing/);
    await page.keyboard.press('/');
    await page.keyboard.type('technical support');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await eventually(() => results.locator('mark').count()).toBeGreaterThan(0);
    // 000 has no title: the list names it by its file, and so do the results.
    const untitled = results.getByRole('region', { name: /000_ed5d5ab491bc05c6/ });
    await eventually(() => untitled.count()).toBe(1);
    const labels = await results.locator('section').evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')));
    expect(labels.filter((l) => /^Article \d+$/.test(l ?? ''))).toEqual([]);
    const rows = untitled.getByRole('option');
    const marked = await rows.evaluateAll((options) => options.map((o) => [...o.querySelectorAll('mark')].map((m) => m.textContent!.toLowerCase())));
    expect(marked).toContainEqual(['technical', 'support']);

    await rows.first().click();
    await eventually(() => page.locator('#article-heading').innerText()).toMatch(/000_ed5d5ab491bc05c6/);
    const hit = page.locator('.article-text .mark-flash');
    await eventually(() => hit.count()).toBeGreaterThan(0);
    // The hit stays marked while the analyst reads, not for a moment.
    await page.waitForTimeout(3_000);
    expect(await hit.first().innerText()).toMatch(/^technical/i);
    await page.keyboard.press('Escape');
    await eventually(() => hit.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('the suggestion queue', () => {
  const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';
  const SU35 = 'Russia was training Iranian pilots on the Sukhoi Su-35 fighter';
  /** What identifies each card on screen, in order: where it was found and the words found. */
  const cards = (page: Page) =>
    page
      .getByRole('list', { name: 'Suggestion queue' })
      .locator('.suggestion')
      .evaluateAll((items) => items.map((item) => `${item.getAttribute('data-article')} ${item.querySelector('.follow')?.textContent}`));
  const keepsOrder = (before: string[], after: string[]) => after.filter((card) => before.includes(card));

  it('groups suggestions by the claim they were found for, filters them by score, and keeps its order when one is rejected or accepted', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 1, KIRBY);
    annotate(dbPath, 1, SU35);
    const { page, problems } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    const groups = page.locator('.queue-group');
    await expect.poll(() => groups.count(), { timeout: 60_000 }).toBe(2);
    const sources = await groups.evaluateAll((items) => items.map((g) => g.getAttribute('data-source-id')));
    expect(new Set(sources).size).toBe(2);
    expect(await groups.first().locator('h3').innerText()).toMatch(/^for “/);

    const scores = () => page.getByRole('list', { name: 'Suggestion queue' }).locator('.score').allInnerTexts();
    const all = (await scores()).length;
    await page.getByLabel('Minimum score').selectOption('0.9');
    await eventually(async () => (await scores()).length).toBeLessThan(all);
    expect((await scores()).every((s) => Number.parseInt(s, 10) >= 90)).toBe(true);
    expect(await page.locator('.queue-controls [role="status"]').innerText()).toMatch(new RegExp(`of ${all} suggestions`));
    await page.getByLabel('Minimum score').selectOption('0');
    await eventually(async () => (await scores()).length).toBe(all);

    const before = await cards(page);
    const rejected = before[1]!;
    await page.getByRole('list', { name: 'Suggestion queue' }).locator('.suggestion').nth(1).getByRole('button', { name: 'Reject' }).click();
    await eventually(async () => (await cards(page)).includes(rejected)).toBe(false);
    // A rejection hides its annotation's stored suggestions until the matcher has looked again: wait for the rest to return.
    await expect.poll(async () => (await cards(page)).length, { timeout: 60_000 }).toBe(before.length - 1);
    const afterReject = await cards(page);
    expect(keepsOrder(before, afterReject)).toEqual(before.filter((card) => card !== rejected));
    // The card that followed the rejected one is the current one now.
    expect(await page.locator('.queue .suggestion.active').getAttribute('data-article')).toBe(before[2]!.split(' ')[0]);

    const accepted = afterReject[0]!;
    await page.getByRole('list', { name: 'Suggestion queue' }).locator('.suggestion').first().getByRole('button', { name: 'Accept' }).click();
    await eventually(() => cliAnnotations(dbPath).length).toBe(3);
    await eventually(async () => (await cards(page)).includes(accepted)).toBe(false);
    // The new annotation's own suggestions may arrive: the rest come back in their places around them.
    await expect.poll(async () => keepsOrder(afterReject, await cards(page)), { timeout: 60_000 }).toEqual(afterReject.filter((card) => card !== accepted));
    expect(problems).toEqual([]);
  }, 180_000);
});

describe('selecting under overlapping highlights', () => {
  it('tags the word a double-click selects where two annotations overlap, though the first click opened the overlap picker', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 3, 'John Kirby alleged', 'attribution');
    annotate(dbPath, 3, 'Kirby', 'claim');
    const { page, problems } = await open(dbPath);
    await openArticle(page, /US says Russia providing/);
    await page.locator('.article-text [data-depth="2"]').first().dblclick();
    await eventually(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Kirby');
    await page.keyboard.press('d');
    await eventually(() => cliAnnotations(dbPath, 3).map((a) => `${a.tag} ${a.quote}`)).toContain('denial Kirby');
    expect(await page.getByRole('menu', { name: 'Annotations here' }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('tag filters', () => {
  it('hide the highlights of an unticked tag in the text as well as its rows, and show them again when ticked', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'attribution');
    annotate(dbPath, 3, 'Iran', 'claim');
    const { page, problems } = await open(dbPath);
    await openArticle(page, /US says Russia providing/);
    const claims = page.locator('.article-text .hl-claim');
    const attributions = page.locator('.article-text .hl-attribution');
    await eventually(() => claims.count()).toBeGreaterThan(0);
    const filters = page.getByRole('group', { name: 'Show tags' });
    await filters.getByLabel('claim').uncheck();
    await eventually(() => claims.count()).toBe(0);
    expect(await attributions.count()).toBeGreaterThan(0);
    expect(await page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option').allInnerTexts()).toEqual([
      expect.stringMatching(/John Kirby alleged on Friday/),
    ]);
    await filters.getByLabel('claim').check();
    await eventually(() => claims.count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('exporting from the app', () => {
  it('downloads the Web Annotation collection and the ClaimReview of every claim group, as the export command writes them', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 1, 'an unprecedented level of military and technical support', 'claim', 'John Kirby');
    annotate(dbPath, 3, 'unprecedented', 'claim');
    link(dbPath, 1, 2);
    annotate(dbPath, 1, 'Russia was training Iranian pilots', 'claim');
    annotate(dbPath, 4, 'training Iranian pilots', 'claim');
    link(dbPath, 3, 4);
    const { page, problems } = await open(dbPath);
    await eventually(() => page.locator('.corpus-size').innerText()).toBe('5 articles');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
    const fetch = async (name: RegExp) => {
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name }).click()]);
      return { file: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
    };
    const collection = await fetch(/Web Annotation JSON/);
    const reviews = await fetch(/ClaimReview, all claim groups/);
    expect(problems).toEqual([]);
    await session.stop();

    const out = tempDir();
    expect(runCli(['export', '--format', 'json', '--out', join(out, 'c.jsonld'), '--db', dbPath]).status).toBe(0);
    expect(runCli(['export', '--format', 'claimreview', '--out', join(out, 'r.json'), '--db', dbPath]).status).toBe(0);
    const undated = (json: string) => json.replace(/"generated":"[^"]+"/, '"generated":""');
    expect(collection.file).toBe('annotations.jsonld');
    expect(undated(collection.text)).toBe(undated(readFileSync(join(out, 'c.jsonld'), 'utf8')));
    expect(JSON.parse(collection.text).first.items).toHaveLength(6);
    expect(reviews.file).toBe('claimreviews.json');
    expect(JSON.parse(reviews.text)).toEqual(JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')));
    expect(JSON.parse(reviews.text)).toHaveLength(2);
  });
});

describe('the speaker field', () => {
  it('offers registered speakers matching what is typed, and stores the one picked with the keyboard', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'attribution', 'John Kirby');
    annotate(dbPath, 4, 'Kirby', 'attribution');
    const { page, problems } = await open(dbPath);
    await openArticle(page, /Russia giving Iran/);
    await page.keyboard.press('j');
    const field = page.getByRole('region', { name: 'Selected annotation' }).getByRole('combobox', { name: 'Speaker' });
    await field.focus();
    await page.keyboard.type('kir');
    const choices = page.getByRole('listbox', { name: 'Registered speakers' });
    await eventually(() => choices.getByRole('option').allInnerTexts()).toEqual(['John Kirby']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(() => cliAnnotations(dbPath, 4).map((a) => a.speaker)).toEqual(['John Kirby']);
    expect(await field.inputValue()).toBe('John Kirby');
    expect(await choices.isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });
});

describe('the claims × sources matrix', () => {
  const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';

  it('has a legend, whole labels, pending suggestions shown as such, and cells that open what they stand for', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 1, KIRBY);
    annotate(dbPath, 4, KIRBY.replace('defence', 'defense'));
    link(dbPath, 1, 2);
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'attribution');
    annotate(dbPath, 5, 'Kirby', 'attribution');
    link(dbPath, 3, 4);
    const { page, problems } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Matrix' }).click();
    const matrix = page.getByRole('group', { name: 'Claims by source matrix' });
    await eventually(() => matrix.locator('[data-group]').count()).toBe(2);
    // The legend is drawn in the picture, so a saved SVG or PNG carries it.
    const text = await matrix.locator('.matrix-legend').textContent();
    expect(text).toMatch(/reported/);
    expect(text).toMatch(/denied/);
    expect(text).toMatch(/suggested\?.*awaits review/);
    expect(text).toMatch(/not reported: the source’s articles are annotated, none of them with this claim/);
    // Labels wrap instead of being cut.
    const row = matrix.locator('[data-group]').first();
    // The title is the whole label, then its origins in words; the drawn text is the whole label, then the origin count.
    const label = (await row.locator(':scope > title').textContent())!.split(' — ')[0]!;
    const drawn = (await row.locator(':scope > text').textContent())!.replace(/\s/g, '');
    expect(drawn.replace(/·\d+origins?$/, '')).toBe(label.replace(/\s/g, ''));
    // The matcher's suggestions of the claim in sources that do not report it yet show as pending (the queue runs the matcher).
    await expect.poll(() => matrix.locator('[data-state="suggested"]').count(), { timeout: 60_000 }).toBeGreaterThan(0);

    await matrix.locator('[data-state="reported"]').first().click();
    await eventually(() => page.getByRole('region', { name: 'Selected annotation' }).locator('q').textContent()).toMatch(/unprecedented|Kirby/);

    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Matrix' }).click();
    const suggested = matrix.locator('[data-state="suggested"]').first();
    await suggested.waitFor();
    await suggested.focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('.article-text .mark-flash').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 180_000);
});

describe('the links panel', () => {
  it('shows the other end of each link from the links request itself, without asking for every annotation', async () => {
    const dbPath = await seededCorpus(session);
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'attribution');
    annotate(dbPath, 4, 'Kirby', 'attribution');
    link(dbPath, 1, 2);
    const { page, problems } = await open(dbPath);
    const everyAnnotation: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/annotations.list') && !/articleId/.test(request.postData() ?? '')) everyAnnotation.push(request.postData() ?? '');
    });
    await openArticle(page, /US says Russia providing/);
    await page.keyboard.press('j');
    const panel = page.getByRole('region', { name: 'Links of the selected annotation' });
    await eventually(() => panel.getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/same-claim.*Anadolu Agency: “Kirby”/s)]);
    await panel.getByRole('button', { name: /Anadolu Agency: “Kirby”/ }).click();
    await eventually(() => page.locator('#article-heading').innerText()).toMatch(/Russia giving Iran/);
    await eventually(() => page.getByRole('region', { name: 'Selected annotation' }).locator('q').textContent()).toBe('Kirby');
    expect(everyAnnotation).toEqual([]);
    expect(problems).toEqual([]);
  });
});
