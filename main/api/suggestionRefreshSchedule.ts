import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../corpus/database.ts';
import { currentEpoch } from '../corpus/suggestionStore.ts';
import { refreshSuggestions, type RefreshProgress } from '../matching/suggestionRefresh.ts';
import { storePendingOrigins } from '../provenance/storedReuse.ts';
import { ensureMatchIndex } from '../matching/termIndex.ts';

export interface RefreshWorkerData {
  corpusPath: string;
  sliceMs: number;
}
export type RefreshWorkerMessage = { ready: true } | { progress: RefreshProgress } | { error: string };
/** What the refresher's worker is asked: a slice of its own length, a slice of the given length (a job's), or to stop. */
export type RefreshWorkerRequest = 'refresh' | { refresh: number } | 'stop';

/** How often the app looks for annotations waiting for the matcher when none was waiting at the last look. */
const LOOK_EVERY_MS = 2_000;
/**
 * Longest one slice of the worker runs before it reports and the next look
 * decides. Long enough that the per-slice checks cost nothing, short enough
 * that stopping the app waits at most this long.
 */
const WORKER_SLICE_MS = 2_000;
/**
 * Longest a slice run on the serving thread (no worker source: the bundled
 * app) may hold it. One annotation can overrun it: bench:suggest measures
 * ~100 ms p95 at 100,000 articles.
 */
const INLINE_SLICE_MS = 40;
/**
 * While articles keep arriving (an import), shown suggestions are not looked
 * at again for them until the corpus has been still this long: each look would
 * be out of date at once.
 */
const QUIET_AFTER_IMPORT_MS = 5_000;

/**
 * One slice of the background work on stored results: first the text reuse of
 * claim groups that changed (half the budget; a group is a few milliseconds),
 * then the matcher for annotations waiting for it (the rest, at least half).
 * The worker and the inline slices both run this.
 */
export function refreshStoredResults(db: Db, budgetMs: number): RefreshProgress {
  const started = performance.now();
  storePendingOrigins(db, { budgetMs: budgetMs / 2 });
  return refreshSuggestions(db, { budgetMs: Math.max(budgetMs / 2, budgetMs - (performance.now() - started)) });
}

function workerScript(): string | null {
  if (typeof import.meta.url !== 'string') return null;
  const script = fileURLToPath(new URL('./suggestionRefreshWorker.ts', import.meta.url));
  return existsSync(script) ? script : null;
}

export interface SuggestionRefreshSchedule {
  /** Looks at once instead of at the next tick (after an edit, say). */
  poke(): void;
  /** Stops looking; resolves once a running slice has finished. */
  stop(): Promise<void>;
  /** Resolves when nothing waits for the matcher (for tests and benchmarks). */
  whenSettled(): Promise<RefreshProgress>;
  /**
   * One slice of about `budgetMs` on demand (a job's, longJobs.ts): in the
   * refresher's worker, at its low priority, where it has one, so the thread
   * that asks stays free to answer; never at the same time as a background slice.
   */
  runSlice(budgetMs: number): Promise<RefreshProgress>;
}

/**
 * Keeps the stored suggestion queue up to date in the background: in a
 * worker thread with its own connection where the worker source ships, else
 * on this thread in slices of INLINE_SLICE_MS between requests. Shown rows
 * are never stale either way (the store hides them); this only decides how
 * soon they come back.
 */
