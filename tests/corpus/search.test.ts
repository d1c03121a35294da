import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { migrate, openDatabase } from '../../main/corpus/database.ts';
import { MAX_COUNTED_MATCHES, searchArticles, toFtsQuery } from '../../main/corpus/search.ts';
import { oneLetterEverywhereText } from '../fuzz/hostileInputs.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';
import { sha256Hex } from '../../main/ingest/normalise.ts';

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
    raw.prepare("INSERT INTO articles (text, text_length, sha256, imported_at) VALUES ('Old drones story', 16, ?, 'now')").run(sha256Hex('Old drones story'));
    raw.close();
    const db = openDatabase(path);
    expect(searchArticles(db, 'drones').articles.map((a) => a.matches[0]!.start)).toEqual([4]);
    db.close();
  });

  it('turns any typed text into a safe query and refuses text without words', () => {
    expect(toFtsQuery('"NEAR(x y) OR* drones')).toBe('"NEAR" "x" "y" "OR" "drones"*');
    expect(() => toFtsQuery(' ** () ')).toThrow(/at least one word/);
  });

  it('gives offsets into the stored text even when the article holds the characters a highlighter would mark with', () => {
    const { db } = tempCorpus();
    const text = 'Marks \u0001\u0002 \uE000\uE001 \uFDD0\uFDD1 then Kirby spoke; later Kirby left.';
    insertArticle(db, article(text), 'ana');
    const [found] = searchArticles(db, 'kirby').articles;
    expect(found!.matches.map((m) => text.slice(m.start, m.end))).toEqual(['Kirby', 'Kirby']);
    expect(found!.matches.map((m) => m.start)).toEqual([text.indexOf('Kirby'), text.lastIndexOf('Kirby')]);
  });

  it('matches words whatever their case and diacritics, as the index does, and only whole words but the last', () => {
    const { db } = tempCorpus();
    const text = 'IRÁN said; Irán and Iran and Iranian officials, not Tiran.';
    insertArticle(db, article(text), 'ana');
    expect(searchArticles(db, 'iran').articles[0]!.matches.map((m) => m.match)).toEqual(['IRÁN', 'Irán', 'Iran', 'Iranian']);
    expect(searchArticles(db, 'iran said').articles[0]!.matches.map((m) => m.match)).toEqual(['IRÁN', 'said', 'Irán', 'Iran']);
  });

  it('answers one typed letter over a 3 MiB article quickly, counting matches up to a limit', () => {
    const { db } = tempCorpus();
    insertArticle(db, article(oneLetterEverywhereText(3 * 1024 * 1024)), 'ana');
    const started = performance.now();
    const [found] = searchArticles(db, 'a').articles;
    // Generous for a shared machine: counting hit by hit through the highlighter took minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found).toMatchObject({ matchCount: MAX_COUNTED_MATCHES, moreMatches: true });
    expect(found!.matches).toHaveLength(20);
  });
});

describe('a short last word', () => {
  it('is matched as a whole word, not as the start of every word, and the answer says so', () => {
    const { db } = tempCorpus();
    insertArticle(db, article('An official said a ceasefire was agreed.'), 'ana');
    insertArticle(db, article('Analysts doubted it.'), 'ana');
    const one = searchArticles(db, 'a');
    expect(one.prefixSkipped).toBe(true);
    expect(one.articles.map((a) => a.matches.map((m) => m.match))).toEqual([['a']]);
    const two = searchArticles(db, 'an');
    expect(two.prefixSkipped).toBe(true);
    expect(two.articles.flatMap((a) => a.matches.map((m) => m.match))).toEqual(['An']);
  });

  it('becomes a prefix again from its third letter', () => {
    const { db } = tempCorpus();
    insertArticle(db, article('Analysts doubted it.'), 'ana');
    const three = searchArticles(db, 'ana');
    expect(three.prefixSkipped).toBeUndefined();
    expect(three.articles.flatMap((a) => a.matches.map((m) => m.match))).toEqual(['Analysts']);
  });

  it('counts letters after folding, so a short word with diacritics is still short', () => {
    expect(toFtsQuery('ceasefire é')).toBe('"ceasefire" "é"');
    expect(toFtsQuery('ceasefire éta')).toBe('"ceasefire" "éta"*');
  });
});
