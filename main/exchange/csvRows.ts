import type { Statement } from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import type { CsvTable, LinkStatus, Tag } from '../contract/contract.ts';
import { claimGroupIds } from '../corpus/claimGroups.ts';
import type { Db } from '../corpus/database.ts';
import { ANNOTATION_PAGE_SQL } from '../corpus/capturedSources.ts';
import { visibleAnnotationsFilter } from '../corpus/blindAnnotation.ts';

export interface CsvFilters {
  /** Only what this analyst may see under blind annotation (the app's download). */
  visibleTo?: string;
  tags?: readonly Tag[];
  outlets?: readonly string[];
  linkStatuses?: readonly LinkStatus[];
}

export const ANNOTATION_COLUMNS = [
  'annotation_id',
  'article_id',
  'outlet',
  'title',
  'url',
  'published',
  'tag',
  'start',
  'end',
  'page',
  'quote',
  'prefix',
  'suffix',
  'note',
  'speaker',
  'author',
  'created',
  'claim_group_id',
  'linked_annotation_ids',
] as const;

export const LINK_COLUMNS = [
  'link_id',
  'type',
  'status',
  'from_annotation_id',
  'from_article_id',
  'from_outlet',
  'from_quote',
  'to_annotation_id',
  'to_article_id',
  'to_outlet',
  'to_quote',
  'method',
  'score',
  'reviewer',
  'reviewed_at',
] as const;

/** Ids from `from` to `to`, both included; ids may be sparse, so a range can hold fewer rows than its width. */
export interface IdRange {
  from: number;
  to: number;
}

export interface RenderedBatch {
  csv: string;
  rows: number;
}

/**
 * Text a spreadsheet would evaluate as a formula (starting with = + - @, tab or
 * carriage return, or their full-width forms) gets a leading apostrophe, so it
 * shows as typed and runs nothing. Cells holding a line break are quoted.
 */
const CELL_OPTIONS = { quote_record_delimiter: true, escape_formulas: true, eof: true } as const;
const CSV_OPTIONS = { ...CELL_OPTIONS, record_delimiter: 'windows' } as const;

/*
 * Records end in CRLF, as RFC 4180 asks. csv-stringify checks every cell for
 * its record delimiter, which costs more for a two-character one, so it is
 * given a one-character stand-in that news text does not hold, NUL, turned
 * into CRLF afterwards. Should a cell hold one all the same, the count of
 * stand-ins shows it, and that batch is rendered with CRLF directly.
 */
const RECORD_END = '\u0000';
const FAST_OPTIONS = { ...CELL_OPTIONS, record_delimiter: RECORD_END } as const;

function toCsv(rows: unknown[][]): string {
  let ends = 0;
  const text = stringify(rows, FAST_OPTIONS).replaceAll(RECORD_END, () => (ends++, '\r\n'));
  return ends === rows.length ? text : stringify(rows, CSV_OPTIONS);
}

/** The header line of `table`'s file, then `rows`. */
export async function* withHeader(table: CsvTable, bom: boolean, rows: AsyncIterable<string>): AsyncGenerator<string> {
  yield stringify([[...(table === 'annotations' ? ANNOTATION_COLUMNS : LINK_COLUMNS)]], { ...CSV_OPTIONS, bom });
  yield* rows;
}

/**
 * Renders the export's rows batch by batch from one connection. Each batch is
 * a handful of queries over an id range: fetching whole ranges is about twice
 * as fast as stepping a cursor row by row, and the links of a range come in one
 * query instead of two lookups per annotation.
 */
export class CsvRowRenderer {
  private readonly db: Db;
  private readonly groups: Map<number, number>;
  private readonly annotations: Statement<unknown[]>;
  private readonly linkEnds: Statement<unknown[]>;
  private readonly links: Statement<unknown[]>;
  private readonly annotationParams: unknown[];
  private readonly linkEndParams: unknown[];
  private readonly linkParams: unknown[];

