import { createHash } from 'node:crypto';
import type { CapturedSource } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';
import { cachedStatement } from './statements.ts';

/** The bytes an article was read from, as they arrived, and where they came from. */
export interface Capture {
  bytes: Uint8Array;
  mediaType: string;
  fileName: string | null;
  /** When Crosscheck read the bytes (ISO 8601); now unless the caller knows better. */
  capturedAt?: string;
  /** For a page fetched from the web: the address it came from and the server's Date header. */
  address?: string | null;
  httpDate?: string | null;
}

const COLUMNS = `article_id AS articleId, sha256, size, media_type AS mediaType, file_name AS fileName,
  captured_at AS capturedAt, address, http_date AS httpDate`;

export function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Keeps the captured bytes of a newly stored article. Called inside the
 * transaction that stores the article, so an article and its capture arrive
 * together or not at all.
 */
export function keepCapture(db: Db, articleId: number, capture: Capture, actor: string): CapturedSource {
  const row = {
    articleId,
    sha256: sha256OfBytes(capture.bytes),
    size: capture.bytes.byteLength,
    mediaType: capture.mediaType,
    fileName: capture.fileName,
    capturedAt: capture.capturedAt ?? new Date().toISOString(),
    address: capture.address ?? null,
    httpDate: capture.httpDate ?? null,
  };
  cachedStatement(
    db,
    `INSERT INTO article_sources (article_id, sha256, size, media_type, file_name, captured_at, address, http_date, bytes)
     VALUES (@articleId, @sha256, @size, @mediaType, @fileName, @capturedAt, @address, @httpDate, @bytes)`,
  ).run({ ...row, bytes: Buffer.from(capture.bytes.buffer, capture.bytes.byteOffset, capture.bytes.byteLength) });
  // The log names the hash too, so a capture swapped later for other bytes disagrees with the evidence.
  const { articleId: _, ...data } = row;
  recordEvent(db, { actor, action: 'article.capture', entity: 'article', entityId: articleId, data });
  return row;
}

/** What was captured for an article, without the bytes; null when nothing was (an older import, a merged export). */
export function captureOf(db: Db, articleId: number): CapturedSource | null {
  assertArticle(db, articleId);
  return (db.prepare(`SELECT ${COLUMNS} FROM article_sources WHERE article_id = ?`).get(articleId) as CapturedSource | undefined) ?? null;
}

/** The captured bytes themselves, exactly as stored. */
export function captureBytes(db: Db, articleId: number): { source: CapturedSource; bytes: Buffer } {
  assertArticle(db, articleId);
  const row = db.prepare(`SELECT ${COLUMNS}, bytes FROM article_sources WHERE article_id = ?`).get(articleId) as
    (CapturedSource & { bytes: Buffer }) | undefined;
  if (!row)
    throw new CrosscheckError(
      'not_found',
      `Article ${articleId} has no captured source: it was imported before sources were kept, or merged from another analyst's export.`,
    );
  const { bytes, ...source } = row;
  return { source, bytes };
}

/** Where each page of a paged source (a PDF) begins in the article's text, page 1 first. */
export function keepPageStarts(db: Db, articleId: number, pageStarts: readonly number[]): void {
  const insert = cachedStatement(db, 'INSERT INTO article_pages (article_id, page, start) VALUES (?, ?, ?)');
  pageStarts.forEach((start, i) => insert.run(articleId, i + 1, start));
}

export function pageStartsOf(db: Db, articleId: number): number[] {
  return db.prepare('SELECT start FROM article_pages WHERE article_id = ? ORDER BY page').pluck().all(articleId) as number[];
}

/**
 * The page an offset falls on. A page without text starts where the next one
 * does; the text there belongs to the later page, hence the last page whose
 * start is at or before the offset.
 */
export function pageAt(pageStarts: readonly number[], offset: number): number | null {
  let page: number | null = null;
  for (let i = 0; i < pageStarts.length && pageStarts[i]! <= offset; i++) page = i + 1;
  return page;
}

/** SQL for the page of annotation alias `an` (null for an unpaged article), shared by the exports. */
export const ANNOTATION_PAGE_SQL = `(SELECT max(p.page) FROM article_pages p WHERE p.article_id = an.article_id AND p.start <= an.start)`;

function assertArticle(db: Db, articleId: number): void {
  if (!db.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId)) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
}
