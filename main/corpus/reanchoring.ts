import type { Annotation, Orphan } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { getAnnotation } from './annotations.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';
import { applyChange, recordStep } from './changes.ts';
import { orphanUuid, readState, uuidOf, type OrphanState } from './entityStates.ts';

/**
 * Moves an annotation onto another version of its article, re-taking quote and
 * context from the new text. Links follow, since they point at the annotation.
 * The move is an edit like any other (an `annotation.update` operation, and a
 * step of the enclosing undo step), so every device of the team sees it moved.
 */
export function moveAnnotation(db: Db, id: number, articleId: number, start: number, end: number, actor: string, action: string): Annotation {
  const before = getAnnotation(db, id);
  if (!db.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId)) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
  const uuid = uuidOf(db, 'annotation', id);
  const state = readState(db, 'annotation', uuid)!;
  const now = new Date().toISOString();
  applyChange(db, actor, {
    kind: 'annotation',
    uuid,
    before: state,
    after: { ...state, article: uuidOf(db, 'article', articleId), start, end, updatedAt: now },
  });
  const after = getAnnotation(db, id);
  recordEvent(db, { actor, action, entity: 'annotation', entityId: id, entityUuid: uuid, data: { before, after } }, now);
  return after;
}

export interface OrphanRecord {
  annotationId: number;
  newArticleId: number;
  start: number | null;
  end: number | null;
  score: number | null;
  reason: string;
}

/**
 * Puts an annotation in the orphans queue (or updates its entry), as a change of
 * `actor`: an operation, so every device of the team sees the same queue.
 */
export function queueOrphan(db: Db, orphan: OrphanRecord, actor: string): void {
  const annotation = uuidOf(db, 'annotation', orphan.annotationId);
  const uuid = orphanUuid(annotation);
  const after: OrphanState = {
    annotation,
    newArticle: uuidOf(db, 'article', orphan.newArticleId),
    start: orphan.start,
    end: orphan.end,
    score: orphan.score,
    reason: orphan.reason,
    createdAt: new Date().toISOString(),
  };
  applyChange(db, actor, { kind: 'orphan', uuid, before: readState(db, 'orphan', uuid), after });
}

/** Takes an annotation out of the queue, if it waits there, as a change of `actor`. */
export function leaveQueue(db: Db, annotationId: number, actor: string): void {
  const uuid = orphanUuid(uuidOf(db, 'annotation', annotationId));
  const before = readState(db, 'orphan', uuid);
  if (before !== null) applyChange(db, actor, { kind: 'orphan', uuid, before, after: null });
}

/** The queue, oldest first, each with the annotation as it stands on the old version and the suggested passage. */
export function listOrphans(db: Db): Orphan[] {
  const rows = db
    .prepare(
      `SELECT o.annotation_id AS annotationId, o.new_article_id AS newArticleId, o.suggested_start AS start,
         o.suggested_end AS "end", o.score, o.reason, o.created_at AS createdAt, a.text
       FROM orphans o JOIN articles a ON a.id = o.new_article_id ORDER BY o.created_at, o.annotation_id`,
    )
    .all() as Array<OrphanRecord & { createdAt: string; text: string }>;
  return rows.map(({ text, start, end, ...row }) => ({
    ...row,
    annotation: getAnnotation(db, row.annotationId),
    suggestion: start === null || end === null ? null : { start, end, quote: text.slice(start, end) },
  }));
}

function takeOrphan(db: Db, annotationId: number, actor: string): OrphanRecord {
  const row = db.prepare('SELECT annotation_id AS annotationId, new_article_id AS newArticleId FROM orphans WHERE annotation_id = ?').get(annotationId) as
    OrphanRecord | undefined;
  if (!row) throw new CrosscheckError('not_found', `Annotation ${annotationId} is not waiting in the orphans queue.`);
  leaveQueue(db, annotationId, actor);
  return row;
}

/** The analyst's placement: the annotation moves to the new version at the offsets they chose. */
export function placeOrphan(db: Db, input: { annotationId: number; start: number; end: number }, actor: string): Annotation {
  return recordStep(
    db,
    actor,
    'place',
    () => {
      const orphan = takeOrphan(db, input.annotationId, actor);
      return moveAnnotation(db, input.annotationId, orphan.newArticleId, input.start, input.end, actor, 'annotation.place');
    },
    (annotation) => ({ annotationId: annotation.id, articleId: annotation.articleId, quote: annotation.quote }),
  );
}

/**
 * Dropping leaves the annotation where it was made, on the superseded version:
 * nothing is deleted. An undo step, and an operation: it leaves every device's queue.
 */
export function dropOrphan(db: Db, annotationId: number, actor: string): { annotationId: number } {
  return recordStep(
    db,
    actor,
    'drop',
    () => {
      const orphan = takeOrphan(db, annotationId, actor);
      recordEvent(db, { actor, action: 'annotation.orphan-drop', entity: 'annotation', entityId: annotationId, data: { newArticleId: orphan.newArticleId } });
      return { annotationId };
    },
    () => {
      const annotation = getAnnotation(db, annotationId);
      return { annotationId, articleId: annotation.articleId, quote: annotation.quote };
    },
  );
}
