import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { axeViolations } from '../helpers/accessibility.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { eventually, openArticle } from '../helpers/seededApp.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
const open = (dbPath: string) => session.open(dbPath, { viewport: { width: 1400, height: 900 }, consoleErrors: false });

/** A seeded corpus; `prepare` runs with the app's analyst ("e2e") and a colleague ("ben") on it before the app opens. */
async function corpusWith(
  prepare: (
    apis: { mine: ReturnType<typeof createHandlers>; bens: ReturnType<typeof createHandlers> },
    article: { id: number; title: string; text: string },
  ) => void,
) {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  const { session: running } = await session.start(dbPath);
  const mine = createHandlers({ db: running.db, actor: 'e2e' });
  const bens = createHandlers({ db: running.db, actor: 'ben' });
  const summary = mine['articles.list']({}).find((a) => a.title !== null)! as { id: number; title: string };
  const { text } = mine['articles.get']({ id: summary.id });
  prepare({ mine, bens }, { ...summary, text });
  await session.stop();
  return { dbPath, title: summary.title, articleId: summary.id };
}

/** The offsets of the n-th sentence-sized run of words in a text: spans any news text has, wherever the words fall. */
const sentence = (text: string, n: number) => {
  const runs = [...text.matchAll(/[^.\n]{40,}/g)];
  const run = runs[n]!;
  const start = run.index + (run[0].length - run[0].trimStart().length);
  return { start, end: start + run[0].trim().length };
};

const titlePattern = (title: string) => new RegExp(title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('four-eyes review in the app', () => {
  it('refuses the creator’s own confirmation once the option is ticked, and shows the link confirmed when a colleague confirms it', async () => {
    const { dbPath } = await corpusWith(({ mine }, article) => {
      const a = mine['annotations.create']({ articleId: article.id, ...sentence(article.text, 0), tag: 'claim' });
      const b = mine['annotations.create']({ articleId: article.id, ...sentence(article.text, 1), tag: 'claim' });
      mine['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim', status: 'suggested' });
    });
    const { page, problems } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Adjudication' }).click();
    const fourEyes = page.getByRole('checkbox', { name: /Four-eyes review/ });
    // The box shows what the corpus holds, so it ticks once the change is stored.
    await fourEyes.click();
    await eventually(() => fourEyes.isChecked()).toBe(true);
    await page.getByRole('tab', { name: 'Links' }).click();
    const row = page.getByRole('table', { name: 'Links' }).getByRole('row').nth(1);
    await eventually(() => row.innerText()).toMatch(/suggested/);
    await row.click();
    await page.keyboard.press('c');
    await eventually(() => page.getByRole('alert').innerText()).toMatch(/Four-eyes review is on: .* someone else must confirm it/);
    expect(await row.innerText()).toMatch(/suggested/);
    // A colleague confirms it; the desk shows it confirmed by them once it reads the links again.
    const bens = createHandlers({ db: session.app().session.db, actor: 'ben' });
    bens['links.review']({ id: bens['links.list']({})[0]!.id, status: 'confirmed' });
    await page.getByRole('tab', { name: 'Links' }).click();
    await page.reload();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Links' }).click();
    await eventually(() => page.getByRole('table', { name: 'Links' }).getByRole('row').nth(1).innerText()).toMatch(/confirmed\s+ben/);
    expect(problems.filter((p) => !/403/.test(p))).toEqual([]);
  });
});

