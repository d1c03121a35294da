import { randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../api/dispatch.ts';
import type { AsyncDispatch } from '../api/offThread.ts';
import type { Download, ServedDownloads } from '../api/downloads.ts';
import type { Result } from '../contract/contract.ts';
import { httpStatusOf, type ErrorCode } from '../contract/errors.ts';
import { CONTENT_SECURITY_POLICY } from '../api/contentSecurityPolicy.ts';
import { readStaticFile } from './staticFiles.ts';

/** Header the renderer sends the per-launch token in; a header, unlike a cookie, is never sent by another site. */
export const TOKEN_HEADER = 'x-crosscheck-token';
/**
 * Where the renderer trades its token for a download ticket. No credential is
 * ever kept in a cookie: cookies are not scoped by port, so the browser would
 * hand one to every other server on 127.0.0.1. A download is a plain link, which
 * cannot carry a header, so it carries a ticket instead: good once, for a minute.
 */
export const DOWNLOAD_TICKET_PATH = '/download-ticket';
const TICKET_LIFETIME_MS = 60_000;
/** The largest request is an uploaded file: MAX_IMPORT_BYTES (10 MiB) is 13.4 MiB as base64, so 16 MiB admits it with its JSON around it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * A body at least this large is parsed off the serving thread where the
 * dispatch can: parsing a 14 MB upload here held every other request up for
 * over 200 ms (tests/fuzz/hostileRequests.test.ts), while handing a small one to
 * a worker costs more than parsing it.
 */
const PARSE_OFF_THREAD_BYTES = 256 * 1024;

export interface ServerOptions {
  /** An off-thread dispatch (api/offThread.ts) keeps slow requests from holding up the others. */
  dispatch: Dispatch | AsyncDispatch;
  /** Answers from a large raw body, parsing it off this thread (OffThreadDispatch.dispatchBody). */
  dispatchBody?: (method: string, body: Buffer) => Promise<Result<unknown>>;
  /** Files offered for download, under /export/; none when absent. */
  downloads?: ServedDownloads;
  /** The built renderer, served at `/`. */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The interface listened on: always loopback. */
  address: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the API contract over HTTP on 127.0.0.1 only. Every request
 * must carry the per-launch token and a Host (and Origin, when sent) naming
 * this server, which shuts out other local users' pages and DNS rebinding.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  // Download tickets and when each stops being good; a ticket is removed when used.
  const tickets = new Map<string, number>();
  const takeTicket = (given: string | null): boolean => {
    const now = Date.now();
    for (const [ticket, until] of tickets) if (until < now) tickets.delete(ticket);
    if (given === null || !tickets.has(given)) return false;
    tickets.delete(given);
    return true;
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 421, 'forbidden', 'Unexpected Host header.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
      return refuse(res, 403, 'forbidden', 'Requests from other origins are refused.');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === DOWNLOAD_TICKET_PATH) {
      if (!sameToken(req.headers[TOKEN_HEADER], token)) return refuse(res, 401, 'unauthorized', 'Missing or wrong token.');
      if (req.method !== 'POST') return refuse(res, 405, 'invalid_input', 'Use POST.');
      const ticket = randomBytes(24).toString('base64url');
      tickets.set(ticket, Date.now() + TICKET_LIFETIME_MS);
      return send(res, 200, { ok: true, value: { ticket } });
    }

    if (url.pathname.startsWith('/api/')) {
      if (!sameToken(req.headers[TOKEN_HEADER], token)) return refuse(res, 401, 'unauthorized', 'Missing or wrong token.');
      if (req.method !== 'POST') return refuse(res, 405, 'invalid_input', 'Use POST.');
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        return refuse(res, 415, 'invalid_input', 'Send the request body as application/json.');
      }
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, 'invalid_input', `Request body over ${MAX_BODY_BYTES} bytes.`);
      const method = url.pathname.slice('/api/'.length);
      if (body.length >= PARSE_OFF_THREAD_BYTES && options.dispatchBody) {
        const result = await options.dispatchBody(method, body);
        return send(res, result.ok ? 200 : httpStatusOf(result.error.code), result);
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(res, 400, 'invalid_input', 'The request body is not valid JSON.');
      }
      const result = await options.dispatch(method, input);
      return send(res, result.ok ? 200 : httpStatusOf(result.error.code), result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'invalid_input', 'Use GET.');
    if (url.pathname.startsWith('/export/') && options.downloads) {
      if (!sameToken(req.headers[TOKEN_HEADER], token) && !takeTicket(url.searchParams.get('ticket'))) {
        return refuse(res, 401, 'unauthorized', 'A download needs a fresh ticket from the app (or the token header).');
      }
      url.searchParams.delete('ticket');
      const download = await options.downloads(url.pathname, url.searchParams);
      if (!download.ok) return send(res, httpStatusOf(download.error.code), download);
      return sendDownload(req, res, download.value);
    }
    // The app's own files hold no data and no secret: they are served to anyone on this machine; the data needs the token.
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) return refuse(res, 404, 'not_found', 'No such file.');
    res.writeHead(200, { ...securityHeaders(), 'content-type': file.contentType });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = server.address() as AddressInfo;
  port = bound.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    address: bound.address,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Streams a download, waiting whenever the client falls behind, and stops making it if the client goes away. */
async function sendDownload(req: IncomingMessage, res: ServerResponse, download: Download): Promise<void> {
  res.writeHead(200, {
    ...securityHeaders(),
    'content-type': download.contentType,
    'content-disposition': `attachment; filename="${download.fileName}"`,
  });
  if (req.method === 'HEAD') return void res.end();
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  try {
    for await (const chunk of download.chunks) {
      if (gone.signal.aborted) return;
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(gone.signal, 'abort')]);
    }
    res.end();
  } catch (error) {
    // Cut the connection rather than end it: a download that stops short must not pass for a whole file.
    res.destroy(error as Error);
  }
}

function sameToken(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
  };
}

function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  send(res, status, { ok: false, error: { code, message } });
}

function send(res: ServerResponse, status: number, result: Result<unknown>): void {
  if (res.headersSent) return void res.end();
  // A refusal can come before the body is read; that connection cannot carry another request, so say so instead of dropping it.
  const unread = res.req.complete ? {} : { connection: 'close' };
  res.writeHead(status, { ...securityHeaders(), ...unread, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(result));
}
