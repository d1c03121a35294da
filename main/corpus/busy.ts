import { CrosscheckError } from '../contract/errors.ts';

/**
 * A lock held by another connection (the app, a CLI command) for longer than
 * the busy timeout. It is a moment to retry, not a failure of Crosscheck: the
 * transaction that met it was rolled back whole.
 */
export function busyError(error: unknown): CrosscheckError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return null;
  return new CrosscheckError('busy', 'The corpus is busy: another Crosscheck window or command is writing to it. Nothing was changed; try again in a moment.');
}
