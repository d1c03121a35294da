import type { Result } from '../contract/contract.ts';
import type { AsyncDispatch, Dispatch } from '../api/dispatch.ts';
import { isTrustedSenderUrl } from './windowOptions.ts';

/**
 * What main answers to one IPC call: nothing unless it comes from the app's
 * own page, then the same validated dispatch every transport uses. Kept free
 * of Electron so the check itself runs in tests.
 */
export function answerIpcCall(dispatch: Dispatch, senderUrl: string | undefined, method: unknown, input: unknown): Result<unknown>;
export function answerIpcCall(
  dispatch: AsyncDispatch,
  senderUrl: string | undefined,
  method: unknown,
  input: unknown,
): Result<unknown> | Promise<Result<unknown>>;
export function answerIpcCall(
  dispatch: Dispatch | AsyncDispatch,
  senderUrl: string | undefined,
  method: unknown,
  input: unknown,
): Result<unknown> | Promise<Result<unknown>> {
  if (!isTrustedSenderUrl(senderUrl)) {
    return { ok: false, error: { code: 'forbidden', message: 'Requests are accepted only from the Crosscheck window.' } };
  }
  return dispatch(method, input);
}
