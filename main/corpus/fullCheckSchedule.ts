import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.ts';
import type { FullCheckWorkerData, FullCheckWorkerMessage } from './fullCheckWorker.ts';
import { FULL_CHECK_INTERVAL_MS, fullCheckDue, recordFullCheck, type Verdict } from './databaseHealth.ts';

/** How often the app looks whether the full check is due (it is due once a week). */
const LOOK_EVERY_MS = 60 * 60 * 1000;

export interface FullCheckScheduleOptions {
  intervalMs?: number;
  /** Damage found by the full check: the app tells the analyst, who can restore a backup. */
  onDamage(verdict: string): void;
  onError?: (error: unknown) => void;
}

function workerScript(): string | null {
  if (typeof import.meta.url !== 'string') return null;
  const script = fileURLToPath(new URL('./fullCheckWorker.ts', import.meta.url));
  return existsSync(script) ? script : null;
}

/** Runs SQLite's quick_check of the corpus file in a worker thread; resolves with its verdict. */
export function fullCheckInWorker(file: string): Promise<Verdict> {
  const script = workerScript();
  if (!script) return Promise.reject(new Error('the full check needs the worker source beside this module'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { file } satisfies FullCheckWorkerData });
    worker.once('message', (message: FullCheckWorkerMessage) => ('error' in message ? reject(new Error(message.error)) : resolve(message.verdict)));
    worker.once('error', reject);
  });
}

/**
 * The full check on a schedule: at start and every hour after, if the last
 * sound full check is older than the interval, one runs in a worker thread;
 * a sound result is recorded, damage reported. Where no worker source ships
 * (the bundled Electron main), nothing is scheduled: `crosscheck check --full`
 * remains.
 */
export function scheduleFullChecks(db: Db, options: FullCheckScheduleOptions): { stop(): void; whenIdle(): Promise<void> } {
  const intervalMs = options.intervalMs ?? FULL_CHECK_INTERVAL_MS;
  const onError = options.onError ?? ((error) => console.error('crosscheck: the scheduled integrity check failed to run', error));
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const look = () => {
    if (busy || !workerScript() || db.name === ':memory:' || !fullCheckDue(db, new Date(), intervalMs)) return;
    busy = true;
    running = fullCheckInWorker(db.name)
      .then((verdict) => {
        if (verdict !== null) options.onDamage(verdict);
        else if (db.open) recordFullCheck(db);
      }, onError)
      .finally(() => (busy = false));
  };
  look();
  const timer = setInterval(look, LOOK_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), whenIdle: () => running };
}
