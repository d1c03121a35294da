/**
 * The device's side of the hub's HTTP API. Every request carries the token to the
 * hub's origin only; redirects are refused, so a token never follows one elsewhere.
 * A refusal (4xx) is a CrosscheckError with the hub's own sentence; an unreachable
 * hub or database (network errors, 502–504) is a HubUnavailable worth retrying.
 */
import { CrosscheckError, ERROR_CODES, type ErrorCode } from '../contract/errors.ts';
import { endpoint, type HubAddress } from './hubAddress.ts';
import type { Operation, SequencedOperation } from '../hub/envelope.ts';

export class HubUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubUnavailable';
  }
}

export interface PushAnswer {
  accepted: number;
  duplicates: number;
  lastSeq: number;
  seqs: number[];
}

export interface PullAnswer {
  operations: SequencedOperation[];
  lastSeq: number;
  more: boolean;
}

/** A push or a pull page takes well under this on the bench (bench:sync); past it the hub is treated as away. */
const REQUEST_TIMEOUT_MS = 60_000;

export class HubClient {
  readonly address: HubAddress;
  readonly #token: string;

  constructor(address: HubAddress, token: string) {
    this.address = address;
    this.#token = token;
  }

  async me(): Promise<{ analyst: string; lastSeq: number }> {
    return (await this.#json('GET', 'v1/me')) as { analyst: string; lastSeq: number };
  }

  async push(operations: Operation[]): Promise<PushAnswer> {
    return (await this.#json('POST', 'v1/push', JSON.stringify({ operations }))) as PushAnswer;
  }

  async pull(after: number, limit: number): Promise<PullAnswer> {
    return (await this.#json('GET', `v1/pull?after=${after}&limit=${limit}`)) as PullAnswer;
  }

  async hasArticle(sha256: string): Promise<boolean> {
    const response = await this.#request('HEAD', `v1/articles/${sha256}`);
    if (response.status === 404) return false;
    await this.#check(response);
    return true;
  }

  async putArticle(sha256: string, text: string): Promise<void> {
    await this.#check(await this.#request('PUT', `v1/articles/${sha256}`, text, 'text/plain; charset=utf-8'));
  }

  async getArticle(sha256: string): Promise<string | null> {
    const response = await this.#request('GET', `v1/articles/${sha256}`);
    if (response.status === 404) return null;
    await this.#check(response);
    return response.text();
  }

  async #json(method: string, path: string, body?: string): Promise<unknown> {
    const response = await this.#request(method, path, body, 'application/json');
    await this.#check(response);
    try {
      return await response.json();
    } catch {
      throw new HubUnavailable(`the hub's answer to ${method} ${path.split('?')[0]} was cut short or is not JSON`);
    }
  }

  async #request(method: string, path: string, body?: string, contentType?: string): Promise<Response> {
    const url = endpoint(this.address, path);
    try {
      return await fetch(url, {
        method,
        body,
        headers: { authorization: `Bearer ${this.#token}`, ...(contentType && body !== undefined ? { 'content-type': contentType } : {}) },
        redirect: 'error',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new HubUnavailable(`the hub at ${this.address.origin} did not answer (${cause})`);
    }
  }

  async #check(response: Response): Promise<void> {
    if (response.ok) return;
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new HubUnavailable(`the hub answered ${response.status}; try again shortly`);
    }
    if (response.status >= 300 && response.status < 400)
      throw new CrosscheckError('forbidden', `the hub answered with a redirect (${response.status}); the token is not sent on`);
    let code: ErrorCode =
      response.status === 401
        ? 'unauthorized'
        : response.status === 403
          ? 'forbidden'
          : response.status === 404
            ? 'not_found'
            : response.status === 409
              ? 'conflict'
              : 'invalid_input';
    let message = `the hub refused the request (${response.status})`;
    try {
      const answer = (await response.json()) as { error?: { code?: string; message?: string } };
      if (answer.error?.message) message = `the hub refused the request: ${answer.error.message}`;
      if (answer.error?.code && (ERROR_CODES as readonly string[]).includes(answer.error.code)) code = answer.error.code as ErrorCode;
    } catch {
      // The status alone says enough.
    }
    throw new CrosscheckError(code, message);
  }
}
