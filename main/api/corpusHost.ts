import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isMethod, type Result } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import type { AsyncDispatch } from './dispatch.ts';
import type { Download } from './downloads.ts';
import { errorResult, FromWorker, READ_ONLY_METHODS, type CorpusWorkerData, type ToWorker, type WorkerRole } from './corpusHostProtocol.ts';

/**
 * The corpus off the serving thread. The thread that answers the window (the
 * browser-mode server, Electron's main process) keeps no connection of its
 * own for requests: it posts each one to a worker thread and awaits the answer,
 * so however long a request runs, the others are still read and answered.
 *
 * Three workers, because SQLite in WAL mode lets readers run beside one writer:
 * - the writer answers every request that may write, runs the long jobs
 *   (`jobs.*`, in slices) and, when asked, the background suggestion refresher;
 * - the reader answers the requests of READ_ONLY_METHODS through a connection
 *   that refuses writes, so a long import or a job's slice never holds up a read;
 *   a listed request that writes after all is handed to the writer;
 * - the exporter, started at the first download, streams downloads from a
 *   snapshot in bounded chunks, so an export never holds up either.
 * A read sees every write the writer has answered: the writer answers after
 * its commit, and each read starts a new read transaction.
 *
 * A worker that dies, or does not answer a request within its budget, is
 * stopped; its waiting requests are answered with a clear error and a new
 * worker takes its place. Nothing the writer answered is lost: it answers
 * only after the commit (synchronous = FULL), and a transaction cut short by
 * the stop is rolled back by SQLite.
 */

/**
 * Longest a request may run in the writer before the host takes the worker
 * for hung: past the slowest legitimate one-shot request (a full integrity
 * check: 1.8–3.9 s at 100,000 articles; `suggestions.queue` recomputing a
 * large queue in one call is slower still, and is why this is minutes).
 */
export const WRITER_BUDGET_MS = 300_000;
/** The same for the reader and each export chunk: the slowest desk request at 100,000 articles takes seconds, not a minute. */
export const READER_BUDGET_MS = 60_000;
/** Longest closing waits for a worker to finish what it runs before stopping it. */
const CLOSE_WAIT_MS = 5_000;
/** A worker that stops this many times in a row before it is ready will not start (a missing file, a broken install). */
const MAX_FAILED_STARTS = 3;

export interface CorpusHostOptions {
  /** The corpus file, already opened (migrated and checked) by the caller: the workers open it again without writing at open. */
  dbPath: string;
  actor: string;
  /** Keep the stored suggestions up to date in the writer, as `serve` does. */
  refreshSuggestions?: boolean;
  /** How often that refresher looks for waiting annotations (tests look more often than `serve`). */
  refreshLookEveryMs?: number;
  writerBudgetMs?: number;
  readerBudgetMs?: number;
  /** The worker's file; by default its source beside this module, or in the bundled app the bundle beside the main one. */
  workerScript?: string;
  /** Told each time a worker stops unexpectedly (it is restarted). */
  onWorkerLost?: (role: WorkerRole, reason: string) => void;
}

export interface CorpusHost {
  /** Every contract request, answered by the worker its kind belongs to. */
  dispatch: AsyncDispatch;
  /** A request from its raw JSON body (an upload), parsed in the worker. */
  dispatchBody(method: string, body: Buffer): Promise<Result<unknown>>;
  /** The downloads under /export/, made by the exporter. */
  downloads(pathname: string, query: URLSearchParams): Promise<Result<Download>>;
  /** How many times each worker was replaced (for tests and benchmarks). */
  restarts(): Record<WorkerRole, number>;
  /** Stops every worker once it has finished what it runs. */
  close(): Promise<void>;
}

function defaultWorkerScript(): string {
  const script =
    typeof import.meta.url === 'string'
      ? fileURLToPath(new URL('./corpusHostWorker.ts', import.meta.url))
      : typeof __dirname === 'string'
        ? join(__dirname, 'corpusHostWorker.cjs')
        : '';
  if (!existsSync(script)) throw new CrosscheckError('internal', `The corpus worker is missing (${script || 'no path'}): rebuild Crosscheck.`);
  return script;
}

type Waiter = {
  /** What to post again if a read-only worker hands the request on. */
  message: ToWorker & { id: number };
  method: string;
  onMessage(message: FromWorker): void;
  onLost(error: Result<never>): void;
  timer?: NodeJS.Timeout;
};

/** One worker of a role, replaced when it dies or hangs. */
class HostedWorker {
  private worker!: Worker;
  private ready!: Promise<void>;
  private readonly waiting = new Map<number, Waiter>();
  private closing = false;
  /** Set when the worker could not open the corpus: every request is answered with it, and no new worker is started. */
  private broken: Result<never> | null = null;
  restarts = 0;

