import type { Article, ArticleSummary } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { isNormalised, sha256Hex } from './articleText.ts';
import { runArticleStoredHooks } from './articleStoredHooks.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';
import { appendLocalOperation } from './operations.ts';
import { setByline } from './bylines.ts';
import { cachedStatement } from './statements.ts';

export interface NewArticle {
  text: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  fileName: string | null;
  /** When the article first entered a corpus; kept when it arrives from another analyst's export. */
  importedAt?: string;
  /** Where it came from, for the event log (e.g. "web-annotation"); a plain file import says nothing. */
  origin?: string;
  /** Who wrote it, as its page says: stored beside the article and carried to other devices with its import. */
  byline?: string | null;
}

export type InsertOutcome = { status: 'imported' | 'duplicate'; articleId: number };

const SUMMARY_COLUMNS = `id, title, outlet, url, published, file_name AS fileName,
  text_length AS length, imported_at AS importedAt`;

/**
 * Adds an article unless one with the same text is already stored (same sha256).
 * The one way an article enters the corpus, so the word index and the event log never miss one.
 */
export function insertArticle(db: Db, article: NewArticle, actor: string, options: { replicate?: boolean } = {}): InsertOutcome {
  if (!isNormalised(article.text)) {
    throw new CrosscheckError('invalid_input', 'article text must be normalised (LF line endings, NFC) before it is stored');
  }
  const sha256 = sha256Hex(article.text);
  return db
    .transaction((): InsertOutcome => {
      const existing = cachedStatement(db, 'SELECT id FROM articles WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
      if (existing) return { status: 'duplicate', articleId: existing.id };
      const importedAt = article.importedAt ?? new Date().toISOString();
      const { lastInsertRowid } = cachedStatement(
        db,
        `INSERT INTO articles (title, outlet, url, published, text, text_length, sha256, file_name, imported_at)
       VALUES (@title, @outlet, @url, @published, @text, @length, @sha256, @fileName, @importedAt)`,
      ).run({
        title: article.title,
        outlet: article.outlet,
        url: article.url,
        published: article.published,
        text: article.text,
        fileName: article.fileName,
        length: article.text.length,
        sha256,
        importedAt,
      });
      const articleId = Number(lastInsertRowid);
      // The word index (matching/termIndex.ts) and any other index kept from article texts.
      runArticleStoredHooks(db, articleId, article.text);
      if (article.byline) setByline(db, articleId, article.byline);
      // Other devices receive the details as an operation and the text by its sha256.
      if (options.replicate !== false) {
        const details = {
          title: article.title,
          outlet: article.outlet,
          url: article.url,
          published: article.published,
          fileName: article.fileName,
          importedAt,
          // Present only when the page names its writer, so an import without one travels as before.
          ...(article.byline ? { byline: article.byline } : {}),
        };
        appendLocalOperation(db, actor, { kind: 'article', uuid: sha256, before: null, after: details });
      }
      recordEvent(db, {
        actor,
        action: 'article.import',
        entity: 'article',
        entityId: articleId,
        entityUuid: sha256,
        data: {
          sha256,
          fileName: article.fileName,
          title: article.title,
          outlet: article.outlet,
          published: article.published,
          url: article.url,
          ...(article.origin ? { from: article.origin } : {}),
        },
      });
      return { status: 'imported', articleId };
    })
    .immediate();
}

export function listArticles(db: Db): ArticleSummary[] {
  return db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles ORDER BY published IS NULL, published, id`).all() as ArticleSummary[];
}

export function getArticle(db: Db, id: number): Article {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS}, text, sha256 FROM articles WHERE id = ?`).get(id) as Article | undefined;
  if (!row) throw new CrosscheckError('not_found', `There is no article ${id}.`);
  return row;
}

/** An article's text by the sha256 that names it, or null when it is not in this corpus. */
export function articleTextByHash(db: Db, sha256: string): string | null {
  return (cachedStatement(db, 'SELECT text FROM articles WHERE sha256 = ?').pluck().get(sha256) as string | undefined) ?? null;
}

export function countArticles(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
}
