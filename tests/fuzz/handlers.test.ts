import { afterAll, describe, expect, it, vi } from 'vitest';
import { contract, METHODS } from '../../main/api/contract.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { answerIpcCall } from '../../main/electron/ipcGuard.ts';
import { APP_ORIGIN } from '../../main/electron/windowOptions.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { seededRandom } from '../bench/random.ts';
import { SEEDS_DIR, tempCorpus } from '../helpers/tempCorpus.ts';
import { emptyTally, isValidInput, PER_METHOD, SEED, sendInvalid, sendValid, summary } from './fuzzRun.ts';
import { payloadSource, randomCloneable, randomJson, randomString } from './payloads.ts';

const tally = emptyTally();
afterAll(() => {
  console.log(summary('IPC and handler layer', tally));
});

/** A seeded corpus with annotations and links, so valid payloads reach rows that exist. */
function fuzzCorpus() {
  const { db } = tempCorpus();
  importPaths(db, [SEEDS_DIR], 'ana');
  const onInternalError = vi.fn();
  const dispatch = createDispatch(createHandlers({ db, actor: 'fuzz' }), onInternalError);
  for (let i = 0; i < 6; i++) expect(dispatch('annotations.create', { articleId: 1 + (i % 3), start: i * 7, end: i * 7 + 5, tag: 'claim' }).ok).toBe(true);
  expect(dispatch('links.create', { fromId: 1, toId: 2, type: 'same-claim' }).ok).toBe(true);
  return { db, dispatch, onInternalError };
}

// Through the IPC guard with the app's own URL as sender: what the preload delivers, structured clone included.
const TRUSTED_SENDER = `${APP_ORIGIN}/index.html`;

describe('fuzzing every request of the contract through IPC and the handler table', () => {
  it.each(METHODS)(`%s: ${PER_METHOD} random payloads, each answered clearly; refused ones leave the corpus unchanged, valid ones never fail internally`, async (method) => {
    const { db, dispatch, onInternalError } = fuzzCorpus();
    const random = seededRandom(SEED + METHODS.indexOf(method));
    const source = payloadSource(random, contract[method].input, (r) => (r() < 0.5 ? randomCloneable(r) : randomJson(r)));
    const payloads = Array.from({ length: PER_METHOD }, () => structuredClone(source.next()));
    const send = (payload: unknown) => answerIpcCall(dispatch, TRUSTED_SENDER, method, payload);

    const invalid = payloads.filter((payload) => !isValidInput(method, payload));
    await sendInvalid(db, invalid, send, tally);
    await sendValid(method, payloads.filter((payload) => isValidInput(method, payload)), send, tally);
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it(`answers ${PER_METHOD} unknown request names with not_found and changes nothing`, async () => {
    const { db, dispatch } = fuzzCorpus();
    const random = seededRandom(SEED);
    const names = Array.from({ length: PER_METHOD }, () => (random() < 0.7 ? randomString(random, 30) : randomJson(random)));
    const unknown = names.filter((name) => typeof name !== 'string' || !Object.hasOwn(contract, name));
    await sendInvalid(db, unknown, (name) => answerIpcCall(dispatch, TRUSTED_SENDER, name, {}), tally, { codes: () => ['not_found'] });
  });

  it('refuses every request from any sender but the app page, and changes nothing', async () => {
    const { db, dispatch } = fuzzCorpus();
    const random = seededRandom(SEED);
    const senders = ['file:///etc/passwd', 'https://evil.example/', 'app://crosscheck.evil/', 'http://127.0.0.1/', 'devtools://devtools', '', undefined];
    type Call = { sender: string | undefined; method: string; input: unknown };
    const calls: Call[] = Array.from({ length: 1000 }, (_, i) => ({
      sender: senders[i % senders.length],
      method: METHODS[i % METHODS.length]!,
      input: random() < 0.5 ? { id: 1 } : randomJson(random),
    }));
    const send = (call: unknown) => answerIpcCall(dispatch, (call as Call).sender, (call as Call).method, (call as Call).input);
    await sendInvalid(db, calls, send, tally, { codes: () => ['forbidden'] });
  });
});
