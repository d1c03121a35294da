import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contract } from '../../main/contract/contract.ts';
import { axeViolations } from '../helpers/accessibility.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { quoteEdges } from '../helpers/readingPane.ts';
import { runCli } from '../helpers/runCli.ts';
import { annotate, cliAnnotations, eventually, openArticle, seededCorpus as seedCorpus, storedText } from '../helpers/seededApp.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

/** The smaller journeys of the workspace: marks, hints, empty states and errors an analyst reads, driven in Chromium. */

const session = useBrowserAndApp();
const seededCorpus = () => seedCorpus(session);
const open = (dbPath: string, consoleErrors = true) => session.open(dbPath, { viewport: { width: 1400, height: 900 }, consoleErrors });

const ANADOLU = /Russia giving Iran/;
const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';
const KIRBY_ANADOLU = KIRBY.replace('defence', 'defense');

const articleList = (page: Page) => page.getByRole('navigation', { name: 'Articles' });
const speakers = (dbPath: string) => (JSON.parse(runCli(['speakers', '--db', dbPath, '--json']).stdout) as Array<{ name: string }>).map((s) => s.name).sort();

describe('the article list', () => {
  it('marks the row of a version a newer import replaced, and not the row of the version that replaced it', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const dir = tempDir();
    const html = (sentence: string) =>
      `<html><head><title>Harbour reopens</title><meta property="og:site_name" content="Example Harbour News"><link rel="canonical" href="https://harbour.example.test/port"></head><body><article>` +
      `<p>The harbour reopened after the storm, officials said on Monday.</p><p>${sentence}</p><p>Ferries will run a reduced timetable this week.</p></article></body></html>`;
    writeFileSync(join(dir, 'v1.html'), html('The port authority said the northern pier would take months to repair.'));
    writeFileSync(join(dir, 'v2.html'), html('Repairs to the northern pier will take several months, according to the port authority.'));
    expect(runCli(['import', join(dir, 'v1.html'), '--db', dbPath]).status).toBe(0);
    expect(runCli(['import', join(dir, 'v2.html'), '--db', dbPath]).stdout).toMatch(/new version of article 1/);

    const { page, problems } = await open(dbPath);
    const rows = articleList(page).getByRole('button', { name: /Example Harbour News/ });
    await eventually(() => rows.count()).toBe(2);
    const marked = articleList(page).getByRole('button', { name: /superseded/ });
    await eventually(() => marked.count()).toBe(1);
    expect(await marked.locator('.superseded-badge').isVisible()).toBe(true);
    // The muted row and its badge stay readable: no contrast or naming violation in the list.
    expect(await axeViolations(page, 'nav[aria-label="Articles"]')).toEqual([]);
    // The marked row is the old version: opening it shows the notice that a newer one replaced it.
    await marked.click();
    await eventually(() => page.getByText(/An older version, kept as evidence/).isVisible()).toBe(true);
    expect(await axeViolations(page, 'nav[aria-label="Articles"]'), 'the replaced row when it is the one open').toEqual([]);
    expect(await rows.filter({ hasNotText: /superseded/ }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('the links panel', () => {
  it('shows the link key as a capital L, which cannot be read as the digit 1', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath);
    await openArticle(page, ANADOLU);
    const hint = page.getByRole('complementary', { name: 'Links' }).locator('.pin-bar');
    await eventually(() => hint.innerText()).toMatch(/then L on another links them/);
    expect(await hint.locator('kbd').allInnerTexts()).toEqual(['p', 'L']);
  });
});

describe('suggestions drawn in the text', () => {
  it('selects exactly to where a drag ended when it ends on a suggested span, not to the end of the article', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 1, KIRBY);
    const { page } = await open(dbPath);
    await openArticle(page, /000_ed5d5ab491bc05c6/);
    await page.locator('.article-text .hl-claim').first().click();
    await page.keyboard.press('p');
    await openArticle(page, ANADOLU);
    await eventually(() => page.locator('.article-text .mark-ghost').count()).toBeGreaterThan(0);

    // From a word before the suggested span to the end of a word in its middle.
    const text = storedText(dbPath, 4);
    const at = text.indexOf(KIRBY_ANADOLU);
    const from = text.lastIndexOf(' ', at - 15) + 1;
    const to = text.indexOf(' ', at + 40);
    const quote = text.slice(from, to);
    expect(quote).not.toMatch(/\n/);
    await page.getByText('unprecedented level', { exact: false }).first().scrollIntoViewIfNeeded();
    const { start, end } = await quoteEdges(page, quote);
    const endsOnGhost = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.mark-ghost'), end);
    expect(endsOnGhost).toBe(true);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
    await page.mouse.move(end.x, end.y, { steps: 4 });
    await page.mouse.up();
    await eventually(() => page.evaluate(() => window.getSelection()?.toString())).toBe(quote);
    await page.keyboard.press('d');
    await eventually(() => cliAnnotations(dbPath, 4).map((a) => a.quote)).toEqual([quote]);
  });
});

describe('the speaker registry', () => {
  it('takes a merge back with Ctrl+Z and with the Undo button, both speakers listed again', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 1, KIRBY, 'claim', 'John Kirby');
    annotate(dbPath, 4, 'said Kirby', 'attribution', 'Kirby');
    const { page, problems } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Speakers' }).click();
    const rows = page.getByRole('table', { name: 'Speakers' }).locator('tbody tr');
    await eventually(() => rows.count()).toBe(2);
    const merge = async () => {
      await page.getByRole('combobox', { name: 'Merge Kirby into' }).fill('John Kirby');
      await rows
        .filter({ hasText: /^Kirby/ })
        .getByRole('button', { name: 'Merge…' })
        .click();
      await page.getByRole('alertdialog', { name: 'Confirm merge' }).getByRole('button', { name: 'Merge' }).click();
      await eventually(() => rows.count()).toBe(1);
      expect(speakers(dbPath)).toEqual(['John Kirby']);
    };

    await merge();
    await page.keyboard.press('Control+z');
    await eventually(() => rows.count()).toBe(2);
    expect(speakers(dbPath)).toEqual(['John Kirby', 'Kirby']);
    expect(cliAnnotations(dbPath, 4).map((a) => a.speaker)).toEqual(['Kirby']);

    await merge();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await eventually(() => rows.count()).toBe(2);
    expect(speakers(dbPath)).toEqual(['John Kirby', 'Kirby']);
    expect(problems).toEqual([]);
  });
});

