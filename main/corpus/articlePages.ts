import type { ArticlePage, ArticlePageQuery, ArticleSummary, OutletCount } from '../contract/contract.ts';
import type { Db } from './database.ts';

const SUMMARY_COLUMNS = `a.id, a.title, a.outlet, a.url, a.published, a.file_name AS fileName,
  a.text_length AS length, a.imported_at AS importedAt`;

/**
 * ORDER BY terms written as the indexes of migration 12 are, so that SQLite
 * walks an index in order and reads only the rows of the page asked for.
 */
const ORDER_BY = {
  date: 'a.published IS NULL, a.published, a.id',
  'date-descending': 'a.published IS NOT NULL DESC, a.published DESC, a.id DESC',
  outlet: 'a.outlet, a.published IS NULL, a.published, a.id',
} as const;

function where(query: ArticlePageQuery): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.outlet !== undefined) {
    clauses.push(query.outlet === null ? 'a.outlet IS NULL' : 'a.outlet = @outlet');
    if (query.outlet !== null) params.outlet = query.outlet;
  }
  if (query.from !== undefined) {
    clauses.push('a.published >= @from');
    params.from = query.from;
  }
  if (query.to !== undefined) {
    clauses.push('a.published <= @to');
    params.to = query.to;
  }
  if (query.annotated !== undefined) clauses.push(`${query.annotated ? '' : 'NOT '}EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id)`);
  if (query.superseded !== undefined) clauses.push(`${query.superseded ? '' : 'NOT '}EXISTS (SELECT 1 FROM article_supersessions s WHERE s.old_id = a.id)`);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * One page of the article list, sorted and filtered by the database, with the
 * number of articles the filters let through: the window asks only for the
 * rows it shows, whatever the size of the corpus.
 */
export function pageArticles(db: Db, query: ArticlePageQuery): ArticlePage {
  const { sql, params } = where(query);
  const total = (db.prepare(`SELECT count(*) AS n FROM articles a ${sql}`).get(params) as { n: number }).n;
  const articles = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a ${sql} ORDER BY ${ORDER_BY[query.sort ?? 'date']} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit, offset: query.offset }) as ArticleSummary[];
  return { total, offset: query.offset, articles, replaced: replacedAmong(db, articles) };
}

/** Which of these articles a newer version superseded: one indexed lookup for the page, not one per row. */
function replacedAmong(db: Db, articles: readonly ArticleSummary[]): number[] {
  if (articles.length === 0) return [];
  const rows = db
    .prepare('SELECT old_id AS id FROM article_supersessions WHERE old_id IN (SELECT value FROM json_each(?)) ORDER BY old_id')
    .all(JSON.stringify(articles.map((a) => a.id))) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}

/** Every outlet with its number of articles (articles without one under null), by name: counts the triggers of migration 20 keep. */
export function listOutlets(db: Db): OutletCount[] {
  return db.prepare('SELECT CASE WHEN none THEN NULL ELSE outlet END AS outlet, articles FROM outlet_counts ORDER BY none, outlet').all() as OutletCount[];
}

/** The summaries of the given articles, in the order asked; unknown ids are left out. */
export function articleSummaries(db: Db, ids: readonly number[]): ArticleSummary[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as ArticleSummary[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
