import type { Db } from './database.ts';

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

export function exchangeArticleRows(reader: Db): Iterable<Record<string, string | null>> {
  return reader
    .prepare(
      `SELECT sha256, title, outlet, url, published, file_name AS fileName, imported_at AS importedAt, byline, text
       FROM articles LEFT JOIN article_bylines ON article_id = id ORDER BY id`,
    )
    .iterate() as Iterable<Record<string, string | null>>;
}

/** Each annotation once, with the latest verdict set on it (each reviewer keeps one; the file carries the current one). */
export function exchangeAnnotationRows(reader: Db): Iterable<ExchangeAnnotationRow> {
  return reader
    .prepare(
      `SELECT an.uuid, ar.sha256, an.start, an."end", an.quote, an.prefix, an.suffix, an.tag, an.note, an.speaker, an.author,
         an.created_at AS createdAt, an.updated_at AS updatedAt, r.rating_value AS ratingValue, r.alternate_name AS alternateName,
         r.reviewer, r.reviewed_at AS reviewedAt
       FROM annotations an JOIN articles ar ON ar.id = an.article_id
       LEFT JOIN claim_reviews r ON r.id = (SELECT v.id FROM claim_reviews v WHERE v.annotation_id = an.id ORDER BY v.reviewed_at DESC, v.uuid DESC LIMIT 1)
       ORDER BY an.id`,
    )
    .iterate() as Iterable<ExchangeAnnotationRow>;
}

export function exchangeLinkRows(reader: Db): Iterable<Record<string, string | number | null>> {
  return reader
    .prepare(
      `SELECT l.uuid, f.uuid AS fromUuid, t.uuid AS toUuid, l.type, l.status, l.method, l.score, l.reviewer, l.reviewed_at AS reviewedAt,
         l.created_at AS createdAt
       FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id ORDER BY l.id`,
    )
    .iterate() as Iterable<Record<string, string | number | null>>;
}