describe('searching the corpus', () => {
  it('keeps the chosen hit marked in the text after 2.5 s', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath);
    await openArticle(page, ANADOLU);
    await page.keyboard.press('/');
    await page.keyboard.type('kamikaze');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await eventually(() => results.locator('mark').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    const marked = page.locator('.article-text .mark-flash');
    await eventually(() => marked.first().innerText()).toMatch(/^kamikaze$/i);
    // Past the 1.2 s a followed link is flashed for: a search hit stays until the analyst does something else.
    await page.waitForTimeout(2_500);
    expect(await marked.count()).toBeGreaterThan(0);
    expect(await marked.first().innerText()).toMatch(/^kamikaze$/i);
    expect(await marked.first().isVisible()).toBe(true);
  });
});

describe('error text', () => {
  it('gives the reason for refused input in words, never the name of an internal request', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 4, 'said Kirby', 'attribution', 'Kirby');
    const { page } = await open(dbPath, false);
    const requestNames = Object.keys(contract);
    const shown: string[] = [];

    await openArticle(page, ANADOLU);
    await page.getByRole('button', { name: 'Edit details' }).click();
    const details = page.getByRole('dialog', { name: 'Article details' });
    await details.getByLabel('URL').fill('not an address');
    await details.getByRole('button', { name: 'Save' }).click();
    await eventually(() => details.getByRole('alert').innerText()).toMatch(/url/i);
    shown.push(await details.getByRole('alert').innerText());
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Settings…' }).click();
    const publisher = page.getByRole('dialog', { name: 'Publisher settings' });
    await eventually(() => publisher.getByLabel('Address (URL)').isEnabled()).toBe(true);
    await publisher.getByLabel('Address (URL)').fill('fact checks desk');
    await publisher.getByRole('button', { name: 'Save' }).click();
    await eventually(() => publisher.getByRole('alert').count()).toBe(1);
    shown.push(await publisher.getByRole('alert').innerText());
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Speakers' }).click();
    await page.getByRole('button', { name: 'Edit who Kirby is' }).click();
    const who = page.getByRole('form', { name: 'Who Kirby is' });
    await who.getByLabel('Wikidata id').fill('Kirby at the Pentagon');
    await who.getByRole('button', { name: 'Save' }).click();
    await eventually(() => who.getByRole('alert').count()).toBe(1);
    shown.push(await who.getByRole('alert').innerText());

    expect(shown).toHaveLength(3);
    for (const message of shown) {
      expect(message.length, message).toBeGreaterThan(10);
      expect(message).not.toMatch(/\bInvalid \S+ request\b/);
      for (const name of requestNames) expect(message, `"${message}" names ${name}`).not.toContain(name);
    }
  });
});

describe('the key map', () => {
  it('opened on a tab of the Review desk lists that tab’s keys, not the Read view’s', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Links' }).click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const links = help.getByRole('table', { name: 'Review: links' });
    await eventually(() => links.innerText()).toMatch(/confirm the link/);
    expect(await links.innerText()).toMatch(/reject the link/);
    expect(await help.getByRole('table', { name: 'Read view' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.keyboard.press('?');
    await eventually(() => help.getByRole('table', { name: 'Review: suggestions' }).innerText()).toMatch(/accept the suggestion/);
  });
});

describe('empty states', () => {
  it('say what to do next in the Read view and on every tab of the Review desk of a corpus without annotations', async () => {
    const dbPath = await seededCorpus();
    const { page, problems } = await open(dbPath);
    await eventually(() => page.locator('main').innerText()).toMatch(/Select an article on the left to read it/);
    await openArticle(page, ANADOLU);
    await eventually(() => page.getByRole('complementary', { name: 'Annotations', exact: true }).innerText()).toMatch(
      /No annotations yet\. Select text .* and press c, d or a/,
    );

    await page.getByRole('tab', { name: 'Review' }).click();
    const panel = page.getByRole('tabpanel');
    const expected: Record<string, RegExp> = {
      'Claim groups': /No claim groups yet\. Link reports of one claim/,
      Suggestions: /No suggestions waiting\. Tag a claim in the Read view/,
      Links: /No links yet: link two annotations in the Read view/,
      Speakers: /No speakers yet: give an attribution a speaker/,
      Matrix: /No claim groups yet: confirm same-claim or paraphrase links/,
      Graph: /No links to draw yet: in the Read view, pin an annotation with p/,
    };
    for (const [tab, sentence] of Object.entries(expected)) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await eventually(() => panel.innerText()).toMatch(sentence);
    }
    expect(problems).toEqual([]);
  });
});
