import { GROUPING_LINK_TYPES, type Link, type NewLink } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { annotationSummary } from './annotationSummary.ts';
import { applyChange, recordStep, type StepSummary } from './changes.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { linkReviewUuid, linkUuid, readState, uuidOf, type LinkReviewState, type LinkState } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { isOptionOn } from './projectOptions.ts';

export const COLUMNS = `id, from_id AS fromId, to_id AS toId, type, status, method, score, reviewer,
  reviewed_at AS reviewedAt, created_at AS createdAt, created_by AS createdBy`;

/**
 * Links two annotations. No self-links and no duplicates; for the grouping
 * types, whose direction means nothing, B→A counts as a duplicate of A→B.
 */
export function createLink(db: Db, input: NewLink, actor: string): Link {
  if (input.fromId === input.toId) throw new CrosscheckError('invalid_input', 'An annotation cannot be linked to itself.');
  return recordStep(
    db,
    actor,
    'link',
    (): Link => {
      const [from, to] = [input.fromId, input.toId].map((id) => {
        const row = cachedStatement(db, 'SELECT tag FROM annotations WHERE id = ?').get(id) as { tag: string } | undefined;
        if (!row) throw new CrosscheckError('not_found', `There is no annotation ${id}.`);
        return row.tag;
      });
      // An attribution names who said something; it points at the claim or denial said, never the other way.
      if (input.type === 'attributed-to' && (from !== 'attribution' || to === 'attribution')) {
        throw new CrosscheckError(
          'invalid_input',
          `attributed-to links an attribution to the claim or denial it attributes; annotation ${input.fromId} is a ${from} and ${input.toId} a ${to}.`,
        );
      }
      const symmetric = GROUPING_LINK_TYPES.includes(input.type);
      const existing = cachedStatement(
        db,
        `SELECT id FROM links WHERE type = @type AND ((from_id = @fromId AND to_id = @toId) OR (@symmetric AND from_id = @toId AND to_id = @fromId))`,
      ).get({ ...input, symmetric: symmetric ? 1 : 0 }) as { id: number } | undefined;
      if (existing)
        throw new CrosscheckError('conflict', `Annotations ${input.fromId} and ${input.toId} are already linked as ${input.type} (link ${existing.id}).`);
      const now = new Date().toISOString();
      const status = input.status ?? 'confirmed';
      const state: LinkState = {
        from: uuidOf(db, 'annotation', input.fromId),
        to: uuidOf(db, 'annotation', input.toId),
        type: input.type,
        method: input.method ?? 'manual',
        score: input.score ?? null,
        createdBy: actor,
        createdAt: now,
      };
      const uuid = linkUuid(state.from, state.to, state.type);
      const id = applyChange(db, actor, { kind: 'link', uuid, before: null, after: state })!;
      // The creator's own decision is the link's first review; a suggested link has none yet. Under
      // four-eyes review the creator's confirmation would not count, so the link waits for someone else's.
      if (status !== 'suggested' && !(status === 'confirmed' && isOptionOn(db, 'four-eyes'))) {
        const review: LinkReviewState = { link: uuid, reviewer: actor, status, reviewedAt: now };
        applyChange(db, actor, { kind: 'linkReview', uuid: linkReviewUuid(uuid, actor), before: null, after: review });
      }
      const link = getLink(db, id);
      recordEvent(db, { actor, action: 'link.create', entity: 'link', entityId: link.id, entityUuid: uuid, data: { after: link } }, now);
      return link;
    },
    (link) => linkSummary(db, link),
  );
}

/** An undo step about a link is shown as being about its first annotation. */
function linkSummary(db: Db, link: Link): StepSummary {
  return annotationSummary(getAnnotationRow(db, link.fromId));
}

const getAnnotationRow = (db: Db, id: number) =>
  cachedStatement(db, 'SELECT id, article_id AS articleId, quote FROM annotations WHERE id = ?').get(id) as { id: number; articleId: number; quote: string };

/** The link joining two annotations with this type (either way round for the grouping types, whose direction means nothing). */
export function findLink(db: Db, fromId: number, toId: number, type: Link['type']): number | null {
  const symmetric = GROUPING_LINK_TYPES.includes(type) ? 1 : 0;
  const row = cachedStatement(db, 'SELECT id FROM links WHERE type = ? AND ((from_id = ? AND to_id = ?) OR (? AND from_id = ? AND to_id = ?))').get(
    type,
    fromId,
    toId,
    symmetric,
    toId,
    fromId,
  ) as { id: number } | undefined;
  return row?.id ?? null;
}

export function getLink(db: Db, id: number): Link {
  const row = cachedStatement(db, `SELECT ${COLUMNS} FROM links WHERE id = ?`).get(id) as Link | undefined;
  if (!row) throw new CrosscheckError('not_found', `There is no link ${id}.`);
  return row;
}

/** Links touching one annotation (either end), or every link. */
export function listLinks(db: Db, annotationId?: number): Link[] {
  if (annotationId === undefined) return cachedStatement(db, `SELECT ${COLUMNS} FROM links ORDER BY id`).all() as Link[];
  return linksOf(db, annotationId);
}

export function linksOf(db: Db, annotationId: number): Link[] {
  return cachedStatement(db, `SELECT ${COLUMNS} FROM links WHERE from_id = ? OR to_id = ? ORDER BY id`).all(annotationId, annotationId) as Link[];
}

/**
 * Records one analyst's review of a link. Each reviewer's review is kept; the
 * link's status, reviewer and review time are the latest review's. The event
 * keeps the link before and after.
 */
export function reviewLink(db: Db, id: number, status: 'confirmed' | 'rejected', actor: string): Link {
  return recordStep(
    db,
    actor,
    'review',
    (): Link => {
      const before = getLink(db, id);
      if (status === 'confirmed' && before.createdBy === actor && isOptionOn(db, 'four-eyes'))
        throw new CrosscheckError('forbidden', `Four-eyes review is on: link ${id} was drawn by you, so someone else must confirm it. Nothing was changed.`);
      const link = uuidOf(db, 'link', id);
      const uuid = linkReviewUuid(link, actor);
      const now = new Date().toISOString();
      applyChange(db, actor, {
        kind: 'linkReview',
        uuid,
        before: readState(db, 'linkReview', uuid),
        after: { link, reviewer: actor, status, reviewedAt: now },
      });
      const after = getLink(db, id);
      recordEvent(db, { actor, action: 'link.review', entity: 'link', entityId: id, entityUuid: link, data: { before, after } }, now);
      return after;
    },
    (link) => linkSummary(db, link),
  );
}
