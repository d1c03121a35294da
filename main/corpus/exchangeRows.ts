import type { Db } from './database.ts';
import { visibleAnnotationsFilter } from './blindAnnotation.ts';

/*
 * The corpus as the Web Annotation export writes it, row by row from a reader
 * connection (exchange/corpusSnapshot.ts): every entity by its stable name,
 * never by an integer id of this corpus.
 */

export interface ExchangeAnnotationRow {
  uuid: string;
  sha256: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  tag: string;
  note: string;
  speaker: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  ratingValue: number | null;
  alternateName: string | null;
  reviewer: string | null;
  reviewedAt: string | null;
}

/** Each article with its byline and, where it was kept, the source as captured (named by its hash in the export). */
export function exchangeArticleRows(reader: Db): Iterable<Record<string, string | null> & { capturedSize: number | null }> {
  return reader
    .prepare(
      `SELECT a.sha256, title, outlet, url, published, a.file_name AS fileName, imported_at AS importedAt, byline, text,
         s.sha256 AS capturedSha256, s.size AS capturedSize, s.media_type AS capturedMediaType, s.captured_at AS capturedAt,
         s.address AS capturedAddress, s.http_date AS capturedHttpDate
       FROM articles a LEFT JOIN article_bylines b ON b.article_id = a.id LEFT JOIN article_sources s ON s.article_id = a.id ORDER BY a.id`,
    )
    .iterate() as Iterable<Record<string, string | null> & { capturedSize: number | null }>;
}

/** Each annotation once, with the latest verdict set on it (each reviewer keeps one; the file carries the current one). */
/** `visibleTo`: only what that analyst may see under blind annotation (an export from the app). */
export function exchangeAnnotationRows(reader: Db, visibleTo?: string): Iterable<ExchangeAnnotationRow> {
  const visible = visibleTo === undefined ? { sql: '1', params: [] } : visibleAnnotationsFilter(reader, visibleTo, 'an');
  return reader
    .prepare(
      `SELECT an.uuid, ar.sha256, an.start, an."end", an.quote, an.prefix, an.suffix, an.tag, an.note, an.speaker, an.author,
         an.created_at AS createdAt, an.updated_at AS updatedAt, r.rating_value AS ratingValue, r.alternate_name AS alternateName,
         r.reviewer, r.reviewed_at AS reviewedAt
       FROM annotations an JOIN articles ar ON ar.id = an.article_id
       LEFT JOIN claim_reviews r ON r.id = (SELECT v.id FROM claim_reviews v WHERE v.annotation_id = an.id ORDER BY v.reviewed_at DESC, v.uuid DESC LIMIT 1)
       WHERE ${visible.sql}
       ORDER BY an.id`,
    )
    .iterate(...visible.params) as Iterable<ExchangeAnnotationRow>;
}

export function exchangeLinkRows(reader: Db, visibleTo?: string): Iterable<Record<string, string | number | null>> {
  const [from, to] =
    visibleTo === undefined
      ? [
          { sql: '1', params: [] },
          { sql: '1', params: [] },
        ]
      : [visibleAnnotationsFilter(reader, visibleTo, 'f'), visibleAnnotationsFilter(reader, visibleTo, 't')];
  return reader
    .prepare(
      `SELECT l.uuid, f.uuid AS fromUuid, t.uuid AS toUuid, l.type, l.status, l.method, l.score, l.reviewer, l.reviewed_at AS reviewedAt,
         l.created_at AS createdAt
       FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id WHERE ${from.sql} AND ${to.sql} ORDER BY l.id`,
    )
    .iterate(...from.params, ...to.params) as Iterable<Record<string, string | number | null>>;
}
