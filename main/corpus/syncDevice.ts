import type { Db } from './database.ts';
import { applyOperation, type ApplyOptions, type ApplyResult } from './operationApplier.ts';
import { deviceId, listPendingOperations, writeBaseline, type Operation, type SequencedOperation } from './operations.ts';

/**
 * The device side of sync, everything a transport needs and nothing more.
 * A transport (crosscheck sync, or the app's Sync now) runs, in this order:
 *
 *   1. pendingOperations(db, analyst, 1000)  → push them (POST /v1/push), in the order given;
 *      articleTexts(db, ops) → upload each text (PUT /v1/articles/<sha256>) first;
 *   2. markPushed(db, ids) once the hub acknowledged the push (a retry pushes them again: the hub
 *      counts a repeated id as a duplicate, so that is safe);
 *   3. pull from lastPulledSeq(db) (GET /v1/pull?after=…); articlesNeeded(db, ops) names the texts
 *      to fetch (GET /v1/articles/<sha256>); applyPulledOperations(db, ops, { articleText }) applies
 *      them in hub order and advances the cursor with each one, in the transaction that applies it;
 *   4. repeat while the hub says `more`.
 *
 * Every function is synchronous and runs its writes in one transaction; a crash
 * between steps loses nothing (unacknowledged operations stay pending, the
 * cursor only moves with what was applied, and applying is idempotent).
 */

export type { Operation, SequencedOperation } from './operations.ts';
export type { ApplyOptions, ApplyResult } from './operationApplier.ts';
export { deviceId } from './operations.ts';
export { applyOperation } from './operationApplier.ts';

/**
 * This device's operations not yet acknowledged by the hub, oldest first, at
 * most `limit`. The corpus as it was before this device kept operations is
 * written first, as operations of the first analyst to edit (or of `analyst`
 * here, if nobody has edited since), so work done before sync reaches the team too.
 */
export function pendingOperations(db: Db, analyst: string, limit = 1000): Operation[] {
  db.transaction(() => writeBaseline(db, analyst)).immediate();
  return listPendingOperations(db, limit);
}

/** The hub stored these operations: they are no longer pending. Their seq arrives when they are pulled back. */
export function markPushed(db: Db, ids: readonly string[], seqs: ReadonlyMap<string, number> = new Map()): void {
  db.transaction(() => {
    const mark = db.prepare("UPDATE operations SET pushed = 1, hub_seq = coalesce(hub_seq, ?) WHERE id = ? AND origin = 'local'");
    for (const id of ids) mark.run(seqs.get(id) ?? null, id);
  }).immediate();
}

/**
 * Applies pulled operations in the order given (the hub's). Stops at the first failure, with
 * everything before it applied (and the cursor after it), then throws that failure.
 *
 * The page is one transaction, each operation a savepoint inside it: a corpus commits with a
 * sync to disk (synchronous = FULL), and one commit per operation made applying a page wait on
 * the disk a thousand times (about 8 ms an operation on the machine the three-device case was
 * profiled on, against well under 1 ms of work). A crash mid-page loses the page and its cursor
 * together, so the rerun pulls it again.
 */
export function applyPulledOperations(
  db: Db,
  operations: readonly SequencedOperation[],
  options: ApplyOptions = {},
): { applied: number; superseded: number; duplicates: number; conflicts: number } {
  const counts = { applied: 0, superseded: 0, duplicates: 0, conflicts: 0 };
  let failure: { error: unknown } | null = null;
  db.transaction(() => {
    for (const op of operations) {
      let result: ApplyResult;
      try {
        // A nested transaction: on failure only this operation's savepoint is rolled back.
        result = applyOperation(db, op, options);
      } catch (error) {
        failure = { error };
        return;
      }
      counts[result.outcome === 'duplicate' ? 'duplicates' : result.outcome]++;
      counts.conflicts += result.conflicts;
    }
  }).immediate();
  if (failure) throw (failure as { error: unknown }).error;
  return counts;
}

/** The hub seq up to which this device has applied everything. */
export function lastPulledSeq(db: Db): number {
  return db.prepare('SELECT last_pulled_seq FROM sync_state WHERE id = 1').pluck().get() as number;
}

/** Sets the cursor (only forward): for a transport that pulled a page with nothing to apply. */
export function setLastPulledSeq(db: Db, seq: number): void {
  db.prepare('UPDATE sync_state SET last_pulled_seq = max(last_pulled_seq, ?) WHERE id = 1').run(seq);
}

/** Texts to upload before pushing these operations: sha256 → text, for each article they add. */
export function articleTexts(db: Db, operations: readonly Operation[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const op of operations) {
    if (op.kind !== 'article.add' || texts.has(op.entity)) continue;
    const text = (db.prepare('SELECT text FROM articles WHERE sha256 = ?').pluck().get(op.entity) ??
      db.prepare('SELECT text FROM removed_article_texts WHERE sha256 = ?').pluck().get(op.entity)) as string | undefined;
    if (text !== undefined) texts.set(op.entity, text);
  }
  return texts;
}

/** The sha256 of each article these pulled operations add that is not in this corpus yet. */
export function articlesNeeded(db: Db, operations: readonly Operation[]): string[] {
  const needed = new Set<string>();
  for (const op of operations) {
    if (op.kind === 'article.add' && !db.prepare('SELECT 1 FROM articles WHERE sha256 = ?').get(op.entity)) needed.add(op.entity);
  }
  return [...needed];
}

export interface SyncStatus {
  device: string;
  pending: number;
  lastPulledSeq: number;
  openConflicts: number;
}

export function syncStatus(db: Db): SyncStatus {
  return {
    device: deviceId(db),
    // Kept by triggers (migration 25): counting the outbox read every operation of a corpus never synced.
    pending: db.prepare('SELECT pending FROM outbox_count').pluck().get() as number,
    lastPulledSeq: lastPulledSeq(db),
    openConflicts: db.prepare("SELECT count(*) FROM conflicts WHERE status = 'open'").pluck().get() as number,
  };
}

export interface SyncRun {
  hub: string;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  /** How it ended, in words: the refusal or failure when it did not complete. */
  message: string | null;
  pushed: number;
  applied: number;
}

/** Keeps how a sync ended, for the app's top bar: the time, the outcome in words, what moved. */
export function recordSyncRun(db: Db, run: SyncRun): void {
  db.prepare(
    'INSERT INTO sync_runs (hub, started_at, finished_at, ok, message, pushed, applied) VALUES (@hub, @startedAt, @finishedAt, @ok, @message, @pushed, @applied)',
  ).run({ ...run, ok: run.ok ? 1 : 0 });
}

/** The latest sync's outcome, and when a sync last succeeded (either may be null: never synced, never succeeded). */
export function lastSyncRuns(db: Db): { last: SyncRun | null; lastSuccessAt: string | null } {
  const row = db
    .prepare('SELECT hub, started_at AS startedAt, finished_at AS finishedAt, ok, message, pushed, applied FROM sync_runs ORDER BY id DESC LIMIT 1')
    .get() as (Omit<SyncRun, 'ok'> & { ok: number }) | undefined;
  const lastSuccessAt = (db.prepare('SELECT finished_at FROM sync_runs WHERE ok = 1 ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
  return { last: row ? { ...row, ok: row.ok === 1 } : null, lastSuccessAt };
}
