import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { localId, writeState, type EntityKind } from './entityStates.ts';
import { appendLocalOperation } from './operations.ts';
import type { Change, StepSummary } from './change.ts';

export type { Change, StepSummary } from './change.ts';

/*
 * Every edit of the corpus is a list of changes: one entity's state before and
 * after. applyChange is the one way an edit reaches the rows, so that each one
 * is also an undo step for its analyst and an operation for other devices.
 *
 * Changes made inside recordStep — however many corpus functions that calls —
 * become one undo step (accepting a suggestion is an annotation and a link, and
 * one undo takes back both). Changes made by undo, redo or another device's
 * operation are applied inside withoutStep and make no step of their own.
 */

interface Collector {
  changes: Change[];
  recordsSteps: boolean;
}

const collectors = new WeakMap<Db, Collector[]>();

/**
 * Writes one change and records it: in the outbox for other devices (unless it
 * is another device's operation being applied), and in the enclosing undo step.
 * Returns the entity's integer id (null once it is removed). Must run inside a transaction.
 */
export function applyChange<K extends EntityKind>(db: Db, actor: string, change: Change<K>, options: { replicate?: boolean } = {}): number | null {
  const before = localId(db, change.kind, change.uuid);
  const after = writeState(db, change.kind, change.uuid, change.after, change.id ?? before ?? undefined);
  const recorded: Change = { ...change, id: after ?? before ?? change.id ?? null } as Change;
  if (options.replicate !== false) appendLocalOperation(db, actor, recorded);
  const stack = collectors.get(db);
  stack?.at(-1)?.changes.push(recorded);
  return after;
}

/**
 * Runs `edit` in one transaction and keeps every change it applied as one undo
 * step of `actor` (unless an enclosing recordStep already collects them, or
 * nothing changed). A new step discards whatever the actor could have redone.
 */
export function recordStep<T>(db: Db, actor: string, action: string, edit: () => T, summarize: (result: T) => StepSummary): T {
  return db
    .transaction((): T => {
      const stack = collectors.get(db) ?? [];
      collectors.set(db, stack);
      if (stack.length > 0) return edit();
      const collector: Collector = { changes: [], recordsSteps: true };
      stack.push(collector);
      try {
        const result = edit();
        if (collector.changes.length > 0) pushStep(db, actor, action, summarize(result), collector.changes);
        return result;
      } finally {
        stack.pop();
      }
    })
    .immediate();
}

/** Runs changes that are not an edit of their own: an undo, a redo, another device's operation. */
export function withoutStep<T>(db: Db, apply: () => T): T {
  const stack = collectors.get(db) ?? [];
  collectors.set(db, stack);
  const collector: Collector = { changes: [], recordsSteps: false };
  stack.push(collector);
  try {
    return apply();
  } finally {
    stack.pop();
  }
}

function pushStep(db: Db, actor: string, action: string, summary: StepSummary, changes: Change[]): void {
  const now = new Date().toISOString();
  cachedStatement(db, "UPDATE undo_steps SET state = 'discarded' WHERE actor = ? AND state = 'undone'").run(actor);
  cachedStatement(db, 'INSERT INTO undo_steps (actor, action, summary, changes, at) VALUES (?, ?, ?, ?, ?)').run(
    actor,
    action,
    JSON.stringify(summary),
    JSON.stringify(changes),
    now,
  );
}
