import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { axeViolations } from '../helpers/accessibility.ts';
import { drag } from '../helpers/readingPane.ts';
import { runCli } from '../helpers/runCli.ts';
import { annotate, cliAnnotations, eventually, seededCorpus as seedCorpus } from '../helpers/seededApp.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();

const BUSINESS_STANDARD = /US says Russia providing/;
const ANADOLU = /Russia giving Iran/;
const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';
const seededCorpus = () => seedCorpus(session);

const open = (dbPath: string, viewport = { width: 1400, height: 900 }) => session.open(dbPath, { viewport });
const articleButton = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name });
/** The open article's heading (and any other level-2 heading on screen, which a failure then names). */
const heading = async (page: Page) => (await page.locator('h2').allInnerTexts()).join(' | ');
async function openArticle(page: Page, title: RegExp): Promise<void> {
  await eventually(() => page.locator('.corpus-size').innerText()).toMatch(/^\d+ articles$/);
  await articleButton(page, title).click();
  await eventually(
    async () =>
      `${await page
        .locator('#article-heading')
        .innerText()
        .catch(() => 'no article open')} (current: ${await page
        .locator('[aria-current="true"]')
        .first()
        .innerText()
        .catch(() => 'none')})`,
  ).toMatch(title);
  await page.locator('.article-text p').first().waitFor();
}

describe('keys act only on the view on screen', () => {
  it('leaves the annotation selected in Read alone when c, a and Delete are pressed on the Review desk', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'denial');
    const { page, problems } = await open(dbPath);
    await openArticle(page, BUSINESS_STANDARD);
    await page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option').first().click();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Links' }).click();
    await page.keyboard.press('c');
    await page.getByRole('tab', { name: 'Suggestions' }).click();
    await page.keyboard.press('a');
    await page.getByRole('tab', { name: 'Matrix' }).click();
    await page.keyboard.press('Delete');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(500);
    // (a on the Suggestions tab accepts the suggestion in view: that is its job there.)
    expect(cliAnnotations(dbPath, 3).map((a) => [a.quote, a.tag])).toEqual([['John Kirby alleged on Friday', 'denial']]);
    expect(problems).toEqual([]);
  });
});

describe('suggestions drawn in the text', () => {
  it('are decorations of the text: a drag that starts on one selects from there, and a double-click inside one selects a word', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 1, KIRBY);
    const { page } = await open(dbPath);
    await openArticle(page, /000_ed5d5ab491bc05c6/);
    await page.locator('.article-text .hl-claim').first().click();
    await page.keyboard.press('p');
    await openArticle(page, ANADOLU);
    const ghost = page.locator('.article-text .mark-ghost');
    await eventually(() => ghost.count()).toBeGreaterThan(0);
    // Ghosts do not look like annotations: no tag colour, and they say what they are.
    expect(await page.locator('.article-text .mark-ghost.hl').count()).toBe(0);
    expect(await page.getByRole('listbox', { name: 'Annotations in text order' }).innerText()).toMatch(/suggested span/);

    // A drag from inside the ghost to beyond it selects exactly that text.
    await drag(page, 'technical support that is transforming their relationship into a full-fledged defense partnership');
    await page.keyboard.press('d');
    await eventually(() => cliAnnotations(dbPath, 4).map((a) => a.quote)).toEqual([
      'technical support that is transforming their relationship into a full-fledged defense partnership',
    ]);

    // A double-click on a word of a ghost (not under an annotation) selects that word.
    const target = await page.evaluate(() => {
      for (const leaf of document.querySelectorAll<HTMLElement>('.article-text .mark-ghost:not([data-annotation-ids])')) {
        const node = leaf.querySelector('[data-slate-string]')?.firstChild as Text | null;
        const match = node && /[A-Za-z]{5,}/.exec(node.data);
        if (!node || !match) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rect = range.getBoundingClientRect();
        return { word: match[0], x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      throw new Error('no ghost word outside the annotations');
    });
    await page.mouse.dblclick(target.x, target.y);
    await eventually(() => page.evaluate(() => window.getSelection()?.toString())).toBe(target.word);
    await page.keyboard.press('a');
    await eventually(() => cliAnnotations(dbPath, 4).some((a) => a.quote === target.word && a.tag === 'attribution')).toBe(true);
  });

  it('accepts a ghost and undoes the accept with Ctrl+Z, staying in the article, then redoes it with Ctrl+Y', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 1, KIRBY);
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'attribution');
    const { page, problems } = await open(dbPath);
    await openArticle(page, /000_ed5d5ab491bc05c6/);
    await page.locator('.article-text .hl-claim').first().click();
    await page.keyboard.press('p');
    await openArticle(page, /001_0bb0776770e3bb18/);
    await page.locator('.article-text .mark-ghost').filter({ hasText: 'technique' }).first().click();
    await page.getByRole('dialog', { name: 'Suggested span' }).getByRole('button', { name: 'Accept' }).click();
    await eventually(() => cliAnnotations(dbPath, 2).length).toBe(1);
    await page.keyboard.press('Control+z');
    await eventually(() => cliAnnotations(dbPath, 2).length).toBe(0);
    expect(await heading(page)).toMatch(/001_0bb0776770e3bb18/);
    expect(cliAnnotations(dbPath, 3)).toHaveLength(1);
    await page.keyboard.press('Control+y');
    await eventually(() => cliAnnotations(dbPath, 2).length).toBe(1);
    expect(await heading(page)).toMatch(/001_0bb0776770e3bb18/);
    expect(problems).toEqual([]);
  });
});