  constructor(db: Db, filters: CsvFilters) {
    this.db = db;
    this.groups = claimGroupIds(db);
    const statuses = inList('l.status', filters.linkStatuses);
    // Tag and outlet filters over an annotation and its article, by their aliases.
    const exported = (annotation: string, article: string) => {
      const tags = inList(`${annotation}.tag`, filters.tags);
      const outlets = inList(`${article}.outlet`, filters.outlets);
      const visible = filters.visibleTo === undefined ? { sql: '1', params: [] } : visibleAnnotationsFilter(db, filters.visibleTo, annotation);
      return { sql: `${tags.sql} AND ${outlets.sql} AND ${visible.sql}`, params: [...tags.params, ...outlets.params, ...visible.params] };
    };
    const annotationFilter = exported('an', 'ar');
    this.annotations = db
      .prepare(
        `SELECT an.id, an.article_id, ar.outlet, ar.title, ar.url, ar.published, an.tag, an.start, an."end", ${ANNOTATION_PAGE_SQL}, an.quote, an.prefix, an.suffix,
           an.note, an.speaker, an.author, an.created_at
         FROM annotations an JOIN articles ar ON ar.id = an.article_id
         WHERE an.id BETWEEN ? AND ? AND ${annotationFilter.sql}
         ORDER BY an.id`,
      )
      .raw();
    this.annotationParams = annotationFilter.params;
    this.linkEnds = db.prepare(`SELECT from_id, to_id FROM links l WHERE (from_id BETWEEN ? AND ? OR to_id BETWEEN ? AND ?) AND ${statuses.sql}`).raw();
    this.linkEndParams = statuses.params;
    const fromFilter = exported('f', 'fa');
    const toFilter = exported('t', 'ta');
    this.links = db
      .prepare(
        `SELECT l.id, l.type, l.status, f.id, f.article_id, fa.outlet, f.quote, t.id, t.article_id, ta.outlet, t.quote,
           l.method, l.score, l.reviewer, l.reviewed_at
         FROM links l
           JOIN annotations f ON f.id = l.from_id JOIN articles fa ON fa.id = f.article_id
           JOIN annotations t ON t.id = l.to_id JOIN articles ta ON ta.id = t.article_id
         WHERE l.id BETWEEN ? AND ? AND ${statuses.sql} AND ${fromFilter.sql} AND ${toFilter.sql}
         ORDER BY l.id`,
      )
      .raw();
    this.linkParams = [...statuses.params, ...fromFilter.params, ...toFilter.params];
  }

  /** From the smallest to the largest id of `table`; null when it is empty. */
  idRange(table: CsvTable): IdRange | null {
    const [from, to] = this.db.prepare(`SELECT min(id), max(id) FROM ${table}`).raw().get() as [number | null, number | null];
    return from === null || to === null ? null : { from, to };
  }

  render(table: CsvTable, range: IdRange): RenderedBatch {
    const rows = table === 'annotations' ? this.annotationRows(range) : (this.links.all(range.from, range.to, ...this.linkParams) as unknown[][]);
    return { csv: rows.length === 0 ? '' : toCsv(rows), rows: rows.length };
  }

  private annotationRows({ from, to }: IdRange): unknown[][] {
    const rows = this.annotations.all(from, to, ...this.annotationParams) as unknown[][];
    const linked = new Map<number, number[]>();
    const note = (id: number, other: number) => {
      if (id < from || id > to) return;
      const ids = linked.get(id);
      if (ids) ids.push(other);
      else linked.set(id, [other]);
    };
    for (const [a, b] of this.linkEnds.all(from, to, from, to, ...this.linkEndParams) as Array<[number, number]>) {
      note(a, b);
      note(b, a);
    }
    for (const row of rows) {
      const id = row[0] as number;
      const ids = linked.get(id);
      // Two links of different types can join the same pair: list each annotation once, in id order.
      row.push(this.groups.get(id) ?? null, ids ? [...new Set(ids)].sort((x, y) => x - y).join(' ') : null);
    }
    return rows;
  }
}

/** Ids per batch: enough that per-batch costs vanish, few enough that a batch's rows die young, cheap to collect. */
const BATCH_IDS = 250;

/**
 * The CSV text of the exported rows of `table` in `range`, batch by batch,
 * counting them into `counts`. Yields to the event loop between batches, so
 * the app stays responsive while its own thread renders.
 */
export async function* renderRange(renderer: CsvRowRenderer, table: CsvTable, range: IdRange | null, counts: Record<CsvTable, number>): AsyncGenerator<string> {
  for (let from = range?.from ?? 0; range && from <= range.to; from += BATCH_IDS) {
    await nextTurn();
    const { csv, rows } = renderer.render(table, { from, to: Math.min(from + BATCH_IDS - 1, range.to) });
    counts[table] += rows;
    if (rows > 0) yield csv;
  }
}

/** `parts` consecutive ranges that together cover `range`; those left without ids are null. */
export function splitRange(range: IdRange | null, parts: number): Array<IdRange | null> {
  if (!range) return Array.from({ length: parts }, () => null);
  const width = Math.ceil((range.to - range.from + 1) / parts);
  return Array.from({ length: parts }, (_, i) => {
    const from = range.from + i * width;
    return from > range.to ? null : { from, to: Math.min(from + width - 1, range.to) };
  });
}

function inList(column: string, values: readonly unknown[] | undefined): { sql: string; params: unknown[] } {
  if (!values || values.length === 0) return { sql: '1', params: [] };
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: [...values] };
}
