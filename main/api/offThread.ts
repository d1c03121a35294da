import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportResult, Result, SearchResults } from '../contract/contract.ts';
import { contract } from '../contract/contract.ts';
import type { Db } from '../corpus/database.ts';
import { storeArticle, type ReadArticle } from '../ingest/importFiles.ts';
import { CrosscheckError, type ErrorCode } from '../contract/errors.ts';
import { answerFailure, type AsyncDispatch, type Dispatch } from './dispatch.ts';

/** `read-upload` validates an articles.import request and reads its file; `search` answers search.articles. */
export type OffThreadJob =
  | { kind: 'read-upload'; input: unknown }
  | { kind: 'search'; query: string }
  /** A request body as it came over the wire: parsed as JSON (and, for an upload, read) off the serving thread. */
  | { kind: 'parse-body'; body: Uint8Array; upload: boolean };
export type OffThreadAnswer =
  { ok: true; value: unknown } | { ok: false; code: ErrorCode; message: string } | { ok: false; code: 'invalid_request' } | { ok: false; code: 'not_json' };

/**
 * Longest a request may work off the serving thread before it is stopped. A
 * hostile page or search is refused well within it (tests/bench/hostileInputs.ts);
 * a real article page reads in a fraction of it.
 */
export const REQUEST_BUDGET_MS = 2_000;
/**
 * Workers kept started. Starting one takes from 0.3 s on an idle machine to
 * several seconds on a loaded one, so a stopped worker's replacement must never
 * be the only one ready: with three, two requests can overrun in a row.
 */
const WARM_WORKERS = 3;
/** One more than the warm ones: a burst beyond it waits for a worker rather than starting threads two cores cannot run at once. */
const MAX_WORKERS = 4;
/** Longest closing waits for a worker still starting (seconds on a loaded machine, see WARM_WORKERS) before stopping it anyway. */
const START_WAIT_MS = 15_000;

export type { AsyncDispatch };

/** The worker's source beside this module, or in the bundled app the worker bundle beside the main one (launcher/build.ts). */
function workerScript(): string | null {
  const script =
    typeof import.meta.url === 'string'
      ? fileURLToPath(new URL('./offThreadWorker.ts', import.meta.url))
      : typeof __dirname === 'string'
        ? join(__dirname, 'offThreadWorker.cjs')
        : null;
  return script !== null && existsSync(script) ? script : null;
}

interface PooledWorker {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
}

/** The request was not valid: the ordinary dispatch answers it, with the contract's own message. */
class InvalidRequest extends Error {}
/** The body was not JSON. */
class NotJson extends Error {}

/**
 * Runs jobs in worker threads, each under a time budget: a job that overruns
 * has its worker stopped and answers with a clear refusal, and a fresh worker
 * takes its place. Nothing a job does can hold up the thread that serves requests.
 */
export class OffThreadRunner {
  private readonly idle: PooledWorker[] = [];
  private readonly waiting: Array<(worker: PooledWorker) => void> = [];
  private started = 0;
  private closed = false;
  private readonly script: string;
  private readonly corpusPath: string | null;
  private readonly budgetMs: number;

  constructor(script: string, corpusPath: string | null, budgetMs: number) {
    this.script = script;
    this.corpusPath = corpusPath;
    this.budgetMs = budgetMs;
    for (let i = 0; i < WARM_WORKERS; i++) this.idle.push(this.spawn());
  }

  private spawn(): PooledWorker {
    this.started++;
    const worker = new Worker(this.script, { workerData: { corpusPath: this.corpusPath } });
    worker.unref();
    const pooled: PooledWorker = { worker, ready: Promise.resolve(), isReady: false };
    pooled.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => {
        pooled.isReady = true;
        resolve();
      });
      worker.once('error', reject);
    });
    pooled.ready.catch(() => undefined);
    // A worker that dies between jobs leaves the pool; the next job starts another.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      const at = this.idle.indexOf(pooled);
      if (at !== -1) {
        this.idle.splice(at, 1);
        this.started--;
      }
    });
    return pooled;
  }

  private acquire(): Promise<PooledWorker> {
    // A started worker first: one still starting would add its start-up to the request.
    const at = this.idle.findIndex((pooled) => pooled.isReady);
    const idle = at === -1 ? this.idle.shift() : this.idle.splice(at, 1)[0];
    if (idle) return Promise.resolve(idle);
    if (this.started < MAX_WORKERS) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(pooled: PooledWorker): void {
    const next = this.waiting.shift();
    if (next) next(pooled);
    else this.idle.push(pooled);
  }

  private discard(pooled: PooledWorker): void {
    this.started--;
    void pooled.worker.terminate();
    if (!this.closed) {
      const next = this.waiting.shift();
      if (next) next(this.spawn());
      else if (this.idle.length < WARM_WORKERS) this.idle.push(this.spawn());
    }
  }

  async run(job: OffThreadJob, what: string): Promise<unknown> {
    if (this.closed) throw new CrosscheckError('busy', 'Crosscheck is shutting down.');
    const pooled = await this.acquire();
    // Start-up is not the request's cost: the budget starts once the worker is ready.
    await pooled.ready;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        this.discard(pooled);
        reject(new CrosscheckError('busy', `${what} took longer than ${this.budgetMs / 1000} s and was stopped; nothing was changed.`));
      }, this.budgetMs);
      const onMessage = (answer: OffThreadAnswer) => {
        cleanup();
        this.release(pooled);
        if (answer.ok) resolve(answer.value);
        else if (answer.code === 'invalid_request') reject(new InvalidRequest());
        else if (answer.code === 'not_json') reject(new NotJson());
        else reject(new CrosscheckError(answer.code, answer.message));
      };
      const onError = (error: Error) => {
        cleanup();
        this.discard(pooled);
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        pooled.worker.off('message', onMessage);
        pooled.worker.off('error', onError);
      };
      pooled.worker.on('message', onMessage);
      pooled.worker.on('error', onError);
      pooled.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    // A worker is stopped once it has started: stopping one while it loads the SQLite addon can abort the whole process.
    await Promise.all(
      this.idle.splice(0).map(async (pooled) => {
        await Promise.race([pooled.ready.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, START_WAIT_MS).unref())]);
        await pooled.worker.terminate();
      }),
    );
  }
}