describe('reading', () => {
  it('opens a newly chosen article at its top', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath, { width: 1280, height: 700 });
    await openArticle(page, BUSINESS_STANDARD);
    await page.locator('main.reading').evaluate((main) => (main.scrollTop = 900));
    await eventually(() => page.locator('main.reading').evaluate((main) => main.scrollTop)).toBeGreaterThan(300);
    await openArticle(page, ANADOLU);
    await eventually(() => page.locator('main.reading').evaluate((main) => main.scrollTop)).toBe(0);
  });

  it('clears the selected annotation with Esc, and redoes with Ctrl+Y', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath);
    await openArticle(page, BUSINESS_STANDARD);
    await drag(page, 'John Kirby');
    await page.keyboard.press('c');
    const selectedRow = page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option', { selected: true });
    await eventually(() => selectedRow.count()).toBe(1);
    await page.keyboard.press('Escape');
    await eventually(() => selectedRow.count()).toBe(0);
    expect(await page.locator('.article-text .mark-selected').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await eventually(() => cliAnnotations(dbPath)).toEqual([]);
    await page.keyboard.press('Control+y');
    await eventually(() => cliAnnotations(dbPath).map((a) => a.quote)).toEqual(['John Kirby']);
  });

  it('selects from any point with the keyboard alone: v puts a caret in the text, arrows move it, Shift+arrows select', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath);
    await openArticle(page, BUSINESS_STANDARD);
    await page.keyboard.press('v');
    await eventually(() => page.locator('.text-caret').isVisible()).toBe(true);
    // Down, line by line, to the first long paragraph; then three words in.
    const caretLine = () => page.evaluate(() => window.getSelection()?.focusNode?.textContent?.length ?? 0);
    for (let i = 0; i < 20 && (await caretLine()) < 100; i++) await page.keyboard.press('ArrowDown');
    expect(await caretLine()).toBeGreaterThanOrEqual(100);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+ArrowRight');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('c');
    await eventually(() => cliAnnotations(dbPath).length).toBe(1);
    const [made] = cliAnnotations(dbPath);
    expect(made!.quote.split(/\s+/)).toHaveLength(2);
    expect(made!.start).toBeGreaterThan(0);
  });

  it('picks among overlapping annotations with the arrow keys', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 3, 'John Kirby alleged', 'attribution');
    annotate(dbPath, 3, 'Kirby', 'claim');
    const { page } = await open(dbPath);
    await openArticle(page, BUSINESS_STANDARD);
    await page.locator('.article-text [data-depth="2"]').first().click();
    const menu = page.getByRole('menu', { name: 'Annotations here' });
    await eventually(() => menu.getByRole('menuitem').count()).toBe(2);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('region', { name: 'Selected annotation' }).locator('q').textContent()).toBe('Kirby');
  });
});

