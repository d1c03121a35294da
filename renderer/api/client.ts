import type { ApiError, CrosscheckBridge, Input, Method, Output, Result } from '../../main/contract/contract.ts';
import { contractSchemas } from './contractSchemas.ts';

declare global {
  interface Window {
    crosscheck?: CrosscheckBridge;
  }
}

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
  }
}

export interface Client {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
}

type Transport = (method: Method, input: unknown) => Promise<Result<unknown>>;

const TOKEN_KEY = 'crosscheck.token';
const TOKEN_HEADER = 'x-crosscheck-token';
const DOWNLOAD_TICKET_PATH = '/download-ticket';

/**
 * The contract's schemas load in their own chunk beside the first screen rather than before it:
 * evaluating them took 150–200 ms of the window's start on the loaded 2-core machine
 * (docs/benchmarks.md, "App start"), and the first requests can be on their way meanwhile.
 */
const loadContract = () => contractSchemas;

/**
 * The one way the renderer reaches main: the Electron preload when present,
 * otherwise browser mode's HTTP endpoint. Answers are validated against the
 * contract, so a drifted main fails loudly instead of rendering garbage: no
 * answer reaches a caller before its schema has checked it.
 */
export function createClient(transport: Transport = chooseTransport()): Client {
  const schemas = loadContract();
  return {
    async call(method, input) {
      const [result, { contract, ApiError }] = await Promise.all([transport(method, input), schemas]);
      if (!result.ok) throw new ApiCallError(ApiError.parse(result.error));
      return contract[method].output.parse(result.value) as Output<typeof method>;
    },
  };
}

function chooseTransport(): Transport {
  const bridge = window.crosscheck;
  if (bridge) return (method, input) => bridge.call(method, input);
  const token = takeToken();
  ticketDownloads(token);
  return httpTransport(token);
}

/**
 * Browser mode keeps no credential in a cookie (cookies are not scoped by port,
 * so every other server on 127.0.0.1 would get it). A download link cannot send
 * the token header, so a click on one is held while a single-use ticket is
 * fetched, then followed with the ticket. Links stay plain links in the markup.
 */
function ticketDownloads(token: string): void {
  const follow = async (link: HTMLAnchorElement) => {
    const response = await fetch(DOWNLOAD_TICKET_PATH, { method: 'POST', headers: { [TOKEN_HEADER]: token } });
    const answer = (await response.json()) as Result<{ ticket: string }>;
    if (!answer.ok) throw new ApiCallError((await loadContract()).ApiError.parse(answer.error));
    const url = new URL(link.href);
    url.searchParams.set('ticket', answer.value.ticket);
    const ticketed = document.createElement('a');
    ticketed.href = url.pathname + url.search;
    if (link.hasAttribute('download')) ticketed.download = link.download;
    ticketed.hidden = true;
    document.body.append(ticketed);
    ticketed.click();
    ticketed.remove();
  };
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link || new URL(link.href).origin !== window.location.origin || !new URL(link.href).pathname.startsWith('/export/')) return;
      if (new URL(link.href).searchParams.has('ticket')) return;
      event.preventDefault();
      follow(link).catch((error: unknown) => console.error('crosscheck: download refused', error));
    },
    true,
  );
}

/** Reads the per-launch token from the address once, then hides it from the address bar and history. */
function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(token: string): Transport {
  return async (method, input) => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `The server answered ${response.status} without a result.` } };
    }
  };
}