export interface OffThreadDispatch {
  dispatch: AsyncDispatch;
  /**
   * Answers a request from its raw JSON body, parsing it in a worker: a body of
   * megabytes (an upload) takes the serving thread tens to hundreds of
   * milliseconds to parse. Absent where no worker can start.
   */
  dispatchBody?: (method: string, body: Buffer) => Promise<Result<unknown>>;
  close(): Promise<void>;
}

/**
 * The file name of an upload, read from the start of its raw body without
 * parsing the rest: the renderer sends it first, so a refusal (an upload
 * stopped at its budget) can still name the file. Null when it is not there.
 */
export function fileNameIn(body: Uint8Array): string | null {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 4_096)).toString('utf8');
  const found = /^\s*\{\s*"fileName"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(head);
  if (!found) return null;
  try {
    const name = JSON.parse(found[1]!) as unknown;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/** What a worker makes of a request body: the parsed input, or for a valid upload the file read (or why it could not be). */
export type ParsedBody = { input: unknown } | { fileName: string; read: ReadArticle } | { fileName: string; failure: string };

/** The refusal for a body that is not JSON, the same words whether it was parsed here or in a worker. */
export const NOT_JSON: Result<never> = { ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } };

/**
 * The dispatch browser mode serves requests with: the same as `dispatch`, but
 * reading an imported file and searching run in worker threads under
 * REQUEST_BUDGET_MS, so one hostile request cannot stall the others. Only the
 * short write of an imported article happens on the serving thread. The
 * Electron window's IPC goes through it too, with the worker bundled beside
 * the main one. Where no worker source ships, every request runs as `dispatch` does.
 */
export function createOffThreadDispatch(options: { dispatch: Dispatch; db: Db; actor: string; budgetMs?: number }): OffThreadDispatch {
  const { dispatch, db, actor } = options;
  const script = workerScript();
  if (!script) return { dispatch: async (method, input) => dispatch(method, input), close: async () => undefined };
  const runner = new OffThreadRunner(script, db.memory ? null : db.name, options.budgetMs ?? REQUEST_BUDGET_MS);
  const storeRead = (fileName: string, read: ReadArticle): Result<unknown> => {
    try {
      return { ok: true, value: storeArticle(db, fileName, read, actor) };
    } catch (error) {
      return answerFailure(error);
    }
  };
  return {
    close: () => runner.close(),
    async dispatchBody(method, body) {
      const upload = method === 'articles.import';
      let parsed: ParsedBody;
      try {
        parsed = (await runner.run({ kind: 'parse-body', body, upload }, upload ? 'Reading the uploaded file' : 'Reading the request')) as ParsedBody;
      } catch (error) {
        if (error instanceof NotJson) return NOT_JSON;
        if (error instanceof CrosscheckError && upload)
          return { ok: true, value: { file: fileNameIn(body) ?? '(upload)', status: 'failed', reason: error.message } satisfies ImportResult };
        return answerFailure(error);
      }
      if ('read' in parsed) return storeRead(parsed.fileName, parsed.read);
      if ('failure' in parsed) return { ok: true, value: { file: parsed.fileName, status: 'failed', reason: parsed.failure } satisfies ImportResult };
      // Not an upload, or not a valid one: the ordinary dispatch answers, with the contract's own message.
      return dispatch(method, parsed.input);
    },
    async dispatch(method, input) {
      if (method === 'articles.import') {
        // Even checking a 10 MiB upload against the schema takes tens of milliseconds: the worker does it.
        const fileName =
          typeof input === 'object' && input !== null && typeof (input as { fileName?: unknown }).fileName === 'string'
            ? (input as { fileName: string }).fileName
            : null;
        if (fileName === null) return dispatch(method, input);
        let read: ReadArticle;
        try {
          read = (await runner.run({ kind: 'read-upload', input }, `Reading ${fileName}`)) as ReadArticle;
        } catch (error) {
          if (error instanceof InvalidRequest) return dispatch(method, input);
          if (error instanceof CrosscheckError) return { ok: true, value: { file: fileName, status: 'failed', reason: error.message } satisfies ImportResult };
          return answerFailure(error);
        }
        try {
          return { ok: true, value: storeArticle(db, fileName, read, actor) };
        } catch (error) {
          return answerFailure(error);
        }
      }
      if (method === 'search.articles' && !db.memory) {
        const parsed = contract['search.articles'].input.safeParse(input);
        if (!parsed.success) return dispatch(method, input);
        try {
          return { ok: true, value: (await runner.run({ kind: 'search', query: parsed.data.query }, 'The search')) as SearchResults };
        } catch (error) {
          if (error instanceof InvalidRequest) return dispatch(method, input);
          return answerFailure(error);
        }
      }
      return dispatch(method, input);
    },
  };
}