describe('the pin', () => {
  it('is kept across a reload and can be unpinned', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'attribution');
    const { page } = await open(dbPath);
    await openArticle(page, BUSINESS_STANDARD);
    await page.keyboard.press('j');
    await page.keyboard.press('p');
    const pinBar = page.locator('.pin-bar');
    await eventually(() => pinBar.innerText()).toMatch(/Pinned: .*John Kirby alleged on Friday/);
    await page.reload();
    await openArticle(page, BUSINESS_STANDARD);
    await eventually(() => pinBar.innerText()).toMatch(/Pinned: .*John Kirby alleged on Friday/);
    await pinBar.getByRole('button', { name: 'Unpin' }).click();
    await eventually(() => pinBar.innerText()).not.toMatch(/Pinned/);
    await page.reload();
    await openArticle(page, BUSINESS_STANDARD);
    await eventually(() => pinBar.innerText()).toMatch(/press p to pin/);
  });
});

describe('dialogs', () => {
  it('take the focus, keep Tab inside, close on Esc and give the focus back', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath);
    await openArticle(page, BUSINESS_STANDARD);
    for (const [button, name] of [
      ['Import…', 'Import articles'],
      ['Export…', 'Export'],
      ['Orphans', 'Orphaned annotations'],
      ['Edit details', 'Article details'],
    ] as const) {
      await page.getByRole('button', { name: button }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name });
      await eventually(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      for (let i = 0; i < 25; i++) await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `${name}: Tab stays inside`).toBe(true);
      await page.keyboard.press('Shift+Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Escape');
      await eventually(() => dialog.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(button);
    }
  });

  it('refuses a partly cleared date with a word instead of saving the article as undated', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath);
    await openArticle(page, ANADOLU);
    const before = JSON.parse(runCli(['articles', '--db', dbPath, '--json']).stdout).find((a: { title: string }) => ANADOLU.test(a.title ?? ''));
    expect(before.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.getByRole('button', { name: 'Edit details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Article details' });
    const date = dialog.getByLabel('Published');
    // Focus lands on the field's first part; Backspace clears that part only, leaving a date half filled in.
    await date.focus();
    await page.keyboard.press('Backspace');
    expect(await date.evaluate((input: HTMLInputElement) => input.validity.badInput)).toBe(true);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(() => dialog.getByRole('alert').innerText()).toMatch(/only partly filled in/);
    const after = JSON.parse(runCli(['articles', '--db', dbPath, '--json']).stdout).find((a: { id: number }) => a.id === before.id);
    expect(after.published).toBe(before.published);
  });
});

describe('the top bar', () => {
  it('fits a 1024×700 window without a sideways scroll', async () => {
    const dbPath = await seededCorpus();
    const { page } = await open(dbPath, { width: 1024, height: 700 });
    await openArticle(page, BUSINESS_STANDARD);
    const overflow = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - window.innerWidth,
      bar: document.querySelector('.topbar')!.scrollWidth - document.querySelector('.topbar')!.clientWidth,
    }));
    expect(overflow).toEqual({ page: 0, bar: 0 });
  });
});

describe('orphans', () => {
  it('places an orphan by selecting text in the new version, with the closest passage selected to start with', async () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const dir = tempDir();
    const page = (sentence: string) =>
      `<html><head><meta property="og:site_name" content="Example News"><link rel="canonical" href="https://news.example.test/port"></head><body><article>` +
      `<p>The harbour reopened after the storm, officials said on Monday.</p><p>${sentence}</p><p>Ferries will run a reduced timetable this week.</p></article></body></html>`;
    writeFileSync(join(dir, 'v1.html'), page('The port authority said damage to the northern pier would take months to repair.'));
    writeFileSync(join(dir, 'v2.html'), page('Repairs to the damaged northern pier will take several months, according to the port authority.'));
    expect(runCli(['import', join(dir, 'v1.html'), '--db', dbPath]).status).toBe(0);
    annotate(dbPath, 1, 'damage to the northern pier would take months to repair');
    expect(runCli(['import', join(dir, 'v2.html'), '--db', dbPath]).stdout).toMatch(/1 to place in the orphans queue/);

    const { page: tab } = await open(dbPath);
    await tab.getByRole('button', { name: 'Orphans' }).click();
    const queue = tab.getByRole('dialog', { name: 'Orphaned annotations' });
    await queue.getByRole('button', { name: 'Place by selecting text…' }).click();
    const text = queue.getByRole('document', { name: 'Text of article 2' });
    await eventually(() => text.isVisible()).toBe(true);
    await eventually(() => queue.innerText()).toMatch(/Selected: “[^”]*northern pier[^”]*”/);
    // Adjust by keyboard: one more character at the end, then one less.
    await text.focus();
    await tab.keyboard.press('Shift+ArrowRight');
    await tab.keyboard.press('Shift+ArrowLeft');
    const chosen = /Selected: “([^”]*)”/.exec(await queue.innerText())![1]!;
    await queue.getByRole('button', { name: 'Place at selection' }).click();
    await eventually(() => queue.innerText()).toMatch(/Nothing to place/);
    expect(cliAnnotations(dbPath, 2).map((a) => a.quote)).toEqual([chosen]);
  });
});

