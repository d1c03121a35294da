import type { Annotation, AnnotationPatch, NewAnnotation } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { applyChange, recordStep, type StepSummary } from './changes.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { dependentsOf, readState, uuidOf, type AnnotationState } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { linksOf } from './links.ts';
import { annotationSummary } from './annotationSummary.ts';
import { newUuid } from './uuids.ts';

export const COLUMNS = `id, article_id AS articleId, start, "end", quote, prefix, suffix, tag, note,
  speaker, author, created_at AS createdAt, updated_at AS updatedAt`;

export { annotationSummary } from './annotationSummary.ts';

export function createAnnotation(db: Db, input: NewAnnotation, actor: string): Annotation {
  return recordStep(
    db,
    actor,
    'create',
    (): Annotation => {
      // Plucked, as every user of this shared statement plucks it (uuidOf): the mode belongs to the statement, not the call.
      const sha256 = cachedStatement(db, 'SELECT sha256 FROM articles WHERE id = ?').pluck().get(input.articleId) as string | undefined;
      if (sha256 === undefined) throw new CrosscheckError('not_found', `There is no article ${input.articleId}.`);
      const now = new Date().toISOString();
      const uuid = newUuid();
      const state: AnnotationState = {
        article: sha256,
        start: input.start,
        end: input.end,
        tag: input.tag,
        note: input.note ?? '',
        speaker: input.speaker ?? null,
        author: actor,
        createdAt: now,
        updatedAt: now,
      };
      const id = applyChange(db, actor, { kind: 'annotation', uuid, before: null, after: state })!;
      const annotation = getAnnotation(db, id);
      recordEvent(
        db,
        { actor, action: 'annotation.create', entity: 'annotation', entityId: annotation.id, entityUuid: uuid, data: { after: annotation } },
        now,
      );
      return annotation;
    },
    annotationSummary,
  );
}

export function getAnnotation(db: Db, id: number): Annotation {
  const row = cachedStatement(db, `SELECT ${COLUMNS} FROM annotations WHERE id = ?`).get(id) as Annotation | undefined;
  if (!row) throw new CrosscheckError('not_found', `There is no annotation ${id}.`);
  return row;
}

/** In text order within each article; all articles when none is named. */
export function listAnnotations(db: Db, articleId?: number): Annotation[] {
  if (articleId === undefined) {
    return cachedStatement(db, `SELECT ${COLUMNS} FROM annotations ORDER BY article_id, start, "end", id`).all() as Annotation[];
  }
  const exists = cachedStatement(db, 'SELECT 1 FROM articles WHERE id = ?').get(articleId);
  if (!exists) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
  return db.prepare(`SELECT ${COLUMNS} FROM annotations WHERE article_id = ? ORDER BY start, "end", id`).all(articleId) as Annotation[];
}

/**
 * Changes an annotation's tag, note, speaker or boundaries. A new boundary
 * re-takes quote and context from the text. The event keeps before and after;
 * the undo step keeps both states.
 */
export function updateAnnotation(db: Db, patch: AnnotationPatch, actor: string): Annotation {
  return recordStep(
    db,
    actor,
    'update',
    (): Annotation => {
      const before = getAnnotation(db, patch.id);
      const uuid = uuidOf(db, 'annotation', patch.id);
      const state = readState(db, 'annotation', uuid)!;
      const now = new Date().toISOString();
      const after: AnnotationState = {
        ...state,
        start: patch.start ?? state.start,
        end: patch.end ?? state.end,
        tag: patch.tag ?? state.tag,
        note: patch.note ?? state.note,
        speaker: patch.speaker === undefined ? state.speaker : patch.speaker,
        updatedAt: now,
      };
      applyChange(db, actor, { kind: 'annotation', uuid, before: state, after });
      const updated = getAnnotation(db, patch.id);
      recordEvent(
        db,
        { actor, action: 'annotation.update', entity: 'annotation', entityId: patch.id, entityUuid: uuid, data: { before, after: updated } },
        now,
      );
      return updated;
    },
    annotationSummary,
  );
}

/**
 * Deletes an annotation and what hangs on it — its links and their reviews, the
 * verdicts set on it, the suggestions rejected for it — each as a change of its
 * own, so undo brings every one of them back. The event keeps the annotation and its links.
 */
export function deleteAnnotation(db: Db, id: number, actor: string): { id: number } {
  let summary: StepSummary | null = null;
  return recordStep(
    db,
    actor,
    'delete',
    () => {
      const before = getAnnotation(db, id);
      summary = annotationSummary(before);
      const uuid = uuidOf(db, 'annotation', id);
      const links = linksOf(db, id);
      for (const dependent of dependentsOf(db, { kind: 'annotation', uuid }).reverse()) {
        applyChange(db, actor, { kind: dependent.kind, uuid: dependent.uuid, before: readState(db, dependent.kind, dependent.uuid), after: null });
      }
      applyChange(db, actor, { kind: 'annotation', uuid, before: readState(db, 'annotation', uuid), after: null });
      recordEvent(db, { actor, action: 'annotation.delete', entity: 'annotation', entityId: id, entityUuid: uuid, data: { before, links } });
      return { id };
    },
    () => summary!,
  );
}
