import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../main/contract/contract.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { migrate, openDatabase } from '../../main/corpus/database.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { sha256Hex } from '../../main/ingest/normalise.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const article = (published: string | null) => ({ text: `A dated article ${published}.`, title: null, outlet: null, url: null, published, fileName: null });

describe('migration 007: published dates are real calendar dates', () => {
  it.each(['2023-02-30', '2023-13-01', '2023-00-10', '2023-04-31', '2023-02-29'])('refuses %s in the corpus itself, on insert and on update', (date) => {
    const { db } = tempCorpus();
    expect(() => insertArticle(db, article(date), 'ana')).toThrow(/real calendar date/);
    const { articleId } = insertArticle(db, article('2024-02-29'), 'ana');
    expect(() => db.prepare('UPDATE articles SET published = ? WHERE id = ?').run(date, articleId)).toThrow(/real calendar date/);
  });

  it('accepts real dates, leap days included', () => {
    const { db } = tempCorpus();
    for (const date of ['2024-02-29', '2023-12-31', '2000-02-29']) expect(insertArticle(db, article(date), 'ana').status).toBe('imported');
  });

  it('refuses impossible dates through the API with a clear message, and changes nothing', () => {
    const { db } = tempCorpus();
    const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }));
    const { articleId } = insertArticle(db, article('2023-02-01'), 'ana');
    for (const published of ['2023-02-30', '2023-13-01']) {
      const answer = dispatch('articles.updateMetadata', { id: articleId, published });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/published: no such calendar date/) } });
    }
    expect(contract['articles.updateMetadata'].input.safeParse({ id: 1, published: '2024-02-29' }).success).toBe(true);
  });

  it('clears the impossible dates an older corpus holds, keeping each on record in an event', () => {
    const path = join(tempDir(), 'old.sqlite');
    const raw = new Database(path);
    migrate(raw, 4);
    const insert = raw.prepare("INSERT INTO articles (text, text_length, sha256, imported_at, published) VALUES (?, ?, ?, 'now', ?)");
    for (const [text, published] of [
      ['Bad day.', '2023-02-30'],
      ['Good day.', '2023-02-28'],
    ] as const)
      insert.run(text, text.length, sha256Hex(text), published);
    raw.close();
    const db = openDatabase(path);
    expect(db.prepare('SELECT published FROM articles ORDER BY id').pluck().all()).toEqual([null, '2023-02-28']);
    expect(listEvents(db, 'article', 1).at(-1)).toMatchObject({
      action: 'article.update',
      data: { before: { published: '2023-02-30' }, after: { published: null } },
    });
    db.close();
  });
});
