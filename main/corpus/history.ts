import type { Annotation, AnnotationPatch, HistoryState, HistoryStep, NewAnnotation } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import { createAnnotation, deleteAnnotation, updateAnnotation } from './annotations.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';

/**
 * The analyst's undo/redo history: one step per annotation create, update or
 * delete, per actor, kept in the corpus so it survives restarts and spans
 * articles. Steps form a stack: undo takes the newest done step, redo the
 * oldest undone one, and a new edit discards whatever could have been redone.
 */

type Row = Record<string, unknown> & { id: number };
type StepAction = HistoryStep['action'];

interface StoredStep {
  id: number;
  action: StepAction;
  annotationId: number;
  articleId: number;
  before: Row | null;
  after: Row | null;
  links: Row[];
}

export function createAnnotationStep(db: Db, input: NewAnnotation, actor: string): Annotation {
  return db.transaction(() => {
    const annotation = createAnnotation(db, input, actor);
    pushStep(db, actor, 'create', annotation, null, annotationRow(db, annotation.id));
    return annotation;
  }).immediate();
}

export function updateAnnotationStep(db: Db, patch: AnnotationPatch, actor: string): Annotation {
  return db.transaction(() => {
    const before = annotationRow(db, patch.id);
    const annotation = updateAnnotation(db, patch, actor);
    pushStep(db, actor, 'update', annotation, before, annotationRow(db, annotation.id));
    return annotation;
  }).immediate();
}

export function deleteAnnotationStep(db: Db, id: number, actor: string): { id: number } {
  return db.transaction(() => {
    const before = annotationRow(db, id);
    const links = linkRows(db, id);
    const result = deleteAnnotation(db, id, actor);
    pushStep(db, actor, 'delete', { id, articleId: before.article_id as number }, before, null, links);
    return result;
  }).immediate();
}

export function historyState(db: Db, actor: string): HistoryState {
  const undo = nextStep(db, actor, 'undo');
  const redo = nextStep(db, actor, 'redo');
  return { undo: undo && summary(undo), redo: redo && summary(redo) };
}

/**
 * Reverses the newest done step. When the annotation was changed since by
 * someone or something else, nothing is changed and a conflict is reported.
 */
export function undo(db: Db, actor: string): { applied: HistoryStep | null; state: HistoryState } {
  return replay(db, actor, 'undo');
}

export function redo(db: Db, actor: string): { applied: HistoryStep | null; state: HistoryState } {
  return replay(db, actor, 'redo');
}

function replay(db: Db, actor: string, direction: 'undo' | 'redo') {
  return db.transaction(() => {
    const step = nextStep(db, actor, direction);
    if (!step) return { applied: null, state: historyState(db, actor) };
    // Undoing a create is deleting, redoing a delete is deleting, and so on.
    const [from, to] = direction === 'undo' ? [step.after, step.before] : [step.before, step.after];
    let links = step.links;
    if (from && to) restoreColumns(db, step.annotationId, from, to);
    else if (from) links = removeRow(db, step.annotationId, from);
    else if (to) insertRow(db, to, links);
    db.prepare('UPDATE history_steps SET state = ?, links = ? WHERE id = ?').run(direction === 'undo' ? 'undone' : 'done', JSON.stringify(links), step.id);
    recordEvent(db, {
      actor,
      action: `annotation.${direction}`,
      entity: 'annotation',
      entityId: step.annotationId,
      data: { step: step.id, of: step.action, before: from, after: to, links },
    });
    return { applied: summary(step), state: historyState(db, actor) };
  }).immediate();
}

function pushStep(db: Db, actor: string, action: StepAction, annotation: Pick<Annotation, 'id' | 'articleId'>, before: Row | null, after: Row | null, links: Row[] = []): void {
  db.prepare("UPDATE history_steps SET state = 'discarded' WHERE actor = ? AND state = 'undone'").run(actor);
  db.prepare(
    `INSERT INTO history_steps (actor, action, annotation_id, article_id, before, after, links, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(actor, action, annotation.id, annotation.articleId, json(before), json(after), JSON.stringify(links), new Date().toISOString());
}

function nextStep(db: Db, actor: string, direction: 'undo' | 'redo'): StoredStep | null {
  const row = db
    .prepare(
      `SELECT id, action, annotation_id AS annotationId, article_id AS articleId, before, after, links FROM history_steps
       WHERE actor = ? AND state = ? ORDER BY id ${direction === 'undo' ? 'DESC' : 'ASC'} LIMIT 1`,
    )
    .get(actor, direction === 'undo' ? 'done' : 'undone') as (Omit<StoredStep, 'before' | 'after' | 'links'> & Record<'before' | 'after' | 'links', string | null>) | undefined;
  if (!row) return null;
  return { ...row, before: parse(row.before), after: parse(row.after), links: parse(row.links) ?? [] };
}

function summary(step: StoredStep): HistoryStep {
  const row = step.after ?? step.before;
  return { id: step.id, action: step.action, annotationId: step.annotationId, articleId: step.articleId, quote: String(row?.quote ?? '') };
}

function annotationRow(db: Db, id: number): Row {
  const row = db.prepare('SELECT * FROM annotations WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw new CrosscheckError('not_found', `There is no annotation ${id}.`);
  return row;
}

function linkRows(db: Db, annotationId: number): Row[] {
  return db.prepare('SELECT * FROM links WHERE from_id = ? OR to_id = ? ORDER BY id').all(annotationId, annotationId) as Row[];
}

function assertUnchanged(db: Db, id: number, expected: Row): void {
  const current = db.prepare('SELECT * FROM annotations WHERE id = ?').get(id) as Row | undefined;
  if (!current || json(current) !== json(expected)) {
    throw new CrosscheckError('conflict', `Annotation ${id} has changed since this step (elsewhere, or by another analyst), so it cannot be replayed; nothing was changed.`);
  }
}

function restoreColumns(db: Db, id: number, from: Row, to: Row): void {
  assertUnchanged(db, id, from);
  const columns = Object.keys(to).filter((column) => column !== 'id');
  db.prepare(`UPDATE annotations SET ${columns.map((c) => `"${c}" = @${c}`).join(', ')} WHERE id = @id`).run(to);
}

/** Deletes the annotation and returns its links, which the cascade removes with it. */
function removeRow(db: Db, id: number, from: Row): Row[] {
  assertUnchanged(db, id, from);
  const links = linkRows(db, id);
  db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
  return links;
}

function insertRow(db: Db, row: Row, links: Row[]): void {
  if (db.prepare('SELECT 1 FROM annotations WHERE id = ?').get(row.id)) {
    throw new CrosscheckError('conflict', `Annotation ${row.id} cannot be restored: its id is in use again; nothing was changed.`);
  }
  insertInto(db, 'annotations', row);
  for (const link of links) {
    const otherEnd = link.from_id === row.id ? link.to_id : link.from_id;
    if (!db.prepare('SELECT 1 FROM annotations WHERE id = ?').get(otherEnd)) {
      throw new CrosscheckError('conflict', `Link ${link.id} cannot be restored: annotation ${String(otherEnd)} is gone; nothing was changed.`);
    }
    insertInto(db, 'links', link);
  }
}

function insertInto(db: Db, table: 'annotations' | 'links', row: Row): void {
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
