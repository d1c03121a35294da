import type { Job } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from '../corpus/database.ts';
import { refreshSuggestions, type RefreshProgress } from '../matching/suggestionRefresh.ts';
import { waitTrace } from './waitTrace.ts';

/**
 * Long requests (a suggestion refresh over the whole corpus) run as jobs: a
 * slice at a time on the serving thread, each slice committing its own
 * transactions, with a timer between slices so that every other request is
 * answered in between. `jobs.status` reports progress; `jobs.cancel` stops
 * the job before its next slice, so a cancelled job leaves exactly what its
 * finished slices committed.
 */

/** What one slice of a job did, and whether the job is finished. */
export interface SliceOutcome {
  done: number;
  total: number;
  finished: boolean;
  /** Set when the job cannot go on (it then stops as failed). */
  stuck?: string;
}

/** A job's work: each call runs one slice, here or in another thread. */
export type JobSlice = () => SliceOutcome | Promise<SliceOutcome>;

/** Runs the matcher for waiting annotations for about `budgetMs`: on this thread, or in a thread of lower priority (suggestionRefreshSchedule.ts). */
export type RefreshRunner = (budgetMs: number) => RefreshProgress | Promise<RefreshProgress>;

/**
 * Longest one slice may hold the serving thread, as the inline refresher's
 * slices (api/suggestionRefreshSchedule.ts). One annotation can overrun it:
 * bench:suggest measures ~100 ms p95 per annotation at 100,000 articles.
 */
export const JOB_SLICE_MS = 40;
/** Slices in a row that made no progress before a job stops as failed: work that cannot be stored (it keeps changing meanwhile). */
const STALLED_SLICES = 5;
/** Finished jobs remembered for `jobs.status`. */
const KEPT_JOBS = 20;

export interface Jobs {
  start(kind: Job['kind']): Job;
  status(id: number): Job;
  cancel(id: number): Job;
  /** Resolves when the job is no longer running (for tests and benchmarks). */
  settled(id: number): Promise<Job>;
}

/**
 * The slices of each kind of job. `refresh` runs the matcher's slices: by
 * default here, on the thread that serves requests; the corpus host's writer
 * hands them to its refresher's thread of low priority instead.
 */
export function jobSlices(
  db: Db,
  sliceMs: number = JOB_SLICE_MS,
  refresh: RefreshRunner = (budgetMs) => refreshSuggestions(db, { budgetMs }),
): Record<Job['kind'], () => JobSlice> {
  return {
    'suggestions.refresh': () => {
      let total = 0;
      let done = 0;
      let stalled = 0;
      return async () => {
        const progress = await refresh(sliceMs);
        const remaining = progress.pending + progress.refreshing;
        done += progress.refreshed;
        total = Math.max(total, done + remaining);
        stalled = progress.refreshed === 0 && remaining > 0 ? stalled + 1 : 0;
        return {
          done,
          total,
          finished: remaining === 0,
          ...(stalled >= STALLED_SLICES ? { stuck: `${remaining} annotations changed each time the matcher looked at them; try again later.` } : {}),
        };
      };
    },
  };
}

export function createJobs(kinds: Record<Job['kind'], () => JobSlice>): Jobs {
  const jobs = new Map<number, Job>();
  const cancelled = new Set<number>();
  const waiters = new Map<number, Array<(job: Job) => void>>();
  let nextId = 1;

  const finish = (job: Job) => {
    for (const resolve of waiters.get(job.id) ?? []) resolve(job);
    waiters.delete(job.id);
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEPT_JOBS))) jobs.delete(old.id);
  };

  const run = async (job: Job, slice: JobSlice) => {
    if (cancelled.has(job.id)) {
      cancelled.delete(job.id);
      job.state = 'cancelled';
      return finish(job);
    }
    const started = waitTrace?.now();
    const startedCpu = waitTrace?.cpu();
    try {
      const outcome = await slice();
      job.done = outcome.done;
      job.total = outcome.total;
      if (outcome.finished) job.state = 'done';
      else if (outcome.stuck) Object.assign(job, { state: 'failed', message: outcome.stuck });
    } catch (error) {
      Object.assign(job, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    if (waitTrace && started !== undefined) {
      const cpu = waitTrace.cpu();
      waitTrace.record({
        kind: 'job slice',
        thread: 'writer',
        start: started,
        end: waitTrace.now(),
        ranMs: cpu && startedCpu ? cpu.run - startedCpu.run : null,
        queuedMs: cpu && startedCpu ? cpu.queued - startedCpu.queued : null,
        done: job.done,
      });
    }
    if (job.state !== 'running') return finish(job);
    // A timer, not a microtask: requests that arrived during the slice are answered before the next one.
    setTimeout(() => void run(job, slice), 0).unref();
  };

  const get = (id: number): Job => {
    const job = jobs.get(id);
    if (!job) throw new CrosscheckError('not_found', `There is no job ${id}: it finished long ago or never started.`);
    return { ...job };
  };

  return {
    start(kind) {
      const running = [...jobs.values()].find((j) => j.kind === kind && j.state === 'running');
      if (running) return { ...running };
      const job: Job = { id: nextId++, kind, state: 'running', done: 0, total: 0 };
      jobs.set(job.id, job);
      const slice = kinds[kind]();
      setTimeout(() => void run(job, slice), 0).unref();
      return { ...job };
    },
    status: get,
    cancel(id) {
      const job = get(id);
      if (job.state === 'running') cancelled.add(id);
      return job;
    },
    settled(id) {
      const job = get(id);
      if (job.state !== 'running') return Promise.resolve(job);
      return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), (j) => resolve({ ...j })]));
    },
  };
}
