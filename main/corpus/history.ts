import type { Annotation, AnnotationPatch, HistoryState, HistoryStep, NewAnnotation } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { createAnnotation, deleteAnnotation, updateAnnotation } from './annotations.ts';
import { applyChange, withoutStep, type Change, type StepSummary } from './changes.ts';
import type { Db } from './database.ts';
import { dependentsOf, localId, readState, sameState, type EntityKind } from './entityStates.ts';
import { recordEvent, type EventRecord } from './events.ts';

/**
 * The analyst's undo/redo history: one step per edit — annotations, links and
 * their reviews, verdicts, accepted and rejected suggestions, speakers, article
 * details — per actor, kept in the corpus so it survives restarts and spans
 * articles. Steps form a stack: undo takes the newest done step, redo the
 * oldest undone one, and a new edit discards whatever could have been redone.
 *
 * A step keeps the state before and after of every entity it changed, named by
 * UUID. Replaying it is safe with other analysts and devices at work:
 * - an entity changed since (by anyone) is a conflict, and nothing is changed;
 * - removing an entity that other work hangs on (another analyst's link on an
 *   annotation being un-created) is a conflict too, naming whose work it is;
 * - a restored entity gets its own id back (ids are never handed to another row).
 * Undo and redo are edits like any other: they write operations for other devices.
 */

export function createAnnotationStep(db: Db, input: NewAnnotation, actor: string): Annotation {
  return createAnnotation(db, input, actor);
}

export function updateAnnotationStep(db: Db, patch: AnnotationPatch, actor: string): Annotation {
  return updateAnnotation(db, patch, actor);
}

export function deleteAnnotationStep(db: Db, id: number, actor: string): { id: number } {
  return deleteAnnotation(db, id, actor);
}

interface StoredStep {
  id: number;
  action: string;
  summary: StepSummary;
  changes: Change[];
}

export function historyState(db: Db, actor: string): HistoryState {
  const undo = nextStep(db, actor, 'undo');
  const redo = nextStep(db, actor, 'redo');
  return { undo: undo && describe(undo), redo: redo && describe(redo) };
}

/** Reverses the newest done step; a conflict changes nothing and leaves the step where it was. */
export function undo(db: Db, actor: string): { applied: HistoryStep | null; state: HistoryState } {
  return replay(db, actor, 'undo');
}

export function redo(db: Db, actor: string): { applied: HistoryStep | null; state: HistoryState } {
  return replay(db, actor, 'redo');
}

function replay(db: Db, actor: string, direction: 'undo' | 'redo') {
  return db
    .transaction(() => {
      const step = nextStep(db, actor, direction);
      if (!step) return { applied: null, state: historyState(db, actor) };
      const changes: Change[] =
        direction === 'undo' ? [...step.changes].reverse().map((c) => ({ ...c, before: c.after, after: c.before }) as Change) : step.changes;
      withoutStep(db, () => {
        for (const change of changes) {
          assertUnchanged(db, change, step);
          if (change.after === null) assertNothingHangsOn(db, change, actor);
          applyChange(db, actor, change);
          const { entity, entityId } = eventTarget(db, change);
          recordEvent(db, {
            actor,
            action: `${entity}.${direction}`,
            entity,
            entityId,
            entityUuid: change.uuid,
            data: { step: step.id, of: step.action, kind: change.kind, before: change.before, after: change.after },
          });
        }
      });
      db.prepare('UPDATE undo_steps SET state = ? WHERE id = ?').run(direction === 'undo' ? 'undone' : 'done', step.id);
      return { applied: describe(step), state: historyState(db, actor) };
    })
    .immediate();
}

const NAMES: Record<EntityKind, string> = {
  article: 'Article',
  annotation: 'Annotation',
  link: 'Link',
  linkReview: 'A review of link',
  verdict: 'A verdict on annotation',
  rejection: 'A rejected suggestion for annotation',
  speaker: 'Speaker',
  speakerAlias: 'A speaker name of speaker',
  projectOption: 'The project option',
  articleDone: 'The done mark on article',
  orphan: 'The orphans queue entry of annotation',
  curator: 'The curator role',
  keptNeither: 'The decision to keep neither span on article',
};

