import { randomUUID } from 'node:crypto';
import { GROUPING_LINK_TYPES, type Link, type NewLink } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';

export const COLUMNS = `id, from_id AS fromId, to_id AS toId, type, status, method, score, reviewer,
  reviewed_at AS reviewedAt, created_at AS createdAt`;

/**
 * Links two annotations. No self-links and no duplicates; for the grouping
 * types, whose direction means nothing, B→A counts as a duplicate of A→B.
 */
export function createLink(db: Db, input: NewLink, actor: string): Link {
  if (input.fromId === input.toId) throw new CrosscheckError('invalid_input', 'An annotation cannot be linked to itself.');
  return db.transaction((): Link => {
    const [from, to] = [input.fromId, input.toId].map((id) => {
      const row = db.prepare('SELECT tag FROM annotations WHERE id = ?').get(id) as { tag: string } | undefined;
      if (!row) throw new CrosscheckError('not_found', `There is no annotation ${id}.`);
      return row.tag;
    });
    // An attribution names who said something; it points at the claim or denial said, never the other way.
    if (input.type === 'attributed-to' && (from !== 'attribution' || to === 'attribution')) {
      throw new CrosscheckError('invalid_input', `attributed-to links an attribution to the claim or denial it attributes; annotation ${input.fromId} is a ${from} and ${input.toId} a ${to}.`);
    }
    const symmetric = GROUPING_LINK_TYPES.includes(input.type);
    const existing = db
      .prepare(
        `SELECT id FROM links WHERE type = @type AND ((from_id = @fromId AND to_id = @toId) OR (@symmetric AND from_id = @toId AND to_id = @fromId))`,
      )
      .get({ ...input, symmetric: symmetric ? 1 : 0 }) as { id: number } | undefined;
    if (existing) throw new CrosscheckError('conflict', `Annotations ${input.fromId} and ${input.toId} are already linked as ${input.type} (link ${existing.id}).`);
    const now = new Date().toISOString();
    const status = input.status ?? 'confirmed';
    const reviewed = status === 'suggested' ? { reviewer: null, reviewedAt: null } : { reviewer: actor, reviewedAt: now };
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO links (uuid, from_id, to_id, type, status, method, score, reviewer, reviewed_at, created_at)
         VALUES (@uuid, @fromId, @toId, @type, @status, @method, @score, @reviewer, @reviewedAt, @now)`,
      )
      .run({ uuid: randomUUID(), fromId: input.fromId, toId: input.toId, type: input.type, status, method: input.method ?? 'manual', score: input.score ?? null, ...reviewed, now });
    const link = getLink(db, Number(lastInsertRowid));
    recordEvent(db, { actor, action: 'link.create', entity: 'link', entityId: link.id, data: { after: link } }, now);
    return link;
  }).immediate();
}

export function getLink(db: Db, id: number): Link {
  const row = db.prepare(`SELECT ${COLUMNS} FROM links WHERE id = ?`).get(id) as Link | undefined;
  if (!row) throw new CrosscheckError('not_found', `There is no link ${id}.`);
  return row;
}

/** Links touching one annotation (either end), or every link. */
export function listLinks(db: Db, annotationId?: number): Link[] {
  if (annotationId === undefined) return db.prepare(`SELECT ${COLUMNS} FROM links ORDER BY id`).all() as Link[];
  return linksOf(db, annotationId);
}

export function linksOf(db: Db, annotationId: number): Link[] {
  return db.prepare(`SELECT ${COLUMNS} FROM links WHERE from_id = ? OR to_id = ? ORDER BY id`).all(annotationId, annotationId) as Link[];
}

/** Confirms or rejects a link, recording who reviewed it and when; the event keeps the status before. */
export function reviewLink(db: Db, id: number, status: 'confirmed' | 'rejected', actor: string): Link {
  return db.transaction((): Link => {
    const before = getLink(db, id);
    const now = new Date().toISOString();
    db.prepare('UPDATE links SET status = ?, reviewer = ?, reviewed_at = ? WHERE id = ?').run(status, actor, now, id);
    const after = getLink(db, id);
    recordEvent(db, { actor, action: 'link.review', entity: 'link', entityId: id, data: { before, after } }, now);
    return after;
  }).immediate();
}
