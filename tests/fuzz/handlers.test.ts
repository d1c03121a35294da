import { afterAll, describe, expect, it } from 'vitest';
import { contract, METHODS } from '../../main/contract/contract.ts';
import { answerIpcCall } from '../../main/electron/ipcGuard.ts';
import { APP_ORIGIN } from '../../main/electron/windowOptions.ts';
import { seededRandom } from '../bench/random.ts';
import { emptyTally, fuzzCorpus, isValidInput, PER_METHOD, SEED, sendInvalid, sendValid, summary } from './fuzzRun.ts';
import { payloadSource, randomCloneable, randomJson, randomString } from './payloads.ts';

const tally = emptyTally();
afterAll(() => {
  console.log(summary('IPC and handler layer', tally));
});

// Through the IPC guard with the app's own URL as sender: what the preload delivers, structured clone included.
const TRUSTED_SENDER = `${APP_ORIGIN}/index.html`;

describe('fuzzing every request of the contract through IPC and the handler table', () => {
  it.each(METHODS)(
    `%s: ${PER_METHOD} random payloads, each answered clearly; refused ones leave the corpus unchanged, valid ones never fail internally`,
    async (method) => {
      const { db, dispatch, onInternalError } = fuzzCorpus();
      const random = seededRandom(SEED + METHODS.indexOf(method));
      const source = payloadSource(random, contract[method].input, (r) => (r() < 0.5 ? randomCloneable(r) : randomJson(r)));
      const payloads = Array.from({ length: PER_METHOD }, () => structuredClone(source.next()));
      const send = (payload: unknown) => answerIpcCall(dispatch, TRUSTED_SENDER, method, payload);

      const invalid = payloads.filter((payload) => !isValidInput(method, payload));
      await sendInvalid(db, invalid, send, tally);
      await sendValid(
        method,
        payloads.filter((payload) => isValidInput(method, payload)),
        send,
        tally,
      );
      expect(onInternalError).not.toHaveBeenCalled();
      // Some valid requests do real work per call (suggestions.queue runs the matcher for every annotation).
    },
    180_000,
  );

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