function assertUnchanged(db: Db, change: Change, step: StoredStep): void {
  if (sameState(readState(db, change.kind, change.uuid), change.before)) return;
  const id = change.id ?? localId(db, change.kind, change.uuid);
  throw new CrosscheckError(
    'conflict',
    `${NAMES[change.kind]} ${id ?? change.uuid} has changed since this step (${step.action}), elsewhere or by another analyst, so it cannot be replayed; nothing was changed.`,
  );
}

/** Removing an entity must not take anyone's later work with it: that work is refused, not deleted. */
function assertNothingHangsOn(db: Db, change: Change, actor: string): void {
  const [first, ...more] = dependentsOf(db, { kind: change.kind, uuid: change.uuid });
  if (!first) return;
  const whose = first.by === actor ? 'your later' : `${first.by}’s`;
  const id = change.id ?? localId(db, change.kind, change.uuid);
  const theirs = localId(db, first.kind, first.uuid);
  throw new CrosscheckError(
    'conflict',
    `${NAMES[change.kind]} ${id ?? change.uuid} cannot be removed: ${whose} ${first.kind === 'linkReview' ? 'review' : first.kind} ${theirs ?? first.uuid} depends on it` +
      `${more.length ? ` (and ${more.length} more)` : ''}; undo or remove that first. Nothing was changed.`,
  );
}

function eventTarget(db: Db, change: Change): { entity: EventRecord['entity']; entityId: number | null } {
  const id = change.id ?? localId(db, change.kind, change.uuid);
  switch (change.kind) {
    case 'annotation':
    case 'article':
    case 'link':
    case 'speaker':
      return { entity: change.kind, entityId: id };
    case 'linkReview': {
      const link = (change.before ?? change.after) as { link: string };
      return { entity: 'link', entityId: localId(db, 'link', link.link) };
    }
    case 'verdict': {
      const verdict = (change.before ?? change.after) as { annotation: string };
      return { entity: 'annotation', entityId: localId(db, 'annotation', verdict.annotation) };
    }
    case 'rejection':
      return { entity: 'suggestion', entityId: id };
    case 'speakerAlias':
      return { entity: 'speaker', entityId: id };
    case 'projectOption':
      return { entity: 'corpus', entityId: null };
    case 'articleDone': {
      const done = (change.before ?? change.after) as { article: string };
      return { entity: 'article', entityId: localId(db, 'article', done.article) };
    }
    case 'orphan': {
      const orphan = (change.before ?? change.after) as { annotation: string };
      return { entity: 'annotation', entityId: localId(db, 'annotation', orphan.annotation) };
    }
    case 'curator':
      return { entity: 'corpus', entityId: null };
    case 'keptNeither': {
      const decision = (change.before ?? change.after) as { article: string };
      return { entity: 'article', entityId: localId(db, 'article', decision.article) };
    }
  }
}

function nextStep(db: Db, actor: string, direction: 'undo' | 'redo'): StoredStep | null {
  const row = db
    .prepare(`SELECT id, action, summary, changes FROM undo_steps WHERE actor = ? AND state = ? ORDER BY id ${direction === 'undo' ? 'DESC' : 'ASC'} LIMIT 1`)
    .get(actor, direction === 'undo' ? 'done' : 'undone') as { id: number; action: string; summary: string; changes: string } | undefined;
  if (!row) return null;
  return { id: row.id, action: row.action, summary: JSON.parse(row.summary) as StepSummary, changes: JSON.parse(row.changes) as Change[] };
}

function describe(step: StoredStep): HistoryStep {
  return { id: step.id, action: step.action as HistoryStep['action'], ...step.summary };
}
