import type { Annotation, Link, LinkPage, LinkPageQuery } from '../contract/contract.ts';
import { COLUMNS as ANNOTATION_COLUMNS } from './annotations.ts';
import type { Db } from './database.ts';
import { COLUMNS as LINK_COLUMNS } from './links.ts';

/**
 * One page of every link (oldest first), optionally of one status, with the
 * annotations at their ends: the review desk's link table asks for the rows
 * it shows, not for every link and every annotation of the corpus.
 */
export function pageLinks(db: Db, query: LinkPageQuery): LinkPage {
  const where = query.status ? 'WHERE status = @status' : '';
  const params = query.status ? { status: query.status } : {};
  const total = (db.prepare(`SELECT count(*) AS n FROM links ${where}`).get(params) as { n: number }).n;
  const links = db
    .prepare(`SELECT ${LINK_COLUMNS} FROM links ${where} ORDER BY id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit, offset: query.offset }) as Link[];
  const endIds = [...new Set(links.flatMap((l) => [l.fromId, l.toId]))];
  const ends = endIds.length
    ? (db
        .prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
        .all(JSON.stringify(endIds)) as Annotation[])
    : [];
  return { total, offset: query.offset, links, ends };
}
