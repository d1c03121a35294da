import { stringify } from 'csv-stringify';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LinkStatus, Tag } from '../api/contract.ts';
import { claimGroupIds } from '../corpus/claimGroups.ts';
import type { Db } from '../corpus/database.ts';
import { openSnapshot } from './corpusSnapshot.ts';
import { replaceAtomically } from './fileOutput.ts';

export interface CsvExportOptions {
  /** Starts each file with a UTF-8 byte-order mark, which Excel needs to read UTF-8. */
  bom?: boolean;
  tags?: readonly Tag[];
  outlets?: readonly string[];
  linkStatuses?: readonly LinkStatus[];
}

export interface CsvExportResult {
  annotationsFile: string;
  linksFile: string;
  annotations: number;
  links: number;
}

export const ANNOTATION_COLUMNS = [
  'annotation_id', 'article_id', 'outlet', 'title', 'url', 'published', 'tag', 'start', 'end', 'quote', 'prefix', 'suffix',
  'note', 'speaker', 'author', 'created', 'claim_group_id', 'linked_annotation_ids',
] as const;

export const LINK_COLUMNS = [
  'link_id', 'type', 'status', 'from_annotation_id', 'from_article_id', 'from_outlet', 'from_quote',
  'to_annotation_id', 'to_article_id', 'to_outlet', 'to_quote', 'method', 'score', 'reviewer', 'reviewed_at',
] as const;

type Row = unknown[];

/**
 * Writes annotations.csv and links.csv into `folder`. Rows stream from SQLite
 * into csv-stringify and on to the file with backpressure, so memory stays flat
 * however large the corpus. Text a spreadsheet would evaluate as a formula
 * (starting with = + - @, tab or carriage return, or their full-width forms)
 * gets a leading apostrophe, so it shows as typed and runs nothing.
 */
export async function exportCsv(db: Db, folder: string, options: CsvExportOptions = {}): Promise<CsvExportResult> {
  mkdirSync(folder, { recursive: true });
  const snapshot = openSnapshot(db);
  try {
    const filter = annotationFilter(options);
    const groups = claimGroupIds(snapshot.db);
    const statusFilter = inList('l.status', options.linkStatuses);
    // Two indexed lookups per row, one per direction, are much cheaper than a UNION's temporary b-tree per row.
    const annotationRows = snapshot.db
      .prepare(
        `SELECT an.id, an.article_id, ar.outlet, ar.title, ar.url, ar.published, an.tag, an.start, an."end", an.quote, an.prefix, an.suffix,
           an.note, an.speaker, an.author, an.created_at,
           (SELECT group_concat(l.to_id, ' ') FROM links l WHERE l.from_id = an.id AND ${statusFilter.sql}),
           (SELECT group_concat(l.from_id, ' ') FROM links l WHERE l.to_id = an.id AND ${statusFilter.sql})
         FROM annotations an JOIN articles ar ON ar.id = an.article_id
         WHERE ${filter.sql.replaceAll('$', 'an')}
         ORDER BY an.id`,
      )
      .raw();
    const linkRows = snapshot.db
      .prepare(
        `SELECT l.id, l.type, l.status, f.id, f.article_id, fa.outlet, f.quote, t.id, t.article_id, ta.outlet, t.quote,
           l.method, l.score, l.reviewer, l.reviewed_at
         FROM links l
           JOIN annotations f ON f.id = l.from_id JOIN articles fa ON fa.id = f.article_id
           JOIN annotations t ON t.id = l.to_id JOIN articles ta ON ta.id = t.article_id
         WHERE ${statusFilter.sql} AND ${filter.sql.replaceAll('$', 'f')} AND ${filter.sql.replaceAll('$', 't')}
         ORDER BY l.id`,
      )
      .raw();
    const annotationParams = [...statusFilter.params, ...statusFilter.params, ...filter.params];
    const linkParams = [...statusFilter.params, ...filter.params, ...filter.params];
    const annotationsFile = join(folder, 'annotations.csv');
    const linksFile = join(folder, 'links.csv');
    const annotations = await writeCsv(
      annotationsFile,
      ANNOTATION_COLUMNS,
      mapRows(annotationRows.iterate(...annotationParams) as Iterable<Row>, (row) => {
        const [linksTo = null, linksFrom = null] = row.splice(16, 2) as Array<string | null>;
        row.push(groups.get(row[0] as number) ?? null, linkedIds(linksTo, linksFrom));
        return row;
      }),
      options.bom ?? false,
    );
    const links = await writeCsv(linksFile, LINK_COLUMNS, linkRows.iterate(...linkParams) as Iterable<Row>, options.bom ?? false);
    return { annotationsFile, linksFile, annotations, links };
  } finally {
    snapshot.close();
  }
}

/** The annotations linked either way, once each, in id order. */
function linkedIds(to: string | null, from: string | null): string | null {
  if (to === null && from === null) return null;
  const ids = new Set(`${to ?? ''} ${from ?? ''}`.split(' ').filter(Boolean).map(Number));
  return [...ids].sort((a, b) => a - b).join(' ');
}

function* mapRows(rows: Iterable<Row>, map: (row: Row) => Row): Generator<Row> {
  for (const row of rows) yield map(row);
}

/** SQL over an annotation aliased `$` and its article: tag and outlet filters. */
function annotationFilter(options: CsvExportOptions): { sql: string; params: unknown[] } {
  const tags = inList('$.tag', options.tags);
  const outlets = inList('(SELECT outlet FROM articles WHERE id = $.article_id)', options.outlets);
  return { sql: `${tags.sql} AND ${outlets.sql}`, params: [...tags.params, ...outlets.params] };
}

function inList(column: string, values: readonly unknown[] | undefined): { sql: string; params: unknown[] } {
  if (!values || values.length === 0) return { sql: '1', params: [] };
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}

async function writeCsv(file: string, header: readonly string[], rows: Iterable<Row>, bom: boolean): Promise<number> {
  let count = 0;
  function* withHeader(): Generator<Row> {
    yield [...header];
    for (const row of rows) {
      count++;
      yield row;
    }
  }
  await replaceAtomically(file, (partial) =>
    pipeline(Readable.from(withHeader()), stringify({ bom, record_delimiter: 'windows', escape_formulas: true }), createWriteStream(partial)),
  );
  return count;
}
