import type { ClaimRating, StoredClaimRating } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import { claimGroupIds } from './claimGroups.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';

interface RatingRow {
  annotationId: number;
  ratingValue: number | null;
  alternateName: string;
  reviewer: string;
  reviewedAt: string;
  claimReviewed: string | null;
  reviewUrl: string | null;
}

const COLUMNS = `annotation_id AS annotationId, rating_value AS ratingValue, alternate_name AS alternateName, reviewer, reviewed_at AS reviewedAt,
  claim_reviewed AS claimReviewed, review_url AS reviewUrl`;

/** The members of the claim group an annotation belongs to (itself alone when it is in none). */
export function groupMembers(groups: Map<number, number>, annotationId: number): { groupId: number; members: number[] } {
  const groupId = groups.get(annotationId);
  if (groupId === undefined) return { groupId: annotationId, members: [annotationId] };
  return { groupId, members: [...groups].filter(([, g]) => g === groupId).map(([id]) => id) };
}

/**
 * Sets the verdict on the claim group of an annotation. A group has one rating:
 * any earlier rating stored on another member is replaced in the same transaction.
 */
export function setClaimRating(db: Db, input: ClaimRating, actor: string): StoredClaimRating {
  return db.transaction((): StoredClaimRating => {
    if (!db.prepare('SELECT 1 FROM annotations WHERE id = ?').get(input.annotationId)) {
      throw new CrosscheckError('not_found', `There is no annotation ${input.annotationId}.`);
    }
    const { groupId, members } = groupMembers(claimGroupIds(db), input.annotationId);
    const before = ratingOf(db, members);
    db.prepare(`DELETE FROM claim_reviews WHERE annotation_id IN (${members.map(() => '?').join(', ')})`).run(...members);
    const now = new Date().toISOString();
    db.prepare(
      'INSERT INTO claim_reviews (annotation_id, rating_value, alternate_name, reviewer, reviewed_at, claim_reviewed, review_url) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      input.annotationId,
      input.ratingValue ?? null,
      input.alternateName,
      actor,
      now,
      // A new verdict keeps the wording and address already chosen for the group unless it says otherwise.
      input.claimReviewed === undefined ? (before?.claimReviewed ?? null) : input.claimReviewed,
      input.reviewUrl === undefined ? (before?.reviewUrl ?? null) : input.reviewUrl,
    );
    const after = { ...ratingOf(db, members)!, groupId };
    recordEvent(db, { actor, action: 'claim.rate', entity: 'annotation', entityId: input.annotationId, data: { before, after } }, now);
    return after;
  }).immediate();
}

/** The latest rating stored on any of the members, or null. */
export function ratingOf(db: Db, members: readonly number[]): RatingRow | null {
  if (members.length === 0) return null;
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM claim_reviews WHERE annotation_id IN (${members.map(() => '?').join(', ')}) ORDER BY reviewed_at DESC LIMIT 1`)
    .get(...members) as RatingRow | undefined;
  return row ?? null;
}
