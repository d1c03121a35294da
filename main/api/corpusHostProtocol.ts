import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../contract/errors.ts';
import type { Method } from '../contract/contract.ts';

/**
 * The messages between the corpus host (api/corpusHost.ts, on the thread that
 * answers the window) and its workers (api/corpusHostWorker.ts, which hold the
 * corpus connections). Both sides parse what they receive with these schemas:
 * a message that does not fit is answered (or reported) as a protocol error,
 * never acted on. Request inputs are validated against the contract inside the
 * worker, by the same dispatch every transport uses.
 */

const RequestId = z.number().int().nonnegative();

export const ToWorker = z.discriminatedUnion('type', [
  /** One contract request; `input` is checked against the contract in the worker. */
  z.object({ type: z.literal('call'), id: RequestId, method: z.string().max(200), input: z.unknown() }),
  /** A request as its raw JSON body (an upload of megabytes): parsed in the worker, not on the serving thread. */
  z.object({ type: z.literal('body'), id: RequestId, method: z.string().max(200), body: z.instanceof(Uint8Array) }),
  /** A download under /export/: answered with `download` (or `answer` with an error), then one `chunk` per `pull`. */
  z.object({ type: z.literal('download'), id: RequestId, pathname: z.string().max(2_000), search: z.string().max(20_000) }),
  z.object({ type: z.literal('pull'), id: RequestId }),
  /** The reader went away: the download's snapshot is closed. */
  z.object({ type: z.literal('abort'), id: RequestId }),
  /** Finish what runs, close the corpus, then exit. */
  z.object({ type: z.literal('close') }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

const ApiError = z.object({ code: z.enum(ERROR_CODES), message: z.string() });
const ResultMessage = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ApiError })]);

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The worker could not open the corpus: the host reports it and does not restart the worker. */
  z.object({ type: z.literal('failed'), code: z.enum(ERROR_CODES), message: z.string() }),
  z.object({ type: z.literal('answer'), id: RequestId, result: ResultMessage }),
  /** A read-only worker met a write: the host sends the request to the writer instead. */
  z.object({ type: z.literal('needs-writer'), id: RequestId }),
  z.object({ type: z.literal('download'), id: RequestId, fileName: z.string(), contentType: z.string() }),
  /** Part of a download; `last` when nothing follows. */
  z.object({ type: z.literal('chunk'), id: RequestId, text: z.string(), last: z.boolean() }),
  /** The worker could not read a message it was sent. */
  z.object({ type: z.literal('protocol-error'), id: RequestId.nullable(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;

/** What a worker is for: the one writer, the reader of read-only requests, or the exporter of downloads. */
export type WorkerRole = 'writer' | 'reader' | 'exporter';

export interface CorpusWorkerData {
  role: WorkerRole;
  dbPath: string;
  actor: string;
  /** Only the writer: keep the stored suggestions up to date in the background, as `serve` does. */
  refreshSuggestions?: boolean;
  /** Only the writer: how often the background refresher looks for waiting annotations (its default when absent). */
  refreshLookEveryMs?: number;
}

/**
 * Requests that only read the corpus: served by the reader worker, so a long
 * write (an import, a job's slice) never holds them up. The reader's connection
 * refuses writes (`query_only`), so a request listed here that does write after
 * all (settling queued claim-group changes, say) is sent on to the writer
 * rather than failing. Jobs and sync live in the writer's memory and are not here.
 */
export const READ_ONLY_METHODS: ReadonlySet<Method> = new Set<Method>([
  'articles.list',
  'articles.get',
  'articles.page',
  'articles.outlets',
  'articles.summaries',
  'articles.versions',
  'articles.source',
  'articles.sourceContent',
  'articles.doneState',
  'annotations.list',
  'links.list',
  'links.page',
  'speakers.list',
  'review.groups',
  'review.groupsPage',
  'review.matrix',
  'review.timeline',
  'review.graph',
  'search.articles',
  'history.state',
  'orphans.list',
  'conflicts.list',
  'settings.get',
  'project.options',
  'suggestions.page',
  'agreement.compute',
  'adjudication.compare',
]);

/** An error result, as the contract carries it. */
export function errorResult(code: ErrorCode, message: string) {
  return { ok: false as const, error: { code, message } };
}
