import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getArticle, listArticles } from '../../main/corpus/articles.ts';
import { importContent, importPaths } from '../../main/ingest/importFiles.ts';
import { sha256Hex } from '../../main/ingest/normalise.ts';
import { importSeedsOnFirstRun } from '../../main/ingest/seeds.ts';
import { MAX_FILE_BYTES } from '../../main/ingest/textFile.ts';
import { SEEDS_DIR, tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const tableCounts = (db: ReturnType<typeof tempCorpus>['db']) =>
  db.prepare('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM events) AS events').get();

describe('importing the seed corpus', () => {
  it('imports the five seed articles with their text unchanged', () => {
    const { db } = tempCorpus();
    const results = importPaths(db, [SEEDS_DIR], 'ana');
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('imported'));
    const first = getArticle(db, results[0]!.articleId!);
    expect(first.text).toBe(readFileSync(join(SEEDS_DIR, '000_ed5d5ab491bc05c6.txt'), 'utf8'));
    expect(first.sha256).toBe(sha256Hex(first.text));
    expect(first.length).toBe(first.text.length);
  });

  it('adds nothing when the same files are imported again', () => {
    const { db } = tempCorpus();
    importPaths(db, [SEEDS_DIR], 'ana');
    const again = importPaths(db, [SEEDS_DIR], 'ana');
    expect(again.map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
    expect(listArticles(db)).toHaveLength(5);
  });

  it('seeds a new corpus once, and never again after the analyst empties it', () => {
    const { db } = tempCorpus();
    expect(importSeedsOnFirstRun(db, SEEDS_DIR, 'ana')).toHaveLength(5);
    expect(importSeedsOnFirstRun(db, SEEDS_DIR, 'ana')).toEqual([]);
    db.exec('DELETE FROM articles');
    expect(importSeedsOnFirstRun(db, SEEDS_DIR, 'ana')).toEqual([]);
  });
});

describe('normalising text on import', () => {
  it('stores CRLF and CR line endings as LF, without a byte-order mark, in NFC', () => {
    const { db } = tempCorpus();
    const result = importContent(db, 'win.txt', bytes('\uFEFFCafe\u0301 line\r\nsecond\rthird'), 'ana');
    expect(getArticle(db, result.articleId!).text).toBe('Café line\nsecond\nthird');
  });

  it('treats files that differ only in line endings as the same article', () => {
    const { db } = tempCorpus();
    importContent(db, 'a.txt', bytes('one\ntwo'), 'ana');
    expect(importContent(db, 'b.txt', bytes('one\r\ntwo'), 'ana').status).toBe('duplicate');
  });
});

describe('bad files fail with a reason and change nothing', () => {
  const cases: Array<[string, string, Uint8Array, RegExp]> = [
    ['a binary file', 'photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), /binary/],
    ['invalid UTF-8', 'latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), /not valid UTF-8/],
    ['an empty file', 'empty.txt', bytes('  \n\t\n'), /empty/],
    ['an unsupported type', 'report.docx', bytes('PK\u0003\u0004'), /unsupported file type \.docx/],
    ['a file over the size limit', 'huge.txt', new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61), /over the 10 MiB limit/],
  ];
  it.each(cases)('%s', (_name, fileName, content, reason) => {
    const { db } = tempCorpus();
    const before = tableCounts(db);
    const result = importContent(db, fileName, content, 'ana');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(reason);
    expect(tableCounts(db)).toEqual(before);
  });
});

describe('importing folders', () => {
  it('walks folders in name order, skips hidden files and reports each file', () => {
    const { db } = tempCorpus();
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'b.txt'), 'Second article.');
    writeFileSync(join(dir, 'a.md'), '# First article');
    writeFileSync(join(dir, 'sub', 'c.txt'), 'Third article.');
    writeFileSync(join(dir, '.DS_Store'), 'junk');
    writeFileSync(join(dir, 'notes.docx'), 'PK');
    const results = importPaths(db, [dir, join(dir, 'missing.txt')], 'ana');
    expect(results.map((r) => [r.file.slice(dir.length + 1), r.status])).toEqual([
      ['a.md', 'imported'],
      ['b.txt', 'imported'],
      ['notes.docx', 'failed'],
      ['sub/c.txt', 'imported'],
      ['missing.txt', 'failed'],
    ]);
    expect(results.at(-1)!.reason).toBe('no such file or folder');
  });
});

describe('importing what is not a regular file', () => {
  const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

  it('refuses a named pipe given by name at once, without waiting for a writer', () => {
    const { db } = tempCorpus();
    const fifo = join(tempDir(), 'article.txt');
    mkfifo(fifo);
    const started = performance.now();
    expect(importPaths(db, [fifo], 'ana')).toEqual([
      { file: fifo, status: 'failed', reason: 'not a regular file (a named pipe); only files and folders are imported' },
    ]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a character device such as /dev/zero given by name at once', () => {
    const { db } = tempCorpus();
    expect(importPaths(db, ['/dev/zero'], 'ana')).toEqual([
      { file: '/dev/zero', status: 'failed', reason: 'not a regular file (a character device); only files and folders are imported' },
    ]);
  });

  it('refuses a 1.5 GB file by its type, and a 1.5 GB text file by its size, before reading either', () => {
    const { db } = tempCorpus();
    const dir = tempDir();
    for (const name of ['film.mp4', 'dump.txt']) {
      // Sparse: the size is stated without the disk holding it, as a reader would see it.
      const fd = openSync(join(dir, name), 'w');
      ftruncateSync(fd, 1.5 * 1024 ** 3);
      closeSync(fd);
    }
    const started = performance.now();
    const rssBefore = process.memoryUsage().rss;
    const results = importPaths(db, [join(dir, 'film.mp4'), join(dir, 'dump.txt')], 'ana');
    expect(results.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^unsupported file type \.mp4/),
      `file is ${1.5 * 1024 ** 3} bytes, over the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`,
    ]);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('lists the links, pipes and other entries of a folder it skipped, and imports the files beside them', () => {
    const { db } = tempCorpus();
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'A real article about the harbour.');
    symlinkSync(join(dir, 'a.txt'), join(dir, 'b-link.txt'));
    mkfifo(join(dir, 'c-pipe.txt'));
    const results = importPaths(db, [dir], 'ana');
    expect(results.map((r) => [r.file.slice(dir.length + 1), r.status, r.reason])).toEqual([
      ['a.txt', 'imported', undefined],
      ['b-link.txt', 'skipped', 'skipped: a symbolic link, not followed inside a folder'],
      ['c-pipe.txt', 'skipped', 'skipped: a named pipe'],
    ]);
  });
});