  /** Starts in a row that ended before the worker was ready; past MAX_FAILED_STARTS the worker is given up as broken. */
  private failedStarts = 0;
  private readonly role: WorkerRole;
  private readonly script: string;
  private readonly data: CorpusWorkerData;
  private readonly budgetMs: number;
  private readonly onLost: (reason: string) => void;

  constructor(role: WorkerRole, script: string, data: CorpusWorkerData, budgetMs: number, onLost: (reason: string) => void) {
    this.role = role;
    this.script = script;
    this.data = data;
    this.budgetMs = budgetMs;
    this.onLost = onLost;
    this.start();
  }

  /** Resolves once the worker has opened the corpus; rejects with why it could not. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  private start(): void {
    const worker = new Worker(this.script, { workerData: this.data });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const first = (raw: unknown) => {
        const parsed = FromWorker.safeParse(raw);
        if (parsed.success && parsed.data.type === 'ready') return resolve();
        if (parsed.success && parsed.data.type === 'failed') {
          this.broken = errorResult(parsed.data.code, parsed.data.message);
          return reject(new CrosscheckError(parsed.data.code, parsed.data.message));
        }
        reject(new CrosscheckError('internal', 'The corpus worker started with an unexpected message.'));
      };
      worker.once('message', first);
      worker.once('exit', (code) => {
        if (++this.failedStarts >= MAX_FAILED_STARTS)
          this.broken ??= errorResult('internal', `The corpus worker (${this.role}) cannot start: it stopped ${this.failedStarts} times while starting.`);
        reject(new CrosscheckError('internal', `The corpus worker stopped while starting (exit code ${code}).`));
      });
    });
    this.ready.then(
      () => {
        this.failedStarts = 0;
        worker.on('message', (raw: unknown) => this.receive(raw));
      },
      () => undefined,
    );
    worker.on('error', (error) => this.lose(worker, `it failed: ${error.message}`));
    worker.once('exit', (code) => this.lose(worker, `it stopped (exit code ${code})`));
  }

  private receive(raw: unknown): void {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) return void console.error('crosscheck: the corpus worker sent a message that does not fit the protocol', parsed.error.issues[0]);
    const message = parsed.data;
    if (!('id' in message) || message.id === null) {
      if (message.type === 'protocol-error') console.error(`crosscheck: the corpus worker could not read a message: ${message.message}`);
      return;
    }
    const waiter = this.waiting.get(message.id);
    if (!waiter) return;
    this.waiting.delete(message.id);
    clearTimeout(waiter.timer);
    waiter.onMessage(message);
  }

  /** The worker is gone (or taken for hung): answer whoever waits, and start another unless closing or broken. */
  private lose(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    const unanswered = errorResult(
      'busy',
      `The corpus worker (${this.role}) ${reason} before answering; Crosscheck started it again. What was answered before is saved; look whether this change was made before trying it again.`,
    );
    for (const waiter of waiting) {
      clearTimeout(waiter.timer);
      waiter.onLost(this.broken ?? unanswered);
    }
    if (this.closing || this.broken) return;
    this.restarts++;
    this.onLost(reason);
    this.start();
  }

  /** Posts a message and hands each answer to the waiter; the budget runs from the post. */
  async send(message: ToWorker & { id: number }, waiter: Omit<Waiter, 'message'>): Promise<void> {
    if (this.broken) return waiter.onLost(this.broken);
    if (this.closing) return waiter.onLost(errorResult('busy', 'Crosscheck is shutting down.'));
    try {
      await this.ready;
    } catch {
      // A worker that failed to start: `broken` says why, or a new one is starting (exit while starting).
      if (this.broken) return waiter.onLost(this.broken);
      return this.send(message, waiter);
    }
    const worker = this.worker;
    const entry: Waiter = { ...waiter, message };
    entry.timer = setTimeout(() => {
      // Hung: the stop answers every waiting request (this one included) and starts a new worker.
      this.lose(worker, `did not answer ${waiter.method} within ${Math.round(this.budgetMs / 1000)} s and was stopped`);
      void worker.terminate();
    }, this.budgetMs);
    entry.timer.unref();
    this.waiting.set(message.id, entry);
    try {
      worker.postMessage(message);
    } catch (error) {
      this.waiting.delete(message.id);
      clearTimeout(entry.timer);
      waiter.onLost(errorResult('invalid_input', `The request cannot be sent to the corpus: ${error instanceof Error ? error.message : String(error)}.`));
    }
  }

  /** Posts without waiting for an answer (a download's abort). */
  tell(message: ToWorker): void {
    if (!this.closing && !this.broken) this.worker.postMessage(message);
  }

  private closed: Promise<void> | null = null;

  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing = true;
      const worker = this.worker;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      await Promise.race([this.ready.catch(() => undefined), exited]);
      worker.postMessage({ type: 'close' } satisfies ToWorker);
      // A worker busy past the wait (a hung request) is stopped; its waiting requests are answered by `lose`.
      const timer = setTimeout(() => void worker.terminate(), CLOSE_WAIT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return this.closed;
  }
}

