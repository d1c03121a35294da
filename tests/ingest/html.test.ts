import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getArticle, listArticles } from '../../main/corpus/articles.ts';
import { bylineOf } from '../../main/corpus/bylines.ts';
import { extractHtmlArticle, MAX_ATTRIBUTES, MAX_ATTRIBUTES_PER_ELEMENT, MAX_ELEMENTS, MAX_NESTING_DEPTH } from '../../main/ingest/html.ts';
import { manyAttributesPage, manyAttributesSpreadPage, unclosedCommentPage, unclosedScriptPage, unclosedTagPage } from '../fuzz/hostileInputs.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { PROJECT_ROOT, tempCorpus } from '../helpers/tempCorpus.ts';

const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'html', name));
const scriptRan = () => (globalThis as { __crosscheckPageScriptRan?: boolean }).__crosscheckPageScriptRan === true;
afterEach(() => {
  delete (globalThis as { __crosscheckPageScriptRan?: boolean }).__crosscheckPageScriptRan;
});

describe('importing a saved web page', () => {
  it('keeps the article body, paragraph by paragraph, and none of the page furniture', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'wire-report.html', fixture('wire-report.html'), 'ana');
    expect(result.status).toBe('imported');
    const { text } = getArticle(db, result.articleId!);
    expect(text).toContain('Russia is offering Iran an unprecedented level of military and technical support that is transforming');
    expect(text).toContain('\n\n"This is a full-blown defence partnership," Kirby said.\n\n');
    for (const furniture of ['cookies', 'Accept all', 'Markets wrap', 'All rights reserved', 'renderAd', 'gtag', 'Search'])
      expect(text).not.toContain(furniture);
    expect(text).not.toMatch(/[ \t]\n|\n{3,}/);
  });

  it("takes title, outlet, URL and published date from the page's metadata", () => {
    const { db } = tempCorpus();
    const { articleId } = importContent(db, 'wire-report.html', fixture('wire-report.html'), 'ana');
    expect(listArticles(db).find((a) => a.id === articleId)).toMatchObject({
      title: "US says Russia offering Iran 'unprecedented' military support",
      outlet: 'Example Wire',
      url: 'https://www.example-wire.test/world/us-russia-iran-support-2022-12-09/',
      published: '2022-12-09',
      fileName: 'wire-report.html',
    });
    expect(bylineOf(db, articleId!)).toBe('Jane Reporter');
  });

  it('never runs page scripts or event handlers', () => {
    extractHtmlArticle(fixture('wire-report.html').toString('utf8'));
    expect(() => extractHtmlArticle(fixture('hostile-shell.html').toString('utf8'))).toThrow();
    expect(scriptRan()).toBe(false);
  });

  it('reads a page in the encoding it declares', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'legacy.htm', fixture('legacy-windows-1252.html'), 'ana');
    expect(result.status).toBe('imported');
    const article = getArticle(db, result.articleId!);
    expect(article.text).toContain('« Nous n’avons pas été consultés », said Renée Martin');
    expect(article).toMatchObject({ outlet: 'Le Petit Journal', published: '2023-03-02' });
  });

  it('refuses a page of scripts and frames with no article in it, and stores nothing', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'shell.html', fixture('hostile-shell.html'), 'ana');
    expect(result).toEqual({ file: 'shell.html', status: 'failed', reason: expect.stringMatching(/no article found in the page: \d+ readable words/) });
    expect(listArticles(db)).toEqual([]);
  });

  it('refuses, quickly, a page nested deeper than any article page, which would stall the extractor', () => {
    const { db } = tempCorpus();
    const nested = '<div>'.repeat(100_000) + 'deep' + '</div>'.repeat(100_000);
    const started = performance.now();
    const result = importContent(db, 'nested.html', new TextEncoder().encode(`<html><body>${nested}</body></html>`), 'ana');
    expect(result).toMatchObject({ status: 'failed', reason: `the page nests elements more than ${MAX_NESTING_DEPTH} deep; no article page does` });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(listArticles(db)).toEqual([]);
  });

  it('refuses a page nested just past the limit, as built, before the extractor runs', () => {
    const { db } = tempCorpus();
    const depth = MAX_NESTING_DEPTH + 50;
    const page = `<html><body>${'<div>'.repeat(depth)}<p>${'words '.repeat(40)}</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(importContent(db, 'deep.html', new TextEncoder().encode(page), 'ana')).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/more than 256 deep/),
    });
  });

  it('refuses a page of more elements than any article page', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'flood.html', new TextEncoder().encode(`<html><body>${'<i></i>'.repeat(MAX_ELEMENTS + 1)}</body></html>`), 'ana');
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/more than 100000 elements/) });
  });

  it('keeps no javascript: address as the article URL', () => {
    const words = 'The council met on Thursday and agreed the budget after a long debate about the harbour. '.repeat(5);
    const page = extractHtmlArticle(
      `<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><article><p>${words}</p></article></body></html>`,
    );
    expect(page.url).toBeNull();
    expect(page.text).toBe(words.trim());
  });

  it('refuses HTML that is not valid UTF-8 when it declares no other encoding', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'bad.html', Buffer.from([0x3c, 0x70, 0x3e, 0xc3, 0x28, 0x3c, 0x2f, 0x70, 0x3e]), 'ana');
    expect(result).toMatchObject({ status: 'failed', reason: 'file is not valid UTF-8 text' });
  });

  // Generous bounds for a shared machine: the quadratic scan these replace took minutes on the same pages.
  it.each([
    ['a comment that never closes', unclosedCommentPage(2_000_000)],
    ['a script that never closes', unclosedScriptPage(2_000_000)],
    ['a tag that never closes', unclosedTagPage(2_000_000)],
  ])('reads a 2 MB page with %s in time linear in its size, keeping the article before it', (_what, page) => {
    const started = performance.now();
    try {
      expect(extractHtmlArticle(page).text).toContain('Paragraph 9 of a long report');
    } catch (error) {
      expect((error as Error).message).toMatch(/attributes; no article page does/);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses, before parsing, an element with more attributes than any article page carries', () => {
    const started = performance.now();
    expect(() => extractHtmlArticle(manyAttributesPage(800_000))).toThrow(
      `the page has an element with more than ${MAX_ATTRIBUTES_PER_ELEMENT} attributes; no article page does`,
    );
    // Parsing it took minutes; the scan that refuses it reads 9 MB once.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a page whose attributes, spread over many elements, pass the total limit', () => {
    expect(() => extractHtmlArticle(manyAttributesSpreadPage(MAX_ATTRIBUTES + 500))).toThrow(
      `the page has more than ${MAX_ATTRIBUTES} attributes; no article page does`,
    );
  });

  it('reads a page just under the attribute limits, and keeps no attribute Readability does not need', () => {
    const started = performance.now();
    expect(extractHtmlArticle(manyAttributesSpreadPage(MAX_ATTRIBUTES - 500)).text).toContain('Paragraph 0 of a long report');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  const articlePage = (head: string, body = 'The council met on Thursday and agreed the budget after a long debate about the harbour. '.repeat(4)) =>
    `<!doctype html><html><head>${head}<title>Harbour</title></head><body><article><p>${body}</p></article></body></html>`;

  it('reads an ASCII page that declares utf-16 as UTF-8, as browsers do', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'utf16.html', new TextEncoder().encode(articlePage('<meta charset="utf-16">')), 'ana');
    expect(result).toMatchObject({ status: 'imported' });
    expect(getArticle(db, result.articleId!).text).toContain('The council met on Thursday');
  });

  it('imports a page whose declared encoding its UTF-8 bytes contradict as declared, with a warning to check it', () => {
    const { db } = tempCorpus();
    const page = articlePage(
      '<meta charset="windows-1252">',
      'Renée Martin said the café would stay open after the harbour debate on Thursday evening. '.repeat(3),
    );
    const result = importContent(db, 'lie.html', new TextEncoder().encode(page), 'ana');
    expect(result).toMatchObject({ status: 'imported', warnings: [expect.stringMatching(/declares windows-1252 but its bytes read as UTF-8/)] });
    const honest = importContent(db, 'legacy.htm', fixture('legacy-windows-1252.html'), 'ana');
    expect(honest.warnings).toBeUndefined();
  });

  it('lets a UTF-8 byte-order mark outweigh a declared encoding', () => {
    const { db } = tempCorpus();
    const page = articlePage(
      '<meta charset="windows-1252">',
      'Renée Martin said the café would stay open after the harbour debate on Thursday evening. '.repeat(3),
    );
    const result = importContent(db, 'bom.html', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(page)]), 'ana');
    expect(result).toMatchObject({ status: 'imported' });
    expect(result.warnings).toBeUndefined();
    expect(getArticle(db, result.articleId!).text).toContain('Renée Martin said the café');
  });
});
