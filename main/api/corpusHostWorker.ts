/**
 * A worker of the corpus host (api/corpusHost.ts): holds a connection to the
 * corpus and answers contract requests through the same dispatch every
 * transport uses, so the thread that answers the window never runs a query.
 * Its role decides what it may do: the writer answers everything (and keeps
 * the long jobs and, when asked, the background suggestion refresher); the
 * reader's connection refuses writes and hands a request that tries one back;
 * the exporter streams downloads in bounded chunks.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Result } from '../contract/contract.ts';
import { isCrosscheckError } from '../contract/errors.ts';
import { openDatabase, type Db } from '../corpus/database.ts';
// Loading the matcher's word index registers the hook that indexes every article the writer stores.
import '../matching/termIndex.ts';
import { lexicon } from '../matching/lexicon/lexicon.ts';
import { createAsyncDispatch, createDispatch, type AsyncDispatch } from './dispatch.ts';
import { createDownloads, type Download } from './downloads.ts';
import { createHandlers } from './handlers.ts';
import { createJobs, jobSlices } from './longJobs.ts';
import { createOffThreadDispatch, NOT_JSON, type OffThreadDispatch } from './offThread.ts';
import { scheduleSuggestionRefresh, type SuggestionRefreshSchedule } from './suggestionRefreshSchedule.ts';
import { errorResult, ToWorker, type CorpusWorkerData, type FromWorker } from './corpusHostProtocol.ts';
import { waitTrace } from './waitTrace.ts';

/**
 * Most text one download chunk carries, and longest one is made for: a pull
 * is one message, so between two chunks the worker reads its other messages.
 * 64 KiB keeps a 100 MB export to ~1,600 messages; 20 ms is a fifth of the
 * 100 ms a request may wait (bench:wait).
 */
const CHUNK_CHARS = 64 * 1024;
const CHUNK_MS = 20;

const { role, dbPath, actor, refreshSuggestions, refreshLookEveryMs } = workerData as CorpusWorkerData;
const port = parentPort!;
/** With CROSSCHECK_WAIT_TRACE set (bench:wait): when each message with an id arrived, and this thread's CPU figures then. */
const arrived = new Map<number, { method: string; at: number; cpu: ReturnType<NonNullable<typeof waitTrace>['cpu']> }>();
const post = (message: FromWorker) => {
  const traced = waitTrace && 'id' in message && message.id !== null ? arrived.get(message.id) : undefined;
  if (!traced) return port.postMessage(message);
  const done = waitTrace!.now();
  port.postMessage(message);
  const cpu = waitTrace!.cpu();
  arrived.delete((message as { id: number }).id);
  waitTrace!.record({
    kind: 'message',
    thread: role,
    method: traced.method,
    received: traced.at,
    done,
    posted: waitTrace!.now(),
    ranMs: cpu && traced.cpu ? cpu.run - traced.cpu.run : null,
    queuedMs: cpu && traced.cpu ? cpu.queued - traced.cpu.queued : null,
  });
};
waitTrace?.watchThread(role);

/** Set while the reader runs a request and the corpus refused one of its writes. */
let metWrite = false;
let db: Db;
let offThread: OffThreadDispatch | null = null;
let refresher: SuggestionRefreshSchedule | null = null;

// On Linux the nice value is per thread: an export (rendering every row) yields the CPU to the threads
// that answer requests, as the refresher and the upload threads do. Where bench:wait measured it: a
// probe waited up to 450 ms behind the Web Annotation export with the exporter at normal priority.
if (role === 'exporter') {
  try {
    setPriority(10);
  } catch {
    // Not permitted here: exports still run, at the same priority.
  }
}

try {
  // The host opened the corpus first (migrations, the text check): this connection writes nothing at open.
  db = openDatabase(dbPath, { checkTexts: false });
  if (role !== 'writer') db.pragma('query_only = ON');
} catch (error) {
  post({ type: 'failed', code: isCrosscheckError(error) ? error.code : 'internal', message: error instanceof Error ? error.message : String(error) });
  port.close();
  throw error;
}
/**
 * A job's matcher slice in the refresher's thread, which runs at low priority:
 * long enough that handing it over costs nothing, short enough that a
 * cancelled job stops within about a quarter of a second. The writer itself
 * only waits for the answer, so `jobs.status` and every write are answered
 * while a slice runs. (Where the refresher has no thread of its own — the
 * bundled app — its slices stay at 40 ms on this thread.)
 */
const JOB_SLICE_IN_REFRESHER_MS = 250;
// The writer's refresher: in the background when `serve` asks for it, and always for the jobs' slices.
if (role === 'writer')
  refresher = scheduleSuggestionRefresh(db, {
    background: refreshSuggestions === true,
    ...(refreshLookEveryMs !== undefined ? { lookEveryMs: refreshLookEveryMs } : {}),
  });
const writerRefresher = refresher;
const handlers = createHandlers({
  db,
  actor,
  dbPath,
  ...(writerRefresher ? { jobs: createJobs(jobSlices(db, JOB_SLICE_IN_REFRESHER_MS, (budgetMs) => writerRefresher.runSlice(budgetMs))) } : {}),
});
const onInternalError = (error: unknown) => {
  if ((error as { code?: unknown } | null)?.code === 'SQLITE_READONLY' && role !== 'writer') metWrite = true;
  else console.error('crosscheck: internal error', error);
};
const plain = createDispatch(handlers, onInternalError);
const dispatch: AsyncDispatch = createAsyncDispatch(handlers, plain, onInternalError);
const downloads = role === 'exporter' ? createDownloads(db, actor) : null;
const openDownloads = new Map<number, AsyncIterator<string>>();

