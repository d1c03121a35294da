/**
 * One sync: push the outbox in batches, then pull everyone's operations by cursor.
 * Each step is safe to cut at any point: the hub takes a replayed push as duplicates,
 * and a pulled page is applied together with its cursor in one device transaction,
 * so a rerun after a crash or a lost acknowledgement finishes the job with no loss
 * and no duplicate. Article texts travel by hash before the operations that need them.
 */
import { CrosscheckError } from '../contract/errors.ts';
import type { Operation, SequencedOperation } from '../hub/envelope.ts';
import { HubUnavailable, type HubClient } from './hubClient.ts';

/** What the sync needs from a device's corpus: its outbox, its cursor, its applier, its article texts. */
export interface DeviceLog {
  /** Operations the hub has not acknowledged yet, oldest first. */
  pendingOperations(limit: number): Operation[];
  /** Records the hub's acknowledgement (its sequence number) of pushed operations. */
  markPushed(acknowledged: Array<{ id: string; seq: number }>): void;
  /** The sequence number up to which the hub's log has been applied here. */
  lastPulledSeq(): number;
  /** Texts (sha256 → text) of the articles these operations add, to upload before pushing them. */
  articlesToUpload(operations: Operation[]): Map<string, string>;
  /** Articles these pulled operations add that this corpus lacks. */
  articlesNeeded(operations: Operation[]): string[];
  /**
   * Applies a pulled page in hub order, skipping operations already applied, moving the cursor with
   * each one in the transaction that applies it, and finally to `lastSeq`.
   */
  applyPulled(operations: SequencedOperation[], lastSeq: number, articleTexts: ReadonlyMap<string, string>): { applied: number; conflicts: number };
}

export interface SyncReport {
  pushed: number;
  duplicates: number;
  pulled: number;
  applied: number;
  conflicts: number;
  articlesSent: number;
  articlesReceived: number;
  lastSeq: number;
}

export interface SyncOptions {
  /** Operations per push; the hub takes at most 1,000. */
  pushBatch?: number;
  /** Operations per pull page; the hub gives at most 5,000. */
  pullPage?: number;
  /** Tries per request while the hub or its database is away. */
  attempts?: number;
  /** First wait between tries, doubled each time. */
  retryDelayMs?: number;
  /** Told after every push batch and pull page, for progress. */
  onProgress?: (report: SyncReport) => void;
}

/** A push of 1,000 stays far below the hub's 8 MB limit unless payloads are unusually large; this keeps a batch under it regardless. */
const PUSH_BYTES_BUDGET = 6 * 1024 * 1024;

export async function syncWithHub(device: DeviceLog, client: HubClient, options: SyncOptions = {}): Promise<SyncReport> {
  const pushBatch = Math.min(options.pushBatch ?? 1000, 1000);
  const pullPage = Math.min(options.pullPage ?? 1000, 5000);
  const retry = <T>(what: string, request: () => Promise<T>) => withRetries(what, request, options.attempts ?? 5, options.retryDelayMs ?? 500);
  const report: SyncReport = {
    pushed: 0,
    duplicates: 0,
    pulled: 0,
    applied: 0,
    conflicts: 0,
    articlesSent: 0,
    articlesReceived: 0,
    lastSeq: device.lastPulledSeq(),
  };

  for (;;) {
    const batch = withinBytes(device.pendingOperations(pushBatch));
    if (batch.length === 0) break;
    for (const [sha256, text] of device.articlesToUpload(batch)) {
      if (await retry('checking an article on the hub', () => client.hasArticle(sha256))) continue;
      await retry('sending an article', () => client.putArticle(sha256, text));
      report.articlesSent++;
    }
    const answer = await retry('pushing', () => client.push(batch));
    if (!Array.isArray(answer.seqs) || answer.seqs.length !== batch.length)
      throw new HubUnavailable('the hub acknowledged a push without a sequence number for each operation');
    device.markPushed(batch.map((op, i) => ({ id: op.id, seq: answer.seqs[i]! })));
    report.pushed += answer.accepted;
    report.duplicates += answer.duplicates;
    options.onProgress?.(report);
  }

  let cursor = device.lastPulledSeq();
  for (;;) {
    const page = await retry('pulling', () => client.pull(cursor, pullPage));
    const texts = new Map<string, string>();
    for (const sha256 of device.articlesNeeded(page.operations)) {
      const text = await retry('fetching an article', () => client.getArticle(sha256));
      if (text === null)
        throw new CrosscheckError('not_found', `the hub has operations on article ${sha256} but not its text; the device that added it must sync first`);
      texts.set(sha256, text);
      report.articlesReceived++;
    }
    if (page.lastSeq < cursor) throw new HubUnavailable(`the hub answered a pull after ${cursor} with an older cursor (${page.lastSeq})`);
    const outcome = device.applyPulled(page.operations, page.lastSeq, texts);
    cursor = page.lastSeq;
    report.pulled += page.operations.length;
    report.applied += outcome.applied;
    report.conflicts += outcome.conflicts;
    report.lastSeq = cursor;
    options.onProgress?.(report);
    if (!page.more) break;
  }
  return report;
}

function withinBytes(batch: Operation[]): Operation[] {
  let bytes = 0;
  for (let i = 0; i < batch.length; i++) {
    bytes += JSON.stringify(batch[i]).length;
    if (bytes > PUSH_BYTES_BUDGET && i > 0) return batch.slice(0, i);
  }
  return batch;
}

async function withRetries<T>(what: string, request: () => Promise<T>, attempts: number, firstDelayMs: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof HubUnavailable)) throw error;
      if (attempt >= attempts) {
        throw new CrosscheckError('busy', `${what} failed ${attempts} times (${error.message}); nothing is lost: run sync again when the hub is back`);
      }
      await new Promise((resolve) => setTimeout(resolve, firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}