describe('accessibility', () => {
  /** A corpus with a claim group of two reports, so every Review tab has something to show. */
  async function corpusWithAGroup(): Promise<string> {
    const dbPath = await seededCorpus();
    annotate(dbPath, 1, KIRBY, 'claim', 'John Kirby');
    annotate(dbPath, 4, KIRBY.replace('defence', 'defense'), 'claim', 'Kirby');
    const link = runCli(['link', '1', '2', '--type', 'same-claim', '--db', dbPath]);
    expect(link.status, link.stderr).toBe(0);
    return dbPath;
  }

  it('has no serious or critical axe-core violation in the Read view, the key map and each dialog', async () => {
    const { page } = await open(await corpusWithAGroup());
    const found: Record<string, string[]> = {};
    await openArticle(page, /000_ed5d5ab491bc05c6/);
    await page.keyboard.press('j');
    found.read = await axeViolations(page);
    await page.keyboard.press('?');
    found.keys = await axeViolations(page);
    await page.keyboard.press('Escape');
    for (const [button, name] of [
      ['Import…', 'import'],
      ['Export…', 'export'],
      ['Orphans', 'orphans'],
      ['Edit details', 'details'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('dialog').waitFor();
      found[name] = await axeViolations(page);
      await page.keyboard.press('Escape');
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  }, 120_000);

  it('has no serious or critical axe-core violation on any tab of the Review desk', async () => {
    const { page } = await open(await corpusWithAGroup());
    const found: Record<string, string[]> = {};
    await page.getByRole('tab', { name: 'Review' }).click();
    for (const tab of ['Claim groups', 'Suggestions', 'Links', 'Speakers', 'Matrix', 'Graph']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await eventually(() => page.getByRole('tabpanel').innerText()).not.toMatch(/Loading|Finding/);
      found[tab] = await axeViolations(page);
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  }, 120_000);
});

/** Presses Tab (or Shift+Tab) until the focused element's text or label matches; the keyboard alone, as a user would. */
async function tabTo(page: Page, name: RegExp, backwards = false): Promise<void> {
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      // Controls only: the article text is focusable too, and its words would match anything.
      if (!element?.matches('button, a, input, select, textarea')) return '';
      return `${element?.getAttribute('aria-label') ?? ''} ${element?.innerText ?? ''} ${(element as HTMLInputElement | null)?.labels?.[0]?.innerText ?? ''}`;
    });
  for (let i = 0; i < 80; i++) {
    if (name.test(await focused())) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${name}; focus is on ${await focused()}`);
}

describe('the three jobs with the keyboard alone', () => {
  it('annotates: opens an article, selects words from a caret, tags, notes, retags and undoes', async () => {
    const dbPath = await seededCorpus();
    const { page, problems } = await open(dbPath);
    await eventually(() => page.locator('.corpus-size').innerText()).toBe('5 articles');
    await tabTo(page, BUSINESS_STANDARD);
    await page.keyboard.press('Enter');
    await eventually(() => heading(page)).toMatch(BUSINESS_STANDARD);
    // The reading pane loads as a chunk of its own: caret mode needs its text on screen.
    await page.locator('.article-text p').first().waitFor();
    await page.keyboard.press('v');
    const caretLine = () => page.evaluate(() => window.getSelection()?.focusNode?.textContent?.length ?? 0);
    for (let i = 0; i < 20 && (await caretLine()) < 100; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.press('c');
    await eventually(() => cliAnnotations(dbPath).length).toBe(1);
    await page.keyboard.press('n');
    await page.keyboard.type('checked against the transcript');
    await page.keyboard.press('Control+Enter');
    await eventually(() => cliAnnotations(dbPath)[0]?.note).toBe('checked against the transcript');
    await page.keyboard.press('Escape'); // leaves the note field
    await page.keyboard.press('j');
    await page.keyboard.press('d');
    await eventually(() => cliAnnotations(dbPath)[0]?.tag).toBe('denial');
    await page.keyboard.press('Control+z');
    await eventually(() => cliAnnotations(dbPath)[0]?.tag).toBe('claim');
    expect(problems).toEqual([]);
  });

  it('links and reviews: pins a claim, links its report in another article, then accepts a suggestion on the review desk', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 1, KIRBY);
    annotate(dbPath, 4, KIRBY.replace('defence', 'defense'));
    const { page, problems } = await open(dbPath);
    await eventually(() => page.locator('.corpus-size').innerText()).toBe('5 articles');
    await tabTo(page, /000_ed5d5ab491bc05c6/);
    await page.keyboard.press('Enter');
    await eventually(() => heading(page)).toMatch(/000_ed5d5ab491bc05c6/);
    await page.keyboard.press('j');
    await page.keyboard.press('p');
    await eventually(() => page.locator('.pin-bar').innerText()).toMatch(/Pinned/);
    await tabTo(page, ANADOLU, true);
    await page.keyboard.press('Enter');
    await eventually(() => heading(page)).toMatch(ANADOLU);
    await page.keyboard.press('j');
    await page.keyboard.press('l');
    await eventually(() => JSON.parse(runCli(['links', '--db', dbPath, '--json']).stdout)).toEqual([
      expect.objectContaining({ fromId: 1, toId: 2, type: 'same-claim' }),
    ]);

    await tabTo(page, /^\s*Review\b/, true);
    await page.keyboard.press('Enter');
    await tabTo(page, /^\s*Links\s*$/);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('table', { name: 'Links' }).locator('tbody tr').count()).toBe(1);
    await page.keyboard.press('x');
    await eventually(() => JSON.parse(runCli(['links', '--db', dbPath, '--json']).stdout).map((l: { status: string }) => l.status)).toEqual(['rejected']);
    await tabTo(page, /^\s*Suggestions\s*$/, true);
    await page.keyboard.press('Enter');
    // The queue runs the matcher over every annotation: slow on a busy machine.
    await expect.poll(() => page.getByRole('list', { name: 'Suggestion queue' }).locator('.suggestion').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const before = cliAnnotations(dbPath).length;
    await page.keyboard.press('a');
    await eventually(() => cliAnnotations(dbPath).length).toBe(before + 1);
    expect(problems).toEqual([]);
  }, 150_000);

  it('imports and exports: picks a file from the Import dialog and downloads annotations.csv from the Export dialog', async () => {
    const dbPath = await seededCorpus();
    annotate(dbPath, 3, 'John Kirby alleged on Friday', 'attribution', 'John Kirby');
    const dir = tempDir();
    writeFileSync(join(dir, 'briefing.txt'), 'Briefing notes\n\nThe ministry said the convoy crossed the border at dawn.\n');
    const { page, problems } = await open(dbPath);
    await eventually(() => page.locator('.corpus-size').innerText()).toBe('5 articles');
    await tabTo(page, /Import…/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Import articles' });
    // Waited for before tabbing: the browser is told to hand file choosers to the test only once something
    // waits for one, and that instruction could arrive after a Space pressed at once (1 run in 3 failed so).
    const chooser = page.waitForEvent('filechooser');
    await tabTo(page, /Choose files…/);
    await page.keyboard.press('Space');
    await (await chooser).setFiles(join(dir, 'briefing.txt'));
    await eventually(() => dialog.getByRole('status').innerText()).toBe('1 imported, 0 duplicate, 0 failed');
    await page.keyboard.press('Escape');
    await eventually(() => page.locator('.corpus-size').innerText()).toBe('6 articles');

    await tabTo(page, /Export…/);
    await page.keyboard.press('Enter');
    await tabTo(page, /Download annotations\.csv/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('annotations.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toContain('John Kirby alleged on Friday');
    expect(problems).toEqual([]);
  });
});
