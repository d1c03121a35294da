import { expect, vi } from 'vitest';
import { contract, type Method, type Result } from '../../main/contract/contract.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { ERROR_CODES } from '../../main/contract/errors.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import type { Db } from '../../main/corpus/database.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { SEEDS_DIR, tempCorpus } from '../helpers/tempCorpus.ts';
import { logicalDumpChecksum } from './logicalDump.ts';

/** How many payloads each request gets: a few hundred for the daily loop; CI sets CROSSCHECK_FUZZ_PER_METHOD to 10,000. */
export const PER_METHOD = Number(process.env.CROSSCHECK_FUZZ_PER_METHOD ?? 300);
/** Fixed by default so a failure reproduces; CROSSCHECK_FUZZ_SEED explores other sequences. */
export const SEED = Number(process.env.CROSSCHECK_FUZZ_SEED ?? 6);
/** How often, in refused payloads, the logical dump is compared in full (every payload is checked by change count). */
const DUMP_EVERY = 250;

export interface Tally {
  payloads: number;
  invalid: number;
  valid: number;
  /** Valid payloads the handlers carried out (the rest met not_found, conflicts and the like). */
  accepted: number;
  /** Calls that threw instead of answering: must stay 0. */
  crashes: number;
  internal: number;
}

export const emptyTally = (): Tally => ({ payloads: 0, invalid: 0, valid: 0, accepted: 0, crashes: 0, internal: 0 });

/** A real seeded corpus with annotations and a link, so valid payloads reach rows that exist. */
export function fuzzCorpus() {
  const { db } = tempCorpus();
  importPaths(db, [SEEDS_DIR], 'ana');
  const onInternalError = vi.fn();
  const dispatch = createDispatch(createHandlers({ db, actor: 'fuzz' }), onInternalError);
  for (let i = 0; i < 6; i++) expect(dispatch('annotations.create', { articleId: 1 + (i % 3), start: i * 7, end: i * 7 + 5, tag: 'claim' }).ok).toBe(true);
  expect(dispatch('links.create', { fromId: 1, toId: 2, type: 'same-claim' }).ok).toBe(true);
  return { db, dispatch, onInternalError };
}

export const isValidInput = (method: Method, payload: unknown) => contract[method].input.safeParse(payload).success;

const changeCount = (db: Db) => db.prepare('SELECT total_changes()').pluck().get() as number;

function describePayload(payload: unknown): string {
  try {
    return JSON.stringify(payload, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300) ?? String(payload);
  } catch {
    return String(payload);
  }
}

export const summary = (layer: string, tally: Tally) =>
  `fuzz (${layer}): ${tally.payloads} payloads (${tally.invalid} refused by schema or transport, ${tally.valid} valid of which ${tally.accepted} carried out), ` +
  `${tally.crashes} crashes, ${tally.internal} internal errors; seed ${SEED}`;

/** Every answer is a result object with a known error code and a message a person can read. */
export function expectClearAnswer(answer: Result<unknown>, payload: unknown): void {
  expect(typeof answer.ok, describePayload(payload)).toBe('boolean');
  if (!answer.ok) {
    expect(ERROR_CODES, describePayload(payload)).toContain(answer.error.code);
    expect(answer.error.message.length, describePayload(payload)).toBeGreaterThan(5);
  }
}

type Send = (payload: unknown) => Promise<Result<unknown>> | Result<unknown>;

/**
 * Sends payloads `concurrency` at a time (1 for the in-process layers; more
 * over HTTP, where a round trip dominates) and hands each batch's answers to
 * `check`. A call that throws instead of answering is a crash.
 */
async function answerAll(
  payloads: readonly unknown[],
  send: Send,
  concurrency: number,
  tally: Tally,
  check: (batch: Array<{ payload: unknown; answer: Result<unknown> }>) => void,
): Promise<void> {
  for (let start = 0; start < payloads.length; start += concurrency) {
    const batch = payloads.slice(start, start + concurrency);
    tally.payloads += batch.length;
    const answers = await Promise.all(
      batch.map(async (payload) => {
        try {
          return { payload, answer: await send(payload) };
        } catch (error) {
          tally.crashes++;
          throw new Error(`crashed on ${describePayload(payload)}: ${String(error)}`);
        }
      }),
    );
    for (const { payload, answer } of answers) expectClearAnswer(answer, payload);
    check(answers);
  }
}

/**
 * Sends refused payloads and checks the corpus is unchanged: SQLite's change
 * counter (which only grows) the same after every batch, and the checksum of
 * the logical dump identical at regular points and at the end.
 */
export async function sendInvalid(
  db: Db,
  payloads: readonly unknown[],
  send: Send,
  tally: Tally,
  options: { codes?: (payload: unknown) => readonly string[]; concurrency?: number } = {},
): Promise<void> {
  const codes = options.codes ?? (() => ['invalid_input']);
  const before = logicalDumpChecksum(db);
  const changes = changeCount(db);
  let sinceDump = 0;
  await answerAll(payloads, send, options.concurrency ?? 1, tally, (batch) => {
    tally.invalid += batch.length;
    for (const { payload, answer } of batch) {
      expect(answer.ok, describePayload(payload)).toBe(false);
      if (!answer.ok) expect(codes(payload), `${describePayload(payload)}: ${answer.error.message}`).toContain(answer.error.code);
    }
    const where = batch.map(({ payload }) => describePayload(payload)).join('\n');
    expect(changeCount(db), where).toBe(changes);
    sinceDump += batch.length;
    if (sinceDump >= DUMP_EVERY) {
      sinceDump = 0;
      expect(logicalDumpChecksum(db), `after ${where}`).toBe(before);
    }
  });
  expect(logicalDumpChecksum(db)).toBe(before);
}

/** Sends payloads the schema accepts: each answer is a value of the contract's output type or a clear, non-internal error. */
export async function sendValid(method: Method, payloads: readonly unknown[], send: Send, tally: Tally, options: { concurrency?: number } = {}): Promise<void> {
  await answerAll(payloads, send, options.concurrency ?? 1, tally, (batch) => {
    tally.valid += batch.length;
    for (const { payload, answer } of batch) {
      if (answer.ok) {
        tally.accepted++;
        expect(contract[method].output.safeParse(answer.value).success, describePayload(payload)).toBe(true);
      } else {
        if (answer.error.code === 'internal') tally.internal++;
        expect(answer.error.code, `${describePayload(payload)}: ${answer.error.message}`).not.toBe('internal');
      }
    }
  });
}
