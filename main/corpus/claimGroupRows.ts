import type { Annotation, Link } from '../contract/contract.ts';
import { COLUMNS as ANNOTATION_COLUMNS } from './annotations.ts';
import { visibleAnnotationsFilter } from './blindAnnotation.ts';
import type { Db } from './database.ts';
import { COLUMNS as LINK_COLUMNS } from './links.ts';
import { cachedStatement } from './statements.ts';

/*
 * The rows a page of claim groups needs, read by id through the indexes:
 * the review desk's tables and matrix ask for the groups they show, never for
 * every annotation or link of the corpus.
 */

/** The annotations with these ids, by id. */
export function annotationsByIds(db: Db, ids: readonly number[]): Annotation[] {
  if (ids.length === 0) return [];
  return cachedStatement(db, `SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(
    JSON.stringify([...new Set(ids)]),
  ) as Annotation[];
}

/** Links whose two ends are both among `ids`, oldest first. */
export function linksAmong(db: Db, ids: readonly number[]): Link[] {
  if (ids.length === 0) return [];
  const set = JSON.stringify([...new Set(ids)]);
  return cachedStatement(
    db,
    `SELECT ${LINK_COLUMNS} FROM links WHERE from_id IN (SELECT value FROM json_each(@set)) AND to_id IN (SELECT value FROM json_each(@set)) ORDER BY id`,
  ).all({ set }) as Link[];
}

/** Links of the given types, not rejected, that point at one of `ids`, oldest first. */
export function linksInto(db: Db, ids: readonly number[], types: readonly string[]): Link[] {
  if (ids.length === 0) return [];
  return cachedStatement(
    db,
    `SELECT ${LINK_COLUMNS} FROM links WHERE to_id IN (SELECT value FROM json_each(@ids)) AND type IN (SELECT value FROM json_each(@types))
     AND status <> 'rejected' ORDER BY id`,
  ).all({ ids: JSON.stringify([...new Set(ids)]), types: JSON.stringify(types) }) as Link[];
}

/** Every member's group and quote, for a search over the groups' words; with `visibleTo`, only the members that analyst may see. */
export function memberQuotes(db: Db, visibleTo?: string): Array<{ groupId: number; quote: string }> {
  const shown = visibleTo === undefined ? { sql: '1', params: [] } : visibleAnnotationsFilter(db, visibleTo, 'a');
  return cachedStatement(
    db,
    `SELECT m.group_id AS groupId, a.quote AS quote FROM claim_group_members m JOIN annotations a ON a.id = m.annotation_id WHERE ${shown.sql} ORDER BY m.group_id`,
  ).all(...shown.params) as Array<{ groupId: number; quote: string }>;
}
