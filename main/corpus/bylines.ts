import type { Db } from './database.ts';

/** Records who wrote an article, as its page says; kept beside the article, whose row import never rewrites. */
export function setByline(db: Db, articleId: number, byline: string): void {
  db.prepare('INSERT OR REPLACE INTO article_bylines (article_id, byline) VALUES (?, ?)').run(articleId, byline);
}

export function bylineOf(db: Db, articleId: number): string | null {
  return (db.prepare('SELECT byline FROM article_bylines WHERE article_id = ?').pluck().get(articleId) as string | undefined) ?? null;
}
