import type { Result } from '../contract/contract.ts';
import { isTrustedSenderUrl } from './windowOptions.ts';

/**
 * What main answers to one IPC call: nothing unless it comes from the app's
 * own page, then the same validated dispatch every transport uses. Kept free
 * of Electron so the check itself runs in tests. The dispatch may answer
 * later (the app's off-thread dispatch, api/offThread.ts).
 */
export function answerIpcCall<R extends Result<unknown> | Promise<Result<unknown>>>(
  dispatch: (method: unknown, input: unknown) => R,
  senderUrl: string | undefined,
  method: unknown,
  input: unknown,
): R | Result<never> {
  if (!isTrustedSenderUrl(senderUrl)) {
    return { ok: false, error: { code: 'forbidden', message: 'Requests are accepted only from the Crosscheck window.' } };
  }
  return dispatch(method, input);
}
