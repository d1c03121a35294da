import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../main/corpus/database.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { sha256Hex } from '../../main/ingest/normalise.ts';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

describe('migration 004: article versions, orphans queue, claim ratings', () => {
  it('upgrades a version-1 corpus and keeps its articles', () => {
    const path = join(tempDir(), 'old.sqlite');
    const raw = new Database(path);
    migrate(raw, 1);
    // Written as version 1 wrote it: today's insertArticle also fills tables that version 1 did not have.
    raw
      .prepare('INSERT INTO articles (text, text_length, sha256, imported_at) VALUES (?, ?, ?, ?)')
      .run('An old article.', 15, sha256Hex('An old article.'), '2026-01-01T00:00:00.000Z');
    raw.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(4);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['article_supersessions', 'orphans', 'claim_reviews']));
    db.close();
  });

  it('refuses a rating outside 1–5, an empty verdict and a suggestion that ends before it starts', () => {
    const { db } = tempCorpus();
    const { articleId } = insertArticle(db, { text: 'Some text here.', title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
    db.prepare(
      `INSERT INTO annotations (uuid, article_id, start, "end", quote, prefix, suffix, tag, author, created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', ?, 0, 4, 'Some', '', ' text', 'claim', 'ana', 'now', 'now')`,
    ).run(articleId);
    const rate = db.prepare(`INSERT INTO claim_reviews (annotation_id, rating_value, alternate_name, reviewer, reviewed_at) VALUES (1, ?, ?, 'ana', 'now')`);
    expect(() => rate.run(6, 'True')).toThrow(/CHECK/);
    expect(() => rate.run(3, '')).toThrow(/CHECK/);
    const orphan = db.prepare(
      `INSERT INTO orphans (annotation_id, new_article_id, suggested_start, suggested_end, score, reason, created_at) VALUES (1, 1, ?, ?, NULL, 'r', 'now')`,
    );
    expect(() => orphan.run(5, 3)).toThrow(/CHECK/);
    expect(() => orphan.run(5, null)).toThrow(/CHECK/);
  });

  it('does not let an article supersede itself', () => {
    const { db } = tempCorpus();
    const { articleId } = insertArticle(db, { text: 'Some text here.', title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
    expect(() => db.prepare(`INSERT INTO article_supersessions (old_id, new_id, superseded_at) VALUES (?, ?, 'now')`).run(articleId, articleId)).toThrow(
      /CHECK/,
    );
  });
});

describe('migration 004 query plans', () => {
  it('finds the previous version of an article through an index, not a scan of every article', () => {
    const { db } = tempCorpus();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM articles WHERE url = 'u' AND url IS NOT NULL")).toMatch(/USING COVERING INDEX articles_by_url/);
    expect(plan("SELECT id FROM articles WHERE outlet = 'o' AND title = 't' AND outlet IS NOT NULL AND title IS NOT NULL")).toMatch(
      /USING COVERING INDEX articles_by_outlet_title/,
    );
  });
});
