import { MAX_IMPORT_BYTES } from '../contract/contract.ts';
import type { ImportResult } from '../contract/contract.ts';
import { CrosscheckError, isCrosscheckError } from '../contract/errors.ts';
import type { Db } from '../corpus/database.ts';
import { importContent } from './importFiles.ts';

export interface FetchLimits {
  /** Whole answer, connection to last byte. */
  timeMs: number;
  maxBytes: number;
}

/**
 * An article page answers in well under a second on a working connection; 20 s
 * leaves room for a slow one while no dead server holds an import for long.
 * The size limit is the file import's.
 */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeMs: 20_000, maxBytes: MAX_IMPORT_BYTES };

export interface FetchedPage {
  /** Where the answer came from, after redirects. */
  address: string;
  bytes: Uint8Array;
  httpDate: string | null;
  /** A file name for the importer: the type the server declared decides how the bytes are read. */
  fileName: string;
}

/** Fetches an http(s) address within the limits; every failure is a CrosscheckError saying what happened. */
export async function fetchPage(address: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedPage> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new CrosscheckError('invalid_input', `not a web address: ${address.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CrosscheckError('invalid_input', `only http and https addresses are fetched, not ${url.protocol}`);
  const signal = AbortSignal.timeout(limits.timeMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'text/html, application/pdf;q=0.9, text/plain;q=0.8' } });
  } catch (error) {
    throw fetchFailure(url, error, limits);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CrosscheckError('unsupported_file', `${url.host} answered ${response.status} ${response.statusText || ''}`.trim() + '; nothing was imported');
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(limits);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
      size += read.value.byteLength;
      if (size > limits.maxBytes) {
        await reader!.cancel().catch(() => {});
        throw tooLarge(limits);
      }
      chunks.push(read.value);
    }
  } catch (error) {
    if (isCrosscheckError(error)) throw error;
    throw fetchFailure(url, error, limits);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  const finalUrl = response.url || url.href;
  return { address: finalUrl, bytes, httpDate: response.headers.get('date'), fileName: fileNameFor(finalUrl, response.headers.get('content-type')) };
}

/**
 * Imports the article at a web address: fetched within the limits, read as a
 * saved page (Readability), a PDF or a text file by the type the server
 * declares, the bytes kept as captured with the address and HTTP date. A page
 * naming no canonical address is stored under the one it was fetched from.
 */
export async function importFromUrl(db: Db, address: string, actor: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<ImportResult> {
  try {
    const page = await fetchPage(address, limits);
    const result = importContent(db, page.fileName, page.bytes, actor, { address: page.address, httpDate: page.httpDate });
    return { ...result, file: page.address };
  } catch (error) {
    if (!isCrosscheckError(error)) throw error;
    return { file: address, status: 'failed', reason: error.message };
  }
}

function fileNameFor(address: string, contentType: string | null): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const base =
    new URL(address).pathname
      .split('/')
      .filter(Boolean)
      .at(-1)
      ?.replace(/\.[^.]*$/, '') || 'page';
  if (type === 'application/pdf') return `${base}.pdf`;
  if (type === 'text/plain') return `${base}.txt`;
  if (type === 'text/html' || type === 'application/xhtml+xml' || type === '') return `${base}.html`;
  // Any other type goes to the importer as it is named, which refuses it with the list of what it reads.
  return `${base}.${type.replace(/[^a-z0-9]+/g, '-')}`;
}

function tooLarge(limits: FetchLimits): CrosscheckError {
  return new CrosscheckError('unsupported_file', `the page is over the ${limits.maxBytes / 1024 / 1024} MiB limit; nothing was imported`);
}

function fetchFailure(url: URL, error: unknown, limits: FetchLimits): CrosscheckError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return new CrosscheckError('unsupported_file', `${url.host} sent no complete answer within ${limits.timeMs / 1000} s; nothing was imported`);
  const code = ((error as { cause?: { code?: string } } | null)?.cause?.code ?? '') as string;
  const offline = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT'];
  if (offline.includes(code))
    return new CrosscheckError(
      'unsupported_file',
      `cannot reach ${url.host} (${code}): this machine may be offline, or the server is down; nothing was imported`,
    );
  return new CrosscheckError('unsupported_file', `fetching ${url.host} failed (${code || (error as Error).message}); nothing was imported`);
}
