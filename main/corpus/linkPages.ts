import type { Annotation, Link, LinkPage, LinkPageQuery } from '../contract/contract.ts';
import { COLUMNS as ANNOTATION_COLUMNS } from './annotations.ts';
import { visibleAnnotationsFilter } from './blindAnnotation.ts';
import type { Db } from './database.ts';
import { COLUMNS as LINK_COLUMNS } from './links.ts';

/**
 * One page of every link (oldest first), optionally of one status, with the
 * annotations at their ends: the review desk's link table asks for the rows
 * it shows, not for every link and every annotation of the corpus.
 *
 * `visibleTo`: only the links both of whose ends that analyst may see under
 * blind annotation (a link to a hidden span would show it); the page's total
 * counts those links only, so paging stays whole.
 */
export function pageLinks(db: Db, query: LinkPageQuery, visibleTo?: string): LinkPage {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (query.status) {
    conditions.push('status = ?');
    params.push(query.status);
  }
  if (visibleTo !== undefined) {
    for (const end of ['from_id', 'to_id']) {
      const visible = visibleAnnotationsFilter(db, visibleTo, 'e');
      if (visible.sql === '1') continue;
      conditions.push(`EXISTS (SELECT 1 FROM annotations e WHERE e.id = links.${end} AND ${visible.sql})`);
      params.push(...visible.params);
    }
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM links ${where}`).get(...params) as { n: number }).n;
  const links = db.prepare(`SELECT ${LINK_COLUMNS} FROM links ${where} ORDER BY id LIMIT ? OFFSET ?`).all(...params, query.limit, query.offset) as Link[];
  const endIds = [...new Set(links.flatMap((l) => [l.fromId, l.toId]))];
  const ends = endIds.length
    ? (db
        .prepare(`SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
        .all(JSON.stringify(endIds)) as Annotation[])
    : [];
  return { total, offset: query.offset, links, ends };
}
