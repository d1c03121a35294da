import Database from 'better-sqlite3';
import type { Db } from '../corpus/database.ts';

/** How long either side waits for the other before the export gives up. */
const WAIT_MS = 30_000;

const LOCK_HELD = 1;
const LOCK_FAILED = -1;

/** Where the readers of one shared snapshot signal each other: [0] the lock's state, [1] how many workers have begun reading. */
export function snapshotSignal(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/*
 * Read-only connections in several threads that all see the same state of the
 * corpus, so rows rendered in parallel agree with each other. A read
 * transaction sees the state current when it starts, so the leading thread
 * holds the write lock while every reader starts its own: no commit can fall
 * between them. The leader does all of it synchronously, with its workers
 * already parked and waiting, so the lock lasts well under a millisecond and
 * no code of the leader's thread, such as an edit on the app's own
 * connection, can run while it is held.
 */

/** In a worker: opens its reader, then waits for the leader's signal to begin reading. */
export function openFollowerReader(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export function followSnapshot(reader: Db, signal: Int32Array): void {
  waitUntil(signal, 0, (state) => state !== 0);
  if (Atomics.load(signal, 0) === LOCK_FAILED) throw new Error('the export could not take a consistent snapshot of the corpus');
  beginRead(reader);
  Atomics.add(signal, 1, 1);
  Atomics.notify(signal, 1);
}

/** In the leading thread, once `followers` workers are parked in followSnapshot: a reader on the snapshot they all share. */
export function leadSnapshot(file: string, signal: Int32Array, followers: number): Db {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  const lock = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    lock.exec('BEGIN IMMEDIATE');
    beginRead(reader);
    Atomics.store(signal, 0, LOCK_HELD);
    Atomics.notify(signal, 0);
    waitUntil(signal, 1, (begun) => begun >= followers);
    return reader;
  } catch (error) {
    Atomics.store(signal, 0, LOCK_FAILED);
    Atomics.notify(signal, 0);
    reader.close();
    throw error;
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}

/** A read transaction starts at its first read, not at BEGIN. */
function beginRead(reader: Db): void {
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM sqlite_schema').get();
}

function waitUntil(signal: Int32Array, index: number, done: (value: number) => boolean): void {
  const deadline = Date.now() + WAIT_MS;
  for (let value = Atomics.load(signal, index); !done(value); value = Atomics.load(signal, index)) {
    const left = deadline - Date.now();
    if (left <= 0 || Atomics.wait(signal, index, value, left) === 'timed-out') {
      throw new Error(`the export's readers did not reach a shared snapshot within ${WAIT_MS / 1000} s`);
    }
  }
}