export function scheduleSuggestionRefresh(
  db: Db,
  options: {
    onError?: (error: unknown) => void;
    lookEveryMs?: number;
    quietAfterImportMs?: number;
    /** False: no slice in the background, only those asked for with runSlice. */
    background?: boolean;
  } = {},
): SuggestionRefreshSchedule {
  const onError = options.onError ?? ((error) => console.error('crosscheck: the suggestion refresher failed', error));
  const quietMs = options.quietAfterImportMs ?? QUIET_AFTER_IMPORT_MS;
  const background = options.background ?? true;
  let stopped = false;
  let script = db.memory ? null : workerScript();
  let worker: Worker | null = null;
  let ready: Promise<void> = Promise.resolve();
  // Started with the schedule when it works in the background, else at the first slice asked for.
  const startWorker = () => {
    if (!script || worker || stopped) return;
    const started = new Worker(script, { workerData: { corpusPath: db.name, sliceMs: WORKER_SLICE_MS } satisfies RefreshWorkerData });
    script = null;
    worker = started;
    started.unref();
    ready = new Promise((resolve, reject) => {
      started.once('message', () => resolve());
      started.once('error', reject);
    });
    // A worker that cannot start (or dies) is reported once; the refresher goes on in slices on this thread.
    ready.catch((error) => {
      onError(error);
      if (worker === started) worker = null;
    });
    started.once('exit', () => {
      if (worker === started && !stopped) worker = null;
    });
  };
  let running: Promise<RefreshProgress | null> = Promise.resolve(null);
  let busy = false;
  let lastEpoch = db.open ? currentEpoch(db) : 0;
  let epochChangedAt = 0;
  const settledWaiters: Array<(progress: RefreshProgress) => void> = [];

  // One slice at a time, whoever asks: two matchers over the same waiting annotations would drop each other's results.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const slice = (budgetMs?: number): Promise<RefreshProgress> => {
    startWorker();
    // On this thread a slice never runs longer than INLINE_SLICE_MS, whatever was asked.
    if (!worker) return Promise.resolve(refreshStoredResults(db, Math.min(budgetMs ?? INLINE_SLICE_MS, INLINE_SLICE_MS)));
    const w = worker;
    return ready
      .then(() => (worker === w ? undefined : Promise.reject(new Error('the refresher worker stopped'))))
      .then(
        () =>
          new Promise<RefreshProgress>((resolve, reject) => {
            const done = () => {
              w.off('message', onMessage);
              w.off('error', onFailure);
              w.off('exit', onExit);
            };
            const onMessage = (message: RefreshWorkerMessage) => {
              done();
              if ('progress' in message) resolve(message.progress);
              else if ('error' in message) reject(new Error(message.error));
            };
            const onFailure = (error: Error) => {
              done();
              reject(error);
            };
            const onExit = () => {
              done();
              reject(new Error('the refresher worker stopped'));
            };
            w.once('message', onMessage);
            w.once('error', onFailure);
            w.once('exit', onExit);
            w.postMessage((budgetMs === undefined ? 'refresh' : { refresh: budgetMs }) satisfies RefreshWorkerRequest);
          }),
      );
  };

  const look = () => {
    if (busy || stopped || !db.open) return;
    const epoch = currentEpoch(db);
    if (epoch !== lastEpoch) {
      lastEpoch = epoch;
      epochChangedAt = performance.now();
    }
    busy = true;
    running = oneAtATime(() => slice())
      .then(
        (progress) => {
          const importing = performance.now() - epochChangedAt < quietMs;
          const onlyNewArticlesLeft = progress.pending === 0 && progress.refreshing > 0;
          if (progress.pending === 0 && progress.refreshing === 0 && !progress.indexing) for (const resolve of settledWaiters.splice(0)) resolve(progress);
          // Work left: the next slice at once, unless only new articles are left while they still arrive.
          else if ((progress.refreshed > 0 || progress.indexing) && !(onlyNewArticlesLeft && importing)) setTimeout(look, worker ? 0 : INLINE_SLICE_MS).unref();
          return progress;
        },
        (error) => {
          onError(error);
          return null;
        },
      )
      .finally(() => (busy = false));
  };

  if (background) startWorker();
  const timer = setInterval(() => background && look(), options.lookEveryMs ?? LOOK_EVERY_MS);
  timer.unref();
  if (background) setTimeout(look, 0).unref();
  return {
    poke: () => background && look(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await queue;
      if (worker) {
        const stopping = worker;
        // Stopped once started: stopping a worker while it loads the SQLite addon can abort the process.
        await ready.catch(() => undefined);
        stopping.postMessage('stop');
        await stopping.terminate();
      }
    },
    runSlice: (budgetMs) => (stopped ? Promise.reject(new Error('the suggestion refresher has stopped')) : oneAtATime(() => slice(budgetMs))),
    whenSettled: () =>
      new Promise((resolve) => {
        settledWaiters.push(resolve);
        look();
      }),
  };
}

/**
 * For a one-shot command (no window to keep answering): rebuilds a word index
 * left by an older matcher to the end, in the same short steps the refresher
 * takes, before the command reads it.
 */
export function bringMatchIndexUpToDate(db: Db): void {
  ensureMatchIndex(db);
}
