import type { ErrorCode } from '../contract/errors.ts';

/** A request the hub turns down: an HTTP status, one of the contract's error codes, and a sentence for the person reading it. */
export class HubRefusal extends Error {
  readonly status: number;
  readonly code: ErrorCode;

  constructor(status: number, code: ErrorCode, message: string) {
    super(message);
    this.name = 'HubRefusal';
    this.status = status;
    this.code = code;
  }
}

/** Errors that mean PostgreSQL is away (restarting, unreachable), not that the request was wrong: worth a retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = 'code' in error ? String((error as { code: unknown }).code) : '';
  // 08: connection exceptions; 57P01–57P03: shutdown and cannot-connect-now.
  if (code.startsWith('08') || /^57P0[123]$/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}
