import type { ClaimRating, StoredClaimRating } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { claimGroupWith } from './claimGroups.ts';
import { applyChange, recordStep } from './changes.ts';
import type { Db } from './database.ts';
import { readState, uuidOf, verdictUuid } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { cachedStatement } from './statements.ts';

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

/**
 * Sets the analyst's verdict on the claim group of an annotation. Each reviewer
 * has one verdict per group: the analyst's earlier verdict on another member is
 * replaced in the same step, while other reviewers' verdicts are kept. The
 * group's verdict is the latest of them.
 */
export function setClaimRating(db: Db, input: ClaimRating, actor: string): StoredClaimRating {
  let annotation: { id: number; articleId: number; quote: string } | undefined;
  return recordStep(
    db,
    actor,
    'verdict',
    (): StoredClaimRating => {
      annotation = db.prepare('SELECT id, article_id AS articleId, quote FROM annotations WHERE id = ?').get(input.annotationId) as typeof annotation;
      if (!annotation) throw new CrosscheckError('not_found', `There is no annotation ${input.annotationId}.`);
      const { groupId, members } = claimGroupWith(db, input.annotationId);
      const before = ratingOf(db, members);
      const now = new Date().toISOString();
      for (const member of members) {
        if (member === input.annotationId) continue;
        const uuid = verdictUuid(uuidOf(db, 'annotation', member), actor);
        const earlier = readState(db, 'verdict', uuid);
        if (earlier) applyChange(db, actor, { kind: 'verdict', uuid, before: earlier, after: null });
      }
      const annotationUuid = uuidOf(db, 'annotation', input.annotationId);
      const uuid = verdictUuid(annotationUuid, actor);
      applyChange(db, actor, {
        kind: 'verdict',
        uuid,
        before: readState(db, 'verdict', uuid),
        after: {
          annotation: annotationUuid,
          reviewer: actor,
          ratingValue: input.ratingValue ?? null,
          alternateName: input.alternateName,
          reviewedAt: now,
          // A new verdict keeps the wording and address already chosen for the group unless it says otherwise;
          // empty ones are left out of the state, as readState leaves them out.
          ...optional('claimReviewed', input.claimReviewed === undefined ? before?.claimReviewed : input.claimReviewed),
          ...optional('reviewUrl', input.reviewUrl === undefined ? before?.reviewUrl : input.reviewUrl),
        },
      });
      const after = { ...ratingOf(db, members)!, groupId };
      recordEvent(
        db,
        { actor, action: 'claim.rate', entity: 'annotation', entityId: input.annotationId, entityUuid: annotationUuid, data: { before, after } },
        now,
      );
      return after;
    },
    () => ({ annotationId: annotation!.id, articleId: annotation!.articleId, quote: annotation!.quote }),
  );
}

const optional = <K extends string>(key: K, value: string | null | undefined) => (value == null ? {} : ({ [key]: value } as Record<K, string>));

/**
 * The latest verdict stored on any of the members, or null. With `verifiedOnly`,
 * verdicts whose reviewer only an imported file vouches for are left out: what
 * is published (ClaimReview) names only reviewers this corpus or the hub knows.
 */
export function ratingOf(db: Db, members: readonly number[], options: { verifiedOnly?: boolean } = {}): RatingRow | null {
  if (members.length === 0) return null;
  // Prepared once per connection and group size: the claim groups page asks this for every group it shows.
  const row = cachedStatement(
    db,
    `SELECT ${COLUMNS} FROM claim_reviews WHERE annotation_id IN (${members.map(() => '?').join(', ')})
       ${options.verifiedOnly ? 'AND uuid NOT IN (SELECT entity FROM imported_claims)' : ''} ORDER BY reviewed_at DESC, uuid DESC LIMIT 1`,
  ).get(...members) as RatingRow | undefined;
  return row ?? null;
}