describe('blind annotation in the app', () => {
  it('shows only the analyst’s own spans until they mark the article done, and undo hides the others again', async () => {
    const { dbPath, title } = await corpusWith(({ mine, bens }, article) => {
      mine['annotations.create']({ articleId: article.id, ...sentence(article.text, 0), tag: 'claim' });
      bens['annotations.create']({ articleId: article.id, ...sentence(article.text, 1), tag: 'denial' });
      bens['annotations.create']({ articleId: article.id, ...sentence(article.text, 2), tag: 'claim' });
      bens['project.setOption']({ name: 'blind', enabled: true });
    });
    const { page, problems } = await open(dbPath);
    await openArticle(page, titlePattern(title));
    const rows = page.getByRole('listbox', { name: 'Annotations in text order' }).getByRole('option');
    await eventually(() => rows.count()).toBe(1);
    expect(await page.locator('.article-text .hl-denial').count()).toBe(0);
    await eventually(() => page.getByRole('note').innerText()).toMatch(/2 spans by others hidden until you mark this article done/);
    await page.getByRole('button', { name: 'Mark done' }).click();
    await eventually(() => rows.count()).toBe(3);
    await eventually(() => page.locator('.article-text .hl-denial').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /Done ✓/ }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('#article-heading').click();
    await page.keyboard.press('Control+z');
    await eventually(() => rows.count()).toBe(1);
    await eventually(() => page.getByRole('button', { name: 'Mark done' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('blind annotation on the review desk', () => {
  it('leaves a link to a colleague’s span out of the Links table until the analyst marks its article done', async () => {
    let bensQuote = '';
    const { dbPath, title } = await corpusWith(({ mine, bens }, article) => {
      const own = mine['annotations.create']({ articleId: article.id, ...sentence(article.text, 0), tag: 'claim' });
      const ownOther = mine['annotations.create']({ articleId: article.id, ...sentence(article.text, 2), tag: 'claim' });
      const his = bens['annotations.create']({ articleId: article.id, ...sentence(article.text, 1), tag: 'claim' });
      bensQuote = his.quote;
      mine['links.create']({ fromId: own.id, toId: ownOther.id, type: 'cites', status: 'suggested' });
      bens['links.create']({ fromId: his.id, toId: own.id, type: 'same-claim', status: 'suggested' });
      bens['project.setOption']({ name: 'blind', enabled: true });
    });
    const { page, problems } = await open(dbPath);
    const linkRows = page.getByRole('table', { name: 'Links' }).locator('tbody tr');
    const showLinks = async () => {
      await page.getByRole('tab', { name: 'Review' }).click();
      await page.getByRole('tab', { name: 'Links' }).click();
    };
    await showLinks();
    await eventually(() => linkRows.count()).toBe(1);
    expect(await linkRows.first().innerText()).toMatch(/cites/);
    expect(await page.getByRole('table', { name: 'Links' }).innerText()).not.toContain(bensQuote.slice(0, 30));
    await page.getByRole('tab', { name: 'Read' }).click();
    await openArticle(page, titlePattern(title));
    await page.getByRole('button', { name: 'Mark done' }).click();
    await eventually(() => page.getByRole('button', { name: /Done ✓/ }).count()).toBe(1);
    await showLinks();
    await eventually(() => linkRows.count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Links' }).innerText()).toContain(bensQuote.slice(0, 30));
    expect(problems).toEqual([]);
  });
});

describe('the adjudication view', () => {
  it('puts two analysts’ spans side by side with their differences, keeps a side by keyboard into the curated layer, undoes it, and passes axe', async () => {
    const { dbPath, articleId } = await corpusWith(({ mine, bens }, article) => {
      const [one, two, three] = [0, 1, 2].map((n) => sentence(article.text, n));
      mine['annotations.create']({ articleId: article.id, ...one!, tag: 'claim' });
      bens['annotations.create']({ articleId: article.id, ...one!, tag: 'claim' });
      mine['annotations.create']({ articleId: article.id, ...two!, tag: 'claim' });
      bens['annotations.create']({ articleId: article.id, ...two!, tag: 'attribution' });
      mine['annotations.create']({ articleId: article.id, start: three!.start, end: three!.end - 3, tag: 'denial' });
      bens['annotations.create']({ articleId: article.id, ...three!, tag: 'denial' });
      bens['annotations.create']({ articleId: article.id, ...sentence(article.text, 3), tag: 'claim' });
    });
    const { page, problems } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Adjudication' }).click();
    await page.getByLabel('Article', { exact: true }).selectOption(String(articleId));
    const table = page.getByRole('table', { name: /side by side/ });
    await eventually(() => table.getByRole('row').count()).toBe(5);
    const differences = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
    expect(differences).toEqual(['same span and tag', 'same span, different tag', 'boundary differs', 'only ben']);
    const [first, second] = await page
      .locator('.adjudication-table thead th')
      .allInnerTexts()
      .then((h) => h.slice(1, 3));
    expect([first, second].sort()).toEqual(['ben', 'e2e']);

    // Keyboard: move to the second pair and keep the second analyst's span.
    await page.locator('.adjudication > p.muted').click();
    await page.keyboard.press('j');
    await page.keyboard.press('2');
    const keptSecond = table
      .getByRole('row')
      .nth(2)
      .getByRole('button', { name: `Keep ${second}’s` });
    await eventually(() => keptSecond.getAttribute('aria-pressed')).toBe('true');
    await eventually(() => page.getByText(/Curated layer of this article: 1 span\./).count()).toBe(1);
    // Pair 4 is only the first analyst's: keeping the missing second span is refused (its button is disabled, its key does
    // nothing). Keeping neither is a decision, shown apart from an undecided pair, and adds nothing to the curated layer.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const fourth = table.getByRole('row').nth(4);
    expect(await fourth.getByRole('button', { name: `Keep ${second}’s` }).isDisabled()).toBe(true);
    expect(await fourth.locator('.adjudication-decision').innerText()).toBe('undecided');
    await page.keyboard.press('2');
    expect(await fourth.locator('.adjudication-decision').innerText()).toBe('undecided');
    await page.keyboard.press('0');
    await eventually(() => fourth.locator('.adjudication-decision').innerText()).toBe('kept neither');
    expect(await fourth.getByRole('button', { name: 'Neither' }).getAttribute('aria-pressed')).toBe('true');
    expect(await table.getByRole('row').nth(3).locator('.adjudication-decision').innerText()).toBe('undecided');
    expect(await page.getByText(/4 pairs differ|3 of 4 pairs differ/).innerText()).toMatch(/2 decided \(1 keeping neither\)/);
    expect(await page.getByText(/Curated layer of this article: 1 span\./).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Control+z');
    await eventually(() => fourth.locator('.adjudication-decision').innerText()).toBe('undecided');
    await page.keyboard.press('Control+z');
    await eventually(() => keptSecond.getAttribute('aria-pressed')).toBe('false');
    await eventually(() => page.getByText(/Curated layer of this article: 0 spans\./).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('curators in the app', () => {
  it('refuses a non-curator’s decision in words once a colleague is named curator, with the keep buttons disabled', async () => {
    const { dbPath, articleId } = await corpusWith(({ mine, bens }, article) => {
      mine['annotations.create']({ articleId: article.id, ...sentence(article.text, 0), tag: 'claim' });
      bens['annotations.create']({ articleId: article.id, ...sentence(article.text, 0), tag: 'denial' });
      bens['team.setCurator']({ analyst: 'ben', curator: true });
    });
    const { page, problems } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Adjudication' }).click();
    await page.getByLabel('Article', { exact: true }).selectOption(String(articleId));
    await eventually(() => page.getByRole('note').innerText()).toMatch(/Only a curator keeps spans into the curated layer; this project’s curators: ben\./);
    expect(await page.getByRole('list', { name: 'Curators' }).innerText()).toMatch(/ben \(named by ben\)/);
    const row = page
      .getByRole('table', { name: /side by side/ })
      .getByRole('row')
      .nth(1);
    for (const name of [/^Keep e2e’s$/, /^Keep ben’s$/, /^Neither$/]) expect(await row.getByRole('button', { name }).isDisabled()).toBe(true);
    // Naming oneself is refused too, in words.
    await page.getByLabel('Analyst to name curator').fill('e2e');
    await page.getByRole('button', { name: 'Add curator' }).click();
    await eventually(() => page.getByRole('alert').innerText()).toMatch(/Only a curator may change who the curators are/);
    expect(await row.locator('.adjudication-decision').innerText()).toBe('undecided');
    expect(problems).toEqual([]);
  });

  it('under blind annotation shows a colleague’s spans to the analyst once they are named curator, and undo hides them again', async () => {
    const { dbPath, articleId } = await corpusWith(({ mine, bens }, article) => {
      mine['project.setOption']({ name: 'blind', enabled: true });
      mine['annotations.create']({ articleId: article.id, ...sentence(article.text, 0), tag: 'claim' });
      bens['annotations.create']({ articleId: article.id, ...sentence(article.text, 1), tag: 'denial' });
    });
    const { page, problems } = await open(dbPath);
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tab', { name: 'Adjudication' }).click();
    await page.getByLabel('Article', { exact: true }).selectOption(String(articleId));
    // Nobody is named, so nobody is exempt from blind annotation: only the analyst's own spans show.
    await eventually(() => page.getByText(/Fewer than two analysts have spans on this article \(e2e\)/).count()).toBe(1);
    await page.getByLabel('Analyst to name curator').fill('e2e');
    await page.getByRole('button', { name: 'Add curator' }).click();
    await eventually(() => page.getByRole('list', { name: 'Curators' }).innerText()).toMatch(/e2e \(named by e2e\)/);
    const table = page.getByRole('table', { name: /side by side/ });
    await eventually(() => table.getByRole('row').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.adjudication > p.muted').click();
    await page.keyboard.press('Control+z');
    await eventually(() => page.getByText(/Fewer than two analysts have spans on this article \(e2e\)/).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
