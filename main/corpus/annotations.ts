import { randomUUID } from 'node:crypto';
import type { Annotation, NewAnnotation } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';
import { anchorSpan } from './textAnchor.ts';

const COLUMNS = `id, article_id AS articleId, start, "end", quote, prefix, suffix, tag, note,
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
