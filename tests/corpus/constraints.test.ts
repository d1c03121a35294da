import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function withArticle(text = 'Kirby said Russia was offering Iran support.') {
  const { db } = tempCorpus();
  const { articleId } = insertArticle(db, { text, title: null, outlet: null, url: null, published: null, fileName: 'a.txt' }, 'tester');
  return { db, articleId };
}

const rawInsert = (db: Db, values: { articleId: number; start: number; end: number; tag: string }) =>
  db
    .prepare(
      `INSERT INTO annotations (article_id, start, "end", quote, prefix, suffix, tag, author, created_at, updated_at)
       VALUES (@articleId, @start, @end, '', '', '', @tag, 'x', 'now', 'now')`,
    )
    .run(values);

describe('the schema refuses impossible data even when the code is bypassed', () => {
  it('refuses a span that ends where it starts or earlier', () => {
    const { db, articleId } = withArticle();
    expect(() => rawInsert(db, { articleId, start: 5, end: 5, tag: 'claim' })).toThrow(/CHECK constraint/);
    expect(() => rawInsert(db, { articleId, start: 6, end: 5, tag: 'claim' })).toThrow(/CHECK constraint/);
  });

  it('refuses a span past the end of its article, counted in UTF-16 code units', () => {
    const { db, articleId } = withArticle('😀 ok'); // 5 code units, 4 code points
    expect(() => rawInsert(db, { articleId, start: 0, end: 6, tag: 'claim' })).toThrow(/beyond the end/);
    expect(() => rawInsert(db, { articleId, start: 0, end: 5, tag: 'claim' })).not.toThrow();
  });

  it('refuses an unknown tag', () => {
    const { db, articleId } = withArticle();
    expect(() => rawInsert(db, { articleId, start: 0, end: 4, tag: 'opinion' })).toThrow(/CHECK constraint/);
  });

  it('refuses an annotation of an article that does not exist', () => {
    const { db } = withArticle();
    expect(() => rawInsert(db, { articleId: 999, start: 0, end: 4, tag: 'claim' })).toThrow(/FOREIGN KEY|beyond/);
  });

  it('refuses moving a span past the end of its article', () => {
    const { db, articleId } = withArticle();
    const annotation = createAnnotation(db, { articleId, start: 0, end: 5, tag: 'claim' }, 'tester');
    expect(() => db.prepare('UPDATE annotations SET "end" = 1000 WHERE id = ?').run(annotation.id)).toThrow(/beyond the end/);
  });

  it('refuses a link from an annotation to itself and a duplicate link', () => {
    const { db, articleId } = withArticle();
    const a = createAnnotation(db, { articleId, start: 0, end: 5, tag: 'attribution' }, 'tester');
    const b = createAnnotation(db, { articleId, start: 11, end: 17, tag: 'claim' }, 'tester');
    const link = db.prepare(
      `INSERT INTO links (from_id, to_id, type, status, method, created_at)
       VALUES (?, ?, 'attributed-to', 'confirmed', 'manual', 'now')`,
    );
    expect(() => link.run(a.id, a.id)).toThrow(/CHECK constraint/);
    link.run(a.id, b.id);
    expect(() => link.run(a.id, b.id)).toThrow(/UNIQUE constraint/);
  });

  it('keeps the event log append-only', () => {
    const { db } = withArticle();
    expect(() => db.prepare("UPDATE events SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
  });

  it('stores one article per text: the same text twice is a duplicate', () => {
    const { db, articleId } = withArticle('Same words.');
    const again = insertArticle(db, { text: 'Same words.', title: 'Other', outlet: null, url: null, published: null, fileName: 'b.txt' }, 'tester');
    expect(again).toEqual({ status: 'duplicate', articleId });
  });

  it('refuses text that was not normalised first', () => {
    const { db } = tempCorpus();
    expect(() => insertArticle(db, { text: 'line\r\nline', title: null, outlet: null, url: null, published: null, fileName: null }, 't')).toThrow(/normalised/);
  });
});
