import type { z } from 'zod';
import { contract, isAsyncMethod, isMethod, type Method, type Result } from '../contract/contract.ts';
import { busyError } from '../corpus/busy.ts';
import { CrosscheckError, isCrosscheckError } from '../contract/errors.ts';
import type { Handlers } from './handlers.ts';

export type Dispatch = (method: unknown, input: unknown) => Result<unknown>;
export type AsyncDispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * Validates a request against the contract, runs its handler and turns every
 * failure into an error result, so no payload can crash a transport.
 */
export function createDispatch(handlers: Handlers, onInternalError: (error: unknown) => void = logInternalError): Dispatch {
  return (method, input) => {
    if (!isMethod(method)) {
      return failure(new CrosscheckError('not_found', `Unknown request ${JSON.stringify(String(method)).slice(0, 80)}.`));
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) return failure(new CrosscheckError('invalid_input', describeIssues(method, parsed.error)));
    if (isAsyncMethod(method))
      return failure(new CrosscheckError('invalid_input', `${method} waits on the network: only the app's asynchronous transports serve it.`));
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: handler(parsed.data) };
    } catch (error) {
      return answerFailure(error, onInternalError);
    }
  };
}

/**
 * The dispatch the app's transports (HTTP, IPC) serve: requests that wait on
 * the network (ASYNC_METHODS) are validated and awaited here, every other goes
 * to `inner` (the ordinary dispatch, or browser mode's off-thread one).
 */
export function createAsyncDispatch(
  handlers: Handlers,
  inner: Dispatch | AsyncDispatch,
  onInternalError: (error: unknown) => void = logInternalError,
): AsyncDispatch {
  return async (method, input) => {
    if (!isAsyncMethod(method)) return inner(method, input);
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) return failure(new CrosscheckError('invalid_input', describeIssues(method, parsed.error)));
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return answerFailure(error, onInternalError);
    }
  };
}

/** The error result for anything a handler threw: its own refusal, a held lock, a constraint, or an internal error (reported). */
export function answerFailure(error: unknown, onInternalError: (error: unknown) => void = logInternalError): Result<never> {
  if (isCrosscheckError(error)) return failure(error);
  const busy = busyError(error);
  if (busy) return failure(busy);
  const constraint = constraintMessage(error);
  if (constraint) return failure(new CrosscheckError('invalid_input', constraint));
  onInternalError(error);
  return failure(new CrosscheckError('internal', 'Something went wrong inside Crosscheck; nothing was changed.'));
}

function failure(error: CrosscheckError): Result<never> {
  return { ok: false, error: { code: error.code, message: error.message } };
}

function describeIssues(method: Method, error: z.ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return `${where}: ${issue.message}`;
  });
  return `Invalid ${method} request: ${issues.join('; ')}.`;
}

/** The database's own constraints are the last line of defence; their refusals are the caller's fault, not ours. */
function constraintMessage(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  return `Refused by the corpus: ${(error as Error).message}.`;
}

function logInternalError(error: unknown): void {
  console.error('crosscheck: internal error', error);
}
