import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../main/exchange/csvExport.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { getArticle } from '../../main/corpus/articles.ts';
import { bylineOf } from '../../main/corpus/bylines.ts';
import { pageAt, pageStartsOf } from '../../main/corpus/capturedSources.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { pdfDate } from '../../main/ingest/pdf/pdfArticle.ts';
import { readPdf } from '../../main/ingest/pdf/pdfReader.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';
import { textPage, writePdf } from '../helpers/pdfWriter.ts';

const FIRST = 'The harbour authority said on Monday that the port would reopen to container ships after three days of closure.';
const SECOND = 'Officials added that smaller vessels had already resumed their routes and that inspections would continue.';
const THIRD = 'The ministry of transport denied reports that the closure had been ordered for reasons other than the storm.';
const count = (db: ReturnType<typeof tempCorpus>['db'], table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('PDF import', () => {
  it('imports the text page by page, paragraphs kept, and remembers where each page begins', () => {
    const { db } = tempCorpus();
    const pdf = writePdf([textPage([FIRST, SECOND]), textPage([THIRD])], { compress: true });
    const result = importContent(db, 'port.pdf', pdf, 'ana');
    expect(result).toMatchObject({ status: 'imported' });
    const article = getArticle(db, result.articleId!);
    expect(article.text).toBe(`${FIRST}\n\n${SECOND}\n\n${THIRD}`);
    expect(pageStartsOf(db, article.id)).toEqual([0, article.text.indexOf(THIRD)]);
  });

  it('gives every annotation its page', () => {
    const { db } = tempCorpus();
    const { articleId } = importContent(db, 'port.pdf', writePdf([textPage([FIRST]), { lines: [] }, textPage([THIRD])]), 'ana');
    const text = getArticle(db, articleId!).text;
    const onThird = createAnnotation(db, { articleId: articleId!, start: text.indexOf('ministry'), end: text.indexOf('ministry') + 8, tag: 'denial' }, 'ana');
    const starts = pageStartsOf(db, articleId!);
    expect(starts).toHaveLength(3);
    expect(pageAt(starts, 0)).toBe(1);
    // The empty second page holds no text: what follows it is on page 3.
    expect(pageAt(starts, onThird.start)).toBe(3);
  });

  it("writes each annotation's page in the CSV export's page column, empty for an article without pages", async () => {
    const { db } = tempCorpus();
    const { articleId } = importContent(db, 'port.pdf', writePdf([textPage([FIRST]), textPage([THIRD])]), 'ana');
    const text = getArticle(db, articleId!).text;
    createAnnotation(db, { articleId: articleId!, start: 4, end: 11, tag: 'claim' }, 'ana');
    createAnnotation(db, { articleId: articleId!, start: text.indexOf('ministry'), end: text.indexOf('ministry') + 8, tag: 'denial' }, 'ana');
    const plain = importContent(db, 'note.txt', new TextEncoder().encode(SECOND), 'ana').articleId!;
    createAnnotation(db, { articleId: plain, start: 0, end: 9, tag: 'claim' }, 'ana');
    const out = tempDir();
    await exportCsv(db, out);
    const rows = parse(readFileSync(join(out, 'annotations.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.quote, r.page])).toEqual([
      ['harbour', '1'],
      ['ministry', '2'],
      ['Officials', ''],
    ]);
  });

  it('reads lines in the order they sit on the page, whatever order the file draws them in', () => {
    const pdf = writePdf([
      {
        lines: [
          { x: 62, y: 700, text: 'second line of the paragraph,' },
          { x: 62, y: 714.3, text: 'The first line of the paragraph' },
          { x: 62, y: 685.7, text: 'and its third line.' },
        ],
      },
    ]);
    expect(readPdf(pdf).pages).toEqual(['The first line of the paragraph second line of the paragraph, and its third line.']);
  });

  it('reads a two-column page one column after the other, under a headline spanning both', () => {
    const left = ['Left column opens the story', 'and carries on down the page', 'to the end of its column.'];
    const right = ['Right column takes it up', 'and follows the same spacing', 'until the story ends here.'];
    const lines = [{ x: 60, y: 780, text: 'A headline running across the whole width of the page above both columns', size: 14 }];
    left.forEach((text, i) => lines.push({ x: 60, y: 740 - i * 14, text, size: 11 }));
    right.forEach((text, i) => lines.push({ x: 320, y: 740 - i * 14, text, size: 11 }));
    expect(readPdf(writePdf([{ lines }])).pages[0]).toBe(
      `A headline running across the whole width of the page above both columns\n\n${left.join(' ')}\n\n${right.join(' ')}`,
    );
  });

  it("takes title and author from the document's metadata, and its creation date when the text states none", () => {
    const { db } = tempCorpus();
    const pdf = writePdf([textPage([FIRST, SECOND])], {
      info: { title: 'Port to reopen', author: 'Harbour Authority Press Office', creationDate: "D:20221209101500+01'00'" },
    });
    const { articleId } = importContent(db, 'release.pdf', pdf, 'ana');
    expect(getArticle(db, articleId!)).toMatchObject({ title: 'Port to reopen', published: '2022-12-09', fileName: 'release.pdf' });
    expect(bylineOf(db, articleId!)).toBe('Harbour Authority Press Office');
  });

  it('prefers the date the text states over the date the file was made', () => {
    const { db } = tempCorpus();
    const pdf = writePdf([textPage(['Port to reopen after the storm closes it', '11 December, 2022', FIRST])], { info: { creationDate: 'D:20230105' } });
    expect(getArticle(db, importContent(db, 'r.pdf', pdf, 'ana').articleId!).published).toBe('2022-12-11');
  });

  it('reads PDF dates as written and refuses impossible ones', () => {
    expect(pdfDate("D:20221209101500+01'00'")).toBe('2022-12-09');
    expect(pdfDate('20221209')).toBe('2022-12-09');
    expect(pdfDate('D:20230230')).toBeNull();
    expect(pdfDate('yesterday')).toBeNull();
    expect(pdfDate(null)).toBeNull();
  });

  it('keeps the PDF itself as the captured source', () => {
    const { db } = tempCorpus();
    const pdf = writePdf([textPage([FIRST])]);
    const { articleId } = importContent(db, 'port.pdf', pdf, 'ana');
    const row = db.prepare('SELECT media_type AS mediaType, size, bytes FROM article_sources WHERE article_id = ?').get(articleId) as {
      mediaType: string;
      size: number;
      bytes: Buffer;
    };
    expect(row.mediaType).toBe('application/pdf');
    expect(row.size).toBe(pdf.byteLength);
    expect(Buffer.compare(row.bytes, Buffer.from(pdf))).toBe(0);
  });
});

describe('PDFs that are refused, with the reason, storing nothing', () => {
  it.each([
    [
      'a scanned document (images, no text)',
      () => writePdf([{ image: true }, { image: true }]),
      /no text layer.*2 of its 2 pages are images: it looks scanned and needs OCR/,
    ],
    ['an encrypted document', () => writePdf([textPage([FIRST])], { encrypted: true }), /encrypted and needs a password/],
    ['a damaged file', () => writePdf([textPage([FIRST])]).slice(0, 200), /damaged or not a PDF/],
    ['a file that is no PDF at all', () => new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF\n'), /damaged or not a PDF/],
  ])('refuses %s', (_what, make, reason) => {
    const { db } = tempCorpus();
    const result = importContent(db, 'doc.pdf', make(), 'ana');
    expect(result).toEqual({ file: 'doc.pdf', status: 'failed', reason: expect.stringMatching(reason) });
    expect([count(db, 'articles'), count(db, 'article_sources'), count(db, 'article_pages')]).toEqual([0, 0, 0]);
  });

  it('stops a hostile PDF at its time budget, then reads the next file in a fresh reader', () => {
    const { db } = tempCorpus();
    // A million tiny text-showing operators: a few hundred kilobytes that keep a reader busy for minutes.
    const hostile = writePdf([{ rawContent: `BT /F1 1 Tf ${'(a) Tj 0.01 0 Td '.repeat(1_000_000)}ET` }], { compress: true });
    // The reader's start-up is not what this test times; it also shows the same reader reads a good file.
    expect(readPdf(writePdf([textPage([FIRST])]), { timeMs: 20_000, memoryMb: 512, maxPages: 100 }).pages).toEqual([FIRST]);
    const started = performance.now();
    expect(() => readPdf(hostile, { timeMs: 1500, memoryMb: 512, maxPages: 100 })).toThrow(/within its 1.5 s budget/);
    expect(performance.now() - started).toBeLessThan(1500 + 500);
    expect(importContent(db, 'after.pdf', writePdf([textPage([SECOND])]), 'ana')).toMatchObject({ status: 'imported' });
  }, 60_000);

  it('stops a decompression bomb at its budget instead of inflating it', () => {
    // 150 MB of spaces compress to about 150 KB.
    const bomb = writePdf([{ rawContent: Buffer.alloc(150_000_000, 0x20) }], { compress: true });
    expect(bomb.byteLength).toBeLessThan(2_000_000);
    // A reader with the bomb's memory limit, started (and shown able to read a good file) before the timing starts.
    expect(readPdf(writePdf([textPage([FIRST])]), { timeMs: 20_000, memoryMb: 128, maxPages: 100 }).pages).toEqual([FIRST]);
    const started = performance.now();
    expect(() => readPdf(bomb, { timeMs: 1500, memoryMb: 128, maxPages: 100 })).toThrow(/budget|refused/);
    expect(performance.now() - started).toBeLessThan(1500 + 500);
  }, 60_000);

  it('refuses a document with more pages than the budget allows before reading them', () => {
    const pages = Array.from({ length: 30 }, () => textPage([FIRST]));
    expect(() => readPdf(writePdf(pages), { timeMs: 20_000, memoryMb: 512, maxPages: 20 })).toThrow(/30 pages, over the 20-page limit/);
  }, 60_000);
});
