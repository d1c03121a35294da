/**
 * The one error type that crosses the API. Its `code` is part of the contract:
 * the renderer and the CLI decide what to show from it, never from the message.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unsupported_file',
  'newer_database',
  'not_a_database',
  'corrupt_database',
  'busy',
  'unauthorized',
  'forbidden',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status an error code is answered with, by browser mode and by the hub alike. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'busy':
      return 503;
    case 'internal':
      return 500;
    default:
      return 400;
  }
}

export class CrosscheckError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CrosscheckError';
    this.code = code;
  }
}

export function isCrosscheckError(error: unknown): error is CrosscheckError {
  return error instanceof CrosscheckError;
}
