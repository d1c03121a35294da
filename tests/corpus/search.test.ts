import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { migrate, openDatabase } from '../../main/corpus/database.ts';
import { searchArticles, toFtsQuery } from '../../main/corpus/search.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const article = (text: string, title: string | null = null) => ({ text, title, outlet: null, url: null, published: null, fileName: null });

describe('full-text search over the corpus', () => {
  it('finds every word of the query, with offsets into the stored text and a snippet', () => {
    const { db } = tempCorpus();
    insertArticle(db, article('Nothing about that man here.'), 'ana');
    const text = '😀 Emoji first. Then Kirby said Russia gives Iran support; Kirby repeated it.';
    const { articleId } = insertArticle(db, article(text), 'ana');
    insertArticle(db, article('Nor here.'), 'ana');
    const { articles } = searchArticles(db, 'kirby');
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ articleId, matchCount: 2 });
    for (const match of articles[0]!.matches) expect(text.slice(match.start, match.end)).toBe('Kirby');
    expect(articles[0]!.matches[0]).toMatchObject({ match: 'Kirby', after: ' said Russia gives Iran support; Kirby r' });
  });

  it('treats the last word as a prefix, so results come while typing', () => {
    const { db } = tempCorpus();
    insertArticle(db, article('Tehran initially denied the reports.'), 'ana');
    expect(searchArticles(db, 'tehran deni').articles[0]!.matches.map((m) => m.match)).toEqual(['Tehran', 'denied']);
    expect(searchArticles(db, 'tehran deniz').articles).toEqual([]);
  });

  it('keeps the index in step with articles imported after it was built', () => {
    const { db } = tempCorpus();
    expect(searchArticles(db, 'drones').articles).toEqual([]);
    insertArticle(db, article('Iran sent drones.'), 'ana');
    expect(searchArticles(db, 'drones').articles).toHaveLength(1);
    db.prepare('DELETE FROM articles').run();
    expect(searchArticles(db, 'drones').articles).toEqual([]);
  });

  it('indexes the articles of a corpus made before search existed', () => {
    const path = join(tempDir(), 'old.sqlite');
    const raw = new Database(path);
    migrate(raw, 1);
    raw.prepare("INSERT INTO articles (text, text_length, sha256, imported_at) VALUES ('Old drones story', 16, ?, 'now')").run('a'.repeat(64));
    raw.close();
    const db = openDatabase(path);
    expect(searchArticles(db, 'drones').articles.map((a) => a.matches[0]!.start)).toEqual([4]);
    db.close();
  });

  it('turns any typed text into a safe query and refuses text without words', () => {
    expect(toFtsQuery('"NEAR(x y) OR* drones')).toBe('"NEAR" "x" "y" "OR" "drones"*');
    expect(() => toFtsQuery(' ** () ')).toThrow(/at least one word/);
  });
});