/** Starts the writer and the reader and resolves once both have opened the corpus. */
export async function startCorpusHost(options: CorpusHostOptions): Promise<CorpusHost> {
  const script = options.workerScript ?? defaultWorkerScript();
  const data = (role: WorkerRole): CorpusWorkerData => ({
    role,
    dbPath: options.dbPath,
    actor: options.actor,
    ...(role === 'writer' && options.refreshSuggestions ? { refreshSuggestions: true } : {}),
    ...(role === 'writer' && options.refreshLookEveryMs !== undefined ? { refreshLookEveryMs: options.refreshLookEveryMs } : {}),
  });
  const lost = (role: WorkerRole) => (reason: string) =>
    (options.onWorkerLost ?? ((r, why) => console.error(`crosscheck: the corpus worker (${r}) ${why}; started again`)))(role, reason);
  const writerBudget = options.writerBudgetMs ?? WRITER_BUDGET_MS;
  const readerBudget = options.readerBudgetMs ?? READER_BUDGET_MS;
  const writer = new HostedWorker('writer', script, data('writer'), writerBudget, lost('writer'));
  // The writer first: should the corpus not open, the error is its, once.
  try {
    await writer.whenReady();
  } catch (error) {
    await writer.close();
    throw error;
  }
  const reader = new HostedWorker('reader', script, data('reader'), readerBudget, lost('reader'));
  await reader.whenReady().catch(() => undefined);
  let exporter: HostedWorker | null = null;
  let nextId = 1;

  const call = (target: HostedWorker, method: string, message: ToWorker & { id: number }): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      void target.send(message, {
        method,
        onLost: resolve,
        onMessage: (answer) => {
          if (answer.type === 'answer') resolve(answer.result);
          // The reader met a write: the writer answers instead, from the start.
          else if (answer.type === 'needs-writer' && target !== writer) void call(writer, method, message).then(resolve);
          else if (answer.type === 'protocol-error') resolve(errorResult('invalid_input', answer.message));
          else resolve(errorResult('internal', `The corpus worker answered ${method} with an unexpected ${answer.type} message.`));
        },
      });
    });
  const workerFor = (method: string) => (isMethod(method) && READ_ONLY_METHODS.has(method) ? reader : writer);

  const pullChunks = async function* (worker: HostedWorker, id: number): AsyncGenerator<string> {
    let finished = false;
    try {
      while (!finished) {
        const chunk = await new Promise<string>((resolve, reject) => {
          void worker.send(
            { type: 'pull', id },
            {
              method: 'a download',
              onLost: (error) => reject(new CrosscheckError(error.ok ? 'internal' : error.error.code, error.ok ? 'lost' : error.error.message)),
              onMessage: (message) => {
                if (message.type === 'chunk') {
                  finished = message.last;
                  resolve(message.text);
                } else if (message.type === 'answer' && !message.result.ok) {
                  finished = true;
                  reject(new CrosscheckError(message.result.error.code, message.result.error.message));
                } else reject(new CrosscheckError('internal', `Unexpected ${message.type} message during a download.`));
              },
            },
          );
        });
        if (chunk.length > 0) yield chunk;
      }
    } finally {
      // The reader stopped early (or the export failed): the worker lets go of the snapshot.
      if (!finished) worker.tell({ type: 'abort', id });
    }
  };

  return {
    dispatch: (method, input) => {
      const id = nextId++;
      const name = typeof method === 'string' ? method : String(method);
      return call(workerFor(name), name, { type: 'call', id, method: name.slice(0, 200), input });
    },
    dispatchBody: (method, body) => {
      const id = nextId++;
      return call(workerFor(method), method, { type: 'body', id, method: method.slice(0, 200), body: new Uint8Array(body) });
    },
    async downloads(pathname, query) {
      exporter ??= new HostedWorker('exporter', script, data('exporter'), readerBudget, lost('exporter'));
      const worker = exporter;
      const id = nextId++;
      return new Promise<Result<Download>>((resolve) => {
        void worker.send(
          { type: 'download', id, pathname: pathname.slice(0, 2_000), search: query.toString().slice(0, 20_000) },
          {
            method: 'a download',
            onLost: resolve,
            onMessage: (message) => {
              if (message.type === 'download')
                resolve({ ok: true, value: { fileName: message.fileName, contentType: message.contentType, chunks: pullChunks(worker, id) } });
              else if (message.type === 'answer') resolve(message.result.ok ? errorResult('internal', 'A download answered without a file.') : message.result);
              else resolve(errorResult('internal', `Unexpected ${message.type} message starting a download.`));
            },
          },
        );
      });
    },
    restarts: () => ({ writer: writer.restarts, reader: reader.restarts, exporter: exporter?.restarts ?? 0 }),
    async close() {
      await Promise.all([writer.close(), reader.close(), exporter?.close()]);
    },
  };
}
