/**
 * A worker thread that does the work of a request that may take long on
 * hostile input — reading an imported file, searching — so the thread serving
 * requests stays free. It only reads: a file's bytes, or the corpus through a
 * read-only connection of its own. Stopped from outside when it overruns.
 */
import Database from 'better-sqlite3';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { contract } from '../contract/contract.ts';
import { isCrosscheckError } from '../contract/errors.ts';
import { searchArticles } from '../corpus/search.ts';
import { readArticleFile } from '../ingest/importFiles.ts';
import type { OffThreadJob, OffThreadAnswer, ParsedBody } from './offThread.ts';
import { waitTrace } from './waitTrace.ts';

// On Linux the nice value is per thread: a busy worker yields the CPU to the thread serving requests.
try {
  setPriority(10);
} catch {
  // Not permitted here: the worker still runs, at the same priority.
}

waitTrace?.watchThread('upload');
const { corpusPath } = workerData as { corpusPath: string | null };
// Opened before the worker reports ready, so no request pays for it.
let corpus: Database.Database | null = corpusPath ? new Database(corpusPath, { readonly: true, fileMustExist: true }) : null;

class InvalidRequest extends Error {}

class NotJson extends Error {}

/** Parses a body as it came over the wire; an upload that is a valid request is read as well. */
function parseBody(body: Uint8Array, upload: boolean): ParsedBody {
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    throw new NotJson();
  }
  if (!upload) return { input };
  const parsed = contract['articles.import'].input.safeParse(input);
  if (!parsed.success) return { input };
  try {
    return { fileName: parsed.data.fileName, read: readArticleFile(parsed.data.fileName, Buffer.from(parsed.data.contentBase64, 'base64')) };
  } catch (error) {
    if (isCrosscheckError(error)) return { fileName: parsed.data.fileName, failure: error.message };
    throw error;
  }
}

function run(job: OffThreadJob): unknown {
  if (job.kind === 'parse-body') return parseBody(job.body, job.upload);
  if (job.kind === 'read-upload') {
    const parsed = contract['articles.import'].input.safeParse(job.input);
    if (!parsed.success) throw new InvalidRequest();
    return readArticleFile(parsed.data.fileName, Buffer.from(parsed.data.contentBase64, 'base64'));
  }
  corpus ??= new Database(corpusPath!, { readonly: true, fileMustExist: true });
  return searchArticles(corpus, job.query);
}

parentPort!.on('message', (job: OffThreadJob) => {
  let answer: OffThreadAnswer;
  try {
    answer = { ok: true, value: run(job) };
  } catch (error) {
    if (error instanceof InvalidRequest) answer = { ok: false, code: 'invalid_request' };
    else if (error instanceof NotJson) answer = { ok: false, code: 'not_json' };
    else answer = isCrosscheckError(error) ? { ok: false, code: error.code, message: error.message } : { ok: false, code: 'internal', message: String(error) };
  }
  parentPort!.postMessage(answer);
});
parentPort!.postMessage({ ready: true });
