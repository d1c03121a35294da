import { randomUUID } from 'node:crypto';
import type { Annotation, AnnotationPatch, NewAnnotation } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';
import { linksOf } from './links.ts';
import { anchorSpan } from './textAnchor.ts';

export const COLUMNS = `id, article_id AS articleId, start, "end", quote, prefix, suffix, tag, note,
  speaker, author, created_at AS createdAt, updated_at AS updatedAt`;

export function createAnnotation(db: Db, input: NewAnnotation, actor: string): Annotation {
  return db.transaction((): Annotation => {
    const article = db.prepare('SELECT text FROM articles WHERE id = ?').get(input.articleId) as { text: string } | undefined;
    if (!article) throw new CrosscheckError('not_found', `There is no article ${input.articleId}.`);
    const anchor = anchorSpan(article.text, input.start, input.end);
    const now = new Date().toISOString();
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO annotations (uuid, article_id, start, "end", quote, prefix, suffix, tag, note, speaker, author, created_at, updated_at)
         VALUES (@uuid, @articleId, @start, @end, @quote, @prefix, @suffix, @tag, @note, @speaker, @author, @now, @now)`,
      )
      .run({
        uuid: randomUUID(),
        articleId: input.articleId,
        start: input.start,
        end: input.end,
        ...anchor,
        tag: input.tag,
        note: input.note ?? '',
        speaker: input.speaker ?? null,
        author: actor,
        now,
      });
    const annotation = getAnnotation(db, Number(lastInsertRowid));
    recordEvent(db, { actor, action: 'annotation.create', entity: 'annotation', entityId: annotation.id, data: { after: annotation } }, now);
    return annotation;
  }).immediate();
}

export function getAnnotation(db: Db, id: number): Annotation {
  const row = db.prepare(`SELECT ${COLUMNS} FROM annotations WHERE id = ?`).get(id) as Annotation | undefined;
  if (!row) throw new CrosscheckError('not_found', `There is no annotation ${id}.`);
  return row;
}

/** In text order within each article; all articles when none is named. */
export function listAnnotations(db: Db, articleId?: number): Annotation[] {
  if (articleId === undefined) {
    return db.prepare(`SELECT ${COLUMNS} FROM annotations ORDER BY article_id, start, "end", id`).all() as Annotation[];
  }
  const exists = db.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId);
  if (!exists) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
  return db
    .prepare(`SELECT ${COLUMNS} FROM annotations WHERE article_id = ? ORDER BY start, "end", id`)
    .all(articleId) as Annotation[];
}

/**
 * Changes an annotation's tag, note, speaker or boundaries. A new boundary
 * re-takes quote and context from the text. The event keeps before and after,
 * which is what undo replays.
 */
export function updateAnnotation(db: Db, patch: AnnotationPatch, actor: string): Annotation {
  return db.transaction((): Annotation => {
    const before = getAnnotation(db, patch.id);
    const start = patch.start ?? before.start;
    const end = patch.end ?? before.end;
    const { text } = db.prepare('SELECT text FROM articles WHERE id = ?').get(before.articleId) as { text: string };
    const anchor = anchorSpan(text, start, end);
    const now = new Date().toISOString();
    db.prepare(
      `UPDATE annotations SET start = @start, "end" = @end, quote = @quote, prefix = @prefix, suffix = @suffix,
         tag = @tag, note = @note, speaker = @speaker, updated_at = @now WHERE id = @id`,
    ).run({
      id: patch.id,
      start,
      end,
      ...anchor,
      tag: patch.tag ?? before.tag,
      note: patch.note ?? before.note,
      speaker: patch.speaker === undefined ? before.speaker : patch.speaker,
      now,
    });
    const after = getAnnotation(db, patch.id);
    recordEvent(db, { actor, action: 'annotation.update', entity: 'annotation', entityId: patch.id, data: { before, after } }, now);
    return after;
  }).immediate();
}

/** Deletes an annotation and, with it, its links; the event keeps both so the deletion can be undone. */
export function deleteAnnotation(db: Db, id: number, actor: string): { id: number } {
  return db.transaction(() => {
    const before = getAnnotation(db, id);
    const links = linksOf(db, id);
    db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
    recordEvent(db, { actor, action: 'annotation.delete', entity: 'annotation', entityId: id, data: { before, links } });
    return { id };
  }).immediate();
}
