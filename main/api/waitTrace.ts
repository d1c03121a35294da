import { appendFile, appendFileSync, readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';

/**
 * Where a request's wait goes, for `bench:wait`: set CROSSCHECK_WAIT_TRACE to
 * a file and every thread that loads this module appends one JSON line per
 * event to it — each message a corpus worker handles (received, answered,
 * posted), each garbage collection, and each stall of the thread's event loop
 * with how the stall was spent (running on a core, waiting for one, or
 * neither: blocked on a lock or the disk), read from Linux's per-thread
 * scheduler figures. Without the variable `waitTrace` is null and nothing is
 * recorded or started. Lines are kept in memory and appended off the thread
 * every FLUSH_MS (a write to a busy disk would block the thread it measures),
 * and what is left when the thread ends is written then.
 */
export interface WaitTrace {
  /** Wall-clock milliseconds, comparable between threads. */
  now(): number;
  /** This thread's time on a core and time waiting for one, in ms since it started (null where Linux does not say). */
  cpu(): { run: number; queued: number } | null;
  record(event: Record<string, unknown>): void;
  /** Starts recording this thread's collections and event-loop stalls under `thread`. */
  watchThread(thread: string): void;
}

/** How often a watched thread's loop checks in; a check-in later than STALL_MS past due is recorded as a stall. */
const TICK_MS = 5;
const STALL_MS = 15;
export const FLUSH_MS = 100;

function createWaitTrace(file: string): WaitTrace {
  const now = () => performance.timeOrigin + performance.now();
  const cpu = () => {
    try {
      // run time, time queued for a core (ns), timeslices
      const [run, queued] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
      return { run: run! / 1e6, queued: queued! / 1e6 };
    } catch {
      return null;
    }
  };
  let lines: string[] = [];
  const record = (event: Record<string, unknown>) => void lines.push(JSON.stringify(event));
  const take = () => {
    const text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    lines = [];
    return text;
  };
  setInterval(() => {
    const text = take();
    if (text) appendFile(file, text, () => undefined);
  }, FLUSH_MS).unref();
  process.once('exit', () => appendFileSync(file, take()));
  return {
    now,
    cpu,
    record,
    watchThread(thread) {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) record({ kind: 'gc', thread, start: performance.timeOrigin + entry.startTime, ms: entry.duration });
      }).observe({ entryTypes: ['gc'] });
      let last = now();
      let lastCpu = cpu();
      setInterval(() => {
        const at = now();
        const at_cpu = cpu();
        if (at - last > TICK_MS + STALL_MS)
          record({
            kind: 'stall',
            thread,
            start: last,
            end: at,
            ms: at - last,
            ranMs: at_cpu && lastCpu ? at_cpu.run - lastCpu.run : null,
            queuedMs: at_cpu && lastCpu ? at_cpu.queued - lastCpu.queued : null,
          });
        last = at;
        lastCpu = at_cpu;
      }, TICK_MS).unref();
    },
  };
}

export const waitTrace: WaitTrace | null = process.env.CROSSCHECK_WAIT_TRACE ? createWaitTrace(process.env.CROSSCHECK_WAIT_TRACE) : null;
