/**
 * The scheduled full check, off the main thread: SQLite's quick_check reads
 * every page (seconds on a large corpus), through a read-only connection of
 * its own, so the window keeps answering meanwhile.
 */
import Database from 'better-sqlite3';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

export interface FullCheckWorkerData {
  file: string;
}
export type FullCheckWorkerMessage = { verdict: string | null } | { error: string };

// The nice value is per thread on Linux: seconds of reading every page yield the CPU to the window's requests.
try {
  setPriority(10);
} catch {
  // Not permitted here: the check still runs, at the same priority.
}

const { file } = workerData as FullCheckWorkerData;
try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const verdict = db.pragma('quick_check', { simple: true });
    parentPort!.postMessage({ verdict: verdict === 'ok' ? null : String(verdict) } satisfies FullCheckWorkerMessage);
  } finally {
    db.close();
  }
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies FullCheckWorkerMessage);
}