async function answer(id: number, run: () => Promise<Result<unknown>>): Promise<void> {
  metWrite = false;
  const result = await run();
  if (metWrite && !result.ok) post({ type: 'needs-writer', id });
  else post({ type: 'answer', id, result });
}

async function fromBody(method: string, body: Uint8Array) {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // A large body is an upload: parsed and read in threads of their own under a time budget, as before the host,
  // so a hostile file holds the writer no longer than that budget. Started at the first one.
  if (role === 'writer') offThread ??= createOffThreadDispatch({ dispatch: plain, db, actor });
  if (offThread?.dispatchBody) return offThread.dispatchBody(method, bytes);
  let input: unknown;
  try {
    input = bytes.length === 0 ? {} : JSON.parse(bytes.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
  return dispatch(method, input);
}

async function startDownload(id: number, pathname: string, search: string): Promise<void> {
  if (!downloads) return void post({ type: 'answer', id, result: errorResult('internal', 'Downloads are made by the exporter.') });
  let made;
  try {
    made = downloads(pathname, new URLSearchParams(search));
  } catch (error) {
    return void post({ type: 'answer', id, result: errorResult('internal', error instanceof Error ? error.message : String(error)) });
  }
  if (!made.ok) return void post({ type: 'answer', id, result: made });
  const download: Download = made.value;
  openDownloads.set(id, download.chunks[Symbol.asyncIterator]());
  post({ type: 'download', id, fileName: download.fileName, contentType: download.contentType });
}

/** The next chunk of a download: pieces gathered up to CHUNK_CHARS or CHUNK_MS, whichever comes first. */
async function pull(id: number): Promise<void> {
  const chunks = openDownloads.get(id);
  if (!chunks) return void post({ type: 'protocol-error', id, message: `There is no download ${id} to continue.` });
  const pieces: string[] = [];
  let size = 0;
  const until = performance.now() + CHUNK_MS;
  let last = false;
  try {
    while (size < CHUNK_CHARS && performance.now() < until) {
      const next = await chunks.next();
      if (next.done) {
        last = true;
        break;
      }
      pieces.push(next.value);
      size += next.value.length;
    }
  } catch (error) {
    openDownloads.delete(id);
    return void post({ type: 'answer', id, result: errorResult('internal', `The export stopped: ${error instanceof Error ? error.message : String(error)}`) });
  }
  if (last) openDownloads.delete(id);
  post({ type: 'chunk', id, text: pieces.join(''), last });
}

async function close(): Promise<void> {
  await refresher?.stop();
  await offThread?.close();
  for (const chunks of openDownloads.values()) await chunks.return?.();
  db.close();
  port.close();
}

/**
 * The reader warms up once it has been quiet for a moment after starting, so that neither the app's
 * first reads wait behind it nor the review desk's first request carries it: it loads the matcher's
 * lexicon and reads one claim-group row (compiling the desk's queries and code). Left to the desk's
 * first request, the first claim-group page at 100,000 articles took 184–212 ms on the server, 50 ms
 * with the lexicon loaded first (tests/bench/scale/deskTimes.ts, --lexicon-first), and the Claim
 * groups tab, opened first, took 700 ms (bench:scale; target 500 ms).
 * 300 ms: the app's start-up reads come closer together than that (bench:scale's first load).
 */
const WARM_WHEN_QUIET_MS = 300;
let warming: NodeJS.Timeout | null = null;
let warm = role !== 'reader';
function warmWhenQuiet(): void {
  if (warm) return;
  if (warming) clearTimeout(warming);
  warming = setTimeout(() => {
    warm = true;
    try {
      lexicon();
      plain('review.groupsPage', { offset: 0, limit: 1 });
    } catch {
      // Unreadable here: the first request that needs it meets the same error and reports it.
    }
  }, WARM_WHEN_QUIET_MS);
  warming.unref();
}
warmWhenQuiet();

port.on('message', (raw: unknown) => {
  warmWhenQuiet();
  const parsed = ToWorker.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown } | null)?.id === 'number' ? (raw as { id: number }).id : null;
    return void post({
      type: 'protocol-error',
      id,
      message: `The corpus worker cannot read that message: ${parsed.error.issues[0]?.message ?? 'unknown shape'}.`,
    });
  }
  const message = parsed.data;
  if (waitTrace && 'id' in message)
    arrived.set(message.id, { method: 'method' in message ? message.method : message.type, at: waitTrace.now(), cpu: waitTrace.cpu() });
  switch (message.type) {
    case 'call':
      return void answer(message.id, () => dispatch(message.method, message.input));
    case 'body':
      return void answer(message.id, () => fromBody(message.method, message.body));
    case 'download':
      return void startDownload(message.id, message.pathname, message.search);
    case 'pull':
      return void pull(message.id);
    case 'abort': {
      const chunks = openDownloads.get(message.id);
      openDownloads.delete(message.id);
      return void chunks?.return?.();
    }
    case 'close':
      return void close();
  }
});
post({ type: 'ready' });
