/**
 * The suggestion refresher, off the thread that serves requests: stores the
 * text reuse of claim groups that changed (provenance/storedReuse.ts) and runs the
 * matcher for annotations whose stored suggestions wait (suggestionRefresh.ts)
 * through a connection of its own, a slice at a time, when asked. Writes only
 * the suggestion store, the stored text reuse and, after a matcher update, the rebuilt word index
 * (termIndex.ts), in short transactions.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { RefreshWorkerData, RefreshWorkerMessage, RefreshWorkerRequest } from './suggestionRefreshSchedule.ts';

// On Linux the nice value is per thread: the matcher yields the CPU to the thread serving requests.
// Set before the matcher's modules load: loading them (type stripping, the lexicon) is the worker's
// largest piece of work at start, and it ran at full priority beside the window's first load (bench:first-load).
try {
  setPriority(10);
} catch {
  // Not permitted here: the refresher still runs, at the same priority.
}
const { waitTrace } = await import('./waitTrace.ts');
waitTrace?.watchThread('refresher');
const { openDatabase } = await import('../corpus/database.ts');
const { refreshStoredResults } = await import('./suggestionRefreshSchedule.ts');

const { corpusPath, sliceMs } = workerData as RefreshWorkerData;

/**
 * Opened after the serving connection, which has migrated the corpus and
 * checked its texts: this one writes nothing at open (checkTexts: false).
 * Should it still find the file locked past the busy timeout (another
 * process's long write), it tries again a few times before reporting.
 */
const OPEN_ATTEMPTS = 5;
async function openWorkerConnection() {
  for (let attempt = 1; ; attempt++) {
    try {
      return openDatabase(corpusPath, { checkTexts: false });
    } catch (error) {
      if (attempt >= OPEN_ATTEMPTS || !String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
const db = await openWorkerConnection();

parentPort!.on('message', (message: RefreshWorkerRequest) => {
  if (message === 'stop') {
    db.close();
    parentPort!.close();
    return;
  }
  let answer: RefreshWorkerMessage;
  try {
    answer = { progress: refreshStoredResults(db, typeof message === 'object' ? message.refresh : sliceMs) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
parentPort!.postMessage({ ready: true } satisfies RefreshWorkerMessage);
