import type { Annotation, Orphan } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { getAnnotation } from './annotations.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';
import { anchorSpan } from './textAnchor.ts';

/**
 * Moves an annotation onto another version of its article, re-taking quote and
 * context from the new text. Links follow, since they point at the annotation.
 */
export function moveAnnotation(db: Db, id: number, articleId: number, start: number, end: number, actor: string, action: string): Annotation {
  const before = getAnnotation(db, id);
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(articleId) as string | undefined;
  if (text === undefined) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
  const anchor = anchorSpan(text, start, end);
  const now = new Date().toISOString();
  db.prepare(
    `UPDATE annotations SET article_id = @articleId, start = @start, "end" = @end, quote = @quote, prefix = @prefix,
       suffix = @suffix, updated_at = @now WHERE id = @id`,
  ).run({ id, articleId, start, end, ...anchor, now });
  const after = getAnnotation(db, id);
  recordEvent(db, { actor, action, entity: 'annotation', entityId: id, data: { before, after } }, now);
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

export function queueOrphan(db: Db, orphan: OrphanRecord): void {
  db.prepare(
    `INSERT OR REPLACE INTO orphans (annotation_id, new_article_id, suggested_start, suggested_end, score, reason, created_at)
     VALUES (@annotationId, @newArticleId, @start, @end, @score, @reason, @now)`,
  ).run({ ...orphan, now: new Date().toISOString() });
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

function takeOrphan(db: Db, annotationId: number): OrphanRecord {
  const row = db.prepare('SELECT annotation_id AS annotationId, new_article_id AS newArticleId FROM orphans WHERE annotation_id = ?').get(annotationId) as
    OrphanRecord | undefined;
  if (!row) throw new CrosscheckError('not_found', `Annotation ${annotationId} is not waiting in the orphans queue.`);
  db.prepare('DELETE FROM orphans WHERE annotation_id = ?').run(annotationId);
  return row;
}

/** The analyst's placement: the annotation moves to the new version at the offsets they chose. */
export function placeOrphan(db: Db, input: { annotationId: number; start: number; end: number }, actor: string): Annotation {
  return db
    .transaction(() => {
      const orphan = takeOrphan(db, input.annotationId);
      return moveAnnotation(db, input.annotationId, orphan.newArticleId, input.start, input.end, actor, 'annotation.place');
    })
    .immediate();
}

/** Dropping leaves the annotation where it was made, on the superseded version: nothing is deleted. */
export function dropOrphan(db: Db, annotationId: number, actor: string): { annotationId: number } {
  return db
    .transaction(() => {
      const orphan = takeOrphan(db, annotationId);
      recordEvent(db, { actor, action: 'annotation.orphan-drop', entity: 'annotation', entityId: annotationId, data: { newArticleId: orphan.newArticleId } });
      return { annotationId };
    })
    .immediate();
}
