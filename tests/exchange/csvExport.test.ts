import { parse } from 'csv-parse/sync';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { TAGS } from '../../main/contract/contract.ts';
import type { Db } from '../../main/corpus/database.ts';
import { createLink } from '../../main/corpus/links.ts';
import { ANNOTATION_COLUMNS, csvTableChunks, csvTableDownloadChunks, exportCsv, LINK_COLUMNS } from '../../main/exchange/csvExport.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';
import { buildExchangeCorpus } from './exchangeCorpus.ts';

const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;

describe('CSV export', () => {
  it('writes annotations.csv with every column, and a real CSV parser reads back quotes, commas, newlines and emoji', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const out = tempDir();
    const result = await exportCsv(db, out);
    expect(result).toMatchObject({ annotations: 4, links: 2 });
    const header = parse(readFileSync(join(out, 'annotations.csv'), 'utf8'), { to: 1 })[0];
    expect(header).toEqual([...ANNOTATION_COLUMNS]);
    const rows = readCsv(join(out, 'annotations.csv'));
    const claim = rows.find((r) => r.annotation_id === String(c.claim.id))!;
    expect(claim).toMatchObject({
      article_id: String(c.kirby),
      outlet: 'The Example Times',
      title: 'Russia offers Iran support',
      url: 'https://example.org/kirby',
      published: '2022-12-09',
      tag: 'claim',
      start: String(c.claim.start),
      end: String(c.claim.end),
      quote: c.claim.quote,
      prefix: c.claim.prefix,
      suffix: c.claim.suffix,
      note: 'Quote, with "commas", and\na newline 🙂',
      speaker: 'John Kirby',
      author: 'ana',
      created: c.claim.createdAt,
      claim_group_id: String(c.claim.id),
      linked_annotation_ids: String(c.drift.id),
    });
    expect(rows.find((r) => r.annotation_id === String(c.denial.id))).toMatchObject({ claim_group_id: '', linked_annotation_ids: String(c.formula.id) });
  });

  it('writes links.csv with both ends, their articles, outlets and quotes', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const out = tempDir();
    await exportCsv(db, out);
    expect(parse(readFileSync(join(out, 'links.csv'), 'utf8'), { to: 1 })[0]).toEqual([...LINK_COLUMNS]);
    const rows = readCsv(join(out, 'links.csv'));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      link_id: String(c.suggested.id),
      type: 'contradicts',
      status: 'suggested',
      from_annotation_id: String(c.denial.id),
      from_article_id: String(c.kirby),
      from_outlet: 'The Example Times',
      from_quote: 'Tehran denied sending drones to Moscow.',
      to_annotation_id: String(c.formula.id),
      to_article_id: String(c.anadolu),
      to_outlet: 'Anadolu Agency',
      method: 'matcher',
      score: '0.42',
      reviewer: '',
      reviewed_at: '',
    });
  });

  it('neutralises cells a spreadsheet would run as formulas, whatever column they are in', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const out = tempDir();
    await exportCsv(db, out);
    const rows = readCsv(join(out, 'annotations.csv'));
    const note = (id: number) => rows.find((r) => r.annotation_id === String(id))!.note;
    expect(note(c.denial.id)).toBe("'@SUM(1+1)");
    expect(note(c.drift.id)).toBe("'+1 drift");
    expect(note(c.formula.id)).toBe("'-2+3");
    expect(rows.find((r) => r.annotation_id === String(c.formula.id))!.quote).toBe(`'=cmd|" /C calc"!A0`);
    expect(readCsv(join(out, 'links.csv'))[1]!.to_quote).toBe(`'=cmd|" /C calc"!A0`);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('neutralises a tab or carriage return at the start of a cell', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    db.prepare('UPDATE annotations SET note = ? WHERE id = ?').run('\t=1+1', c.claim.id);
    db.prepare('UPDATE annotations SET note = ? WHERE id = ?').run('\r=1+1', c.denial.id);
    const out = tempDir();
    await exportCsv(db, out);
    const notes = readCsv(join(out, 'annotations.csv')).map((r) => r.note);
    expect(notes).toContain("'\t=1+1");
    expect(notes).toContain("'\r=1+1");
  });

  it('is UTF-8 without a byte-order mark by default, and starts with one when asked, for spreadsheet programs', async () => {
    const { db } = tempCorpus();
    buildExchangeCorpus(db);
    const plain = tempDir();
    const withBom = tempDir();
    await exportCsv(db, plain);
    await exportCsv(db, withBom, { bom: true });
    expect([...readFileSync(join(plain, 'annotations.csv')).subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect([...readFileSync(join(withBom, 'annotations.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...readFileSync(join(withBom, 'links.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('ends records with CRLF as RFC 4180 asks, keeping newlines inside quoted cells as they are', async () => {
    const { db } = tempCorpus();
    buildExchangeCorpus(db);
    const out = tempDir();
    await exportCsv(db, out);
    const text = readFileSync(join(out, 'annotations.csv'), 'utf8');
    expect(text.split('\r\n')[0]).toBe(ANNOTATION_COLUMNS.join(','));
    expect(text).toContain('"Quote, with ""commas"", and\na newline 🙂"');
  });

  it('quotes a cell whose only special character is a line break, so no reader splits the record there', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const lf = createAnnotation(db, { articleId: c.kirby, start: 0, end: 5, tag: 'claim', note: 'line one\nline two' }, 'ana');
    const cr = createAnnotation(db, { articleId: c.kirby, start: 6, end: 11, tag: 'claim', note: 'one\rtwo' }, 'ana');
    const out = tempDir();
    await exportCsv(db, out);
    const text = readFileSync(join(out, 'annotations.csv'), 'utf8');
    expect(text).toContain(',"line one\nline two",');
    expect(text).toContain(',"one\rtwo",');
    const rows = readCsv(join(out, 'annotations.csv'));
    expect(rows.find((r) => r.annotation_id === String(lf.id))!.note).toBe('line one\nline two');
    expect(rows.find((r) => r.annotation_id === String(cr.id))!.note).toBe('one\rtwo');
  });

  it('writes a cell holding a NUL character as it is, records still ending in CRLF', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const odd = createAnnotation(db, { articleId: c.kirby, start: 0, end: 5, tag: 'claim', note: 'before\u0000after' }, 'ana');
    const out = tempDir();
    await exportCsv(db, out);
    const text = readFileSync(join(out, 'annotations.csv'), 'utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(1 + 5 + 1);
    expect(readCsv(join(out, 'annotations.csv')).find((r) => r.annotation_id === String(odd.id))!.note).toBe('before\u0000after');
  });

  it('filters by tag and outlet, and keeps only links whose two ends are exported', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const out = tempDir();
    const result = await exportCsv(db, out, { tags: ['claim'] });
    expect(readCsv(join(out, 'annotations.csv')).map((r) => Number(r.annotation_id))).toEqual([c.claim.id, c.drift.id]);
    expect(readCsv(join(out, 'links.csv')).map((r) => Number(r.link_id))).toEqual([c.same.id]);
    expect(result).toMatchObject({ annotations: 2, links: 1 });
    await exportCsv(db, out, { outlets: ['Anadolu Agency'] });
    expect(readCsv(join(out, 'annotations.csv')).map((r) => Number(r.annotation_id))).toEqual([c.drift.id, c.formula.id]);
    expect(readCsv(join(out, 'links.csv'))).toEqual([]);
  });

  it('filters links by status, and lists as linked only annotations joined by links of those statuses', async () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    const out = tempDir();
    await exportCsv(db, out, { linkStatuses: ['confirmed'] });
    expect(readCsv(join(out, 'links.csv')).map((r) => Number(r.link_id))).toEqual([c.same.id]);
    expect(readCsv(join(out, 'annotations.csv')).find((r) => r.annotation_id === String(c.denial.id))!.linked_annotation_ids).toBe('');
  });

  it('leaves an earlier export intact when writing fails', async () => {
    const { db } = tempCorpus();
    buildExchangeCorpus(db);
    const out = tempDir();
    writeFileSync(join(out, 'annotations.csv'), 'earlier export');
    // A folder where the temporary file would go makes the write fail.
    mkdirSync(join(out, 'annotations.csv.partial'));
    await expect(exportCsv(db, out)).rejects.toThrow();
    expect(readFileSync(join(out, 'annotations.csv'), 'utf8')).toBe('earlier export');
  });

  it('replaces neither file of an earlier export when the second file fails: both are written, then both renamed', async () => {
    const { db } = tempCorpus();
    buildExchangeCorpus(db);
    const out = tempDir();
    writeFileSync(join(out, 'annotations.csv'), 'earlier annotations');
    writeFileSync(join(out, 'links.csv'), 'earlier links');
    mkdirSync(join(out, 'links.csv.partial'));
    await expect(exportCsv(db, out, { threads: 1 })).rejects.toThrow();
    expect(readFileSync(join(out, 'annotations.csv'), 'utf8')).toBe('earlier annotations');
    expect(readFileSync(join(out, 'links.csv'), 'utf8')).toBe('earlier links');
    expect(readdirSync(out).sort()).toEqual(['annotations.csv', 'links.csv', 'links.csv.partial']);
  });

  describe('on several threads', () => {
    /** Enough annotations for every thread to get a slice, with gaps in the ids and links across slices. */
    function sizeableCorpus(db: Db): void {
      const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
      const ids: number[] = [];
      db.transaction(() => {
        for (let a = 0; a < 6; a++) {
          const articleId = insertArticle(
            db,
            { text: `${a} ${words}`, title: `Report ${a}`, outlet: `Outlet ${a % 3}`, url: null, published: null, fileName: `${a}.txt` },
            'ana',
          ).articleId;
          for (let i = 0; i < 120; i++) {
            const start = 2 + i * 9;
            const note = i % 7 === 0 ? `=HYPERLINK("x"), line\nbreak ${i}` : i % 11 === 0 ? 'emoji 🙂, "quoted"' : '';
            ids.push(createAnnotation(db, { articleId, start, end: start + 6, tag: TAGS[i % 3]!, note }, 'ana').id);
          }
        }
        for (let i = 0; i + 400 < ids.length; i += 13)
          createLink(db, { fromId: ids[i]!, toId: ids[i + 400]!, type: 'same-claim', status: i % 2 ? 'confirmed' : 'suggested' }, 'ana');
        db.prepare('DELETE FROM annotations WHERE id % 17 = 0').run();
      })();
    }

    const bytes = (folder: string) => ({ annotations: readFileSync(join(folder, 'annotations.csv')), links: readFileSync(join(folder, 'links.csv')) });

    it('writes the very same bytes as one thread does, with or without filters', async () => {
      const { db } = tempCorpus();
      sizeableCorpus(db);
      for (const options of [{}, { tags: ['claim', 'denial'] as const, linkStatuses: ['confirmed'] as const, bom: true }, { outlets: ['Outlet 1'] }]) {
        const one = tempDir();
        const three = tempDir();
        const single = await exportCsv(db, one, { ...options, threads: 1 });
        const parallel = await exportCsv(db, three, { ...options, threads: 3 });
        expect(parallel).toMatchObject({ annotations: single.annotations, links: single.links });
        expect(bytes(three)).toEqual(bytes(one));
      }
      // Three exports start two worker threads each, every one loading the export's modules: seconds on a loaded machine.
    }, 120_000);

    it('gives the app’s download of a table the parallel writer’s bytes, the same as one thread renders, and leaves no folder behind', async () => {
      const { db } = tempCorpus();
      sizeableCorpus(db);
      const collect = async (chunks: AsyncIterable<string>) => {
        let text = '';
        for await (const chunk of chunks) text += chunk;
        return text;
      };
      const leftovers = () => readdirSync(tmpdir()).filter((name) => name.startsWith('crosscheck-csv-download-')).length;
      const before = leftovers();
      for (const table of ['annotations', 'links'] as const) {
        const inThreads = await collect(csvTableDownloadChunks(db, table, { visibleTo: 'ana' }, true, 2));
        const here = await collect(csvTableChunks(db, table, { visibleTo: 'ana' }, true));
        expect(inThreads.length).toBeGreaterThan(1_000);
        expect(inThreads).toBe(here);
      }
      expect(leftovers()).toBe(before);
    }, 120_000);

    it('leaves the earlier export and no part files behind when a worker cannot write its part', async () => {
      const { db } = tempCorpus();
      sizeableCorpus(db);
      const out = tempDir();
      writeFileSync(join(out, 'annotations.csv'), 'earlier export');
      mkdirSync(join(out, 'annotations.csv.part1'));
      await expect(exportCsv(db, out, { threads: 2 })).rejects.toThrow(/part1/);
      expect(readFileSync(join(out, 'annotations.csv'), 'utf8')).toBe('earlier export');
      expect(readdirSync(out).sort()).toEqual(['annotations.csv', 'annotations.csv.part1']);
    });

    it('refuses a thread count that is not a whole number of at least one', async () => {
      const { db } = tempCorpus();
      await expect(exportCsv(db, tempDir(), { threads: 0 })).rejects.toThrow(/threads must be a whole number/);
      await expect(exportCsv(db, tempDir(), { threads: 1.5 })).rejects.toThrow(/threads must be a whole number/);
    });
  });
});
