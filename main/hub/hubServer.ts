/**
 * The hub's HTTP API (see docs/hub.md): push and pull operations, articles by hash.
 * Every request carries `Authorization: Bearer <token>`; the analyst is whoever the
 * token belongs to. Every refusal is a 4xx with a JSON sentence and changes nothing;
 * a database that is away is a 503 the device retries; nothing answers with a stack.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { httpStatusOf, isCrosscheckError } from '../contract/errors.ts';
import { analystForToken } from './analysts.ts';
import { getArticle, hasArticle, putArticle } from './articleStore.ts';
import { MAX_PAYLOAD_BYTES, MAX_PULL_LIMIT, MAX_PUSH_BYTES, pushBodySchema, SHA256_PATTERN, type Operation } from './envelope.ts';
import type { HubPool } from './hubDatabase.ts';
import { headSeq, pullOperations, pushOperations } from './operationLog.ts';
import { HubRefusal, isDatabaseUnavailable } from './refusal.ts';

/** Article texts: the import limit (10 MiB of file) leaves normalised text well under this. */
export const MAX_ARTICLE_BYTES = 16 * 1024 * 1024;
/** A whole request, headers and body, must arrive within this; a slow sender cannot hold a connection open. */
const REQUEST_TIMEOUT_MS = 60_000;
const HEADERS_TIMEOUT_MS = 15_000;
const DEFAULT_PULL_LIMIT = 1000;
/** Node's fetch drops idle connections after 4 s; proxies commonly after 60 s. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface HubServerOptions {
  pool: HubPool;
  port?: number;
  /** Loopback by default: in production a TLS-terminating proxy on the same machine forwards to it. */
  host?: string;
  /** On a read replica: pulls and article downloads only; pushes and uploads are sent to the primary. */
  readOnly?: boolean;
  /** Where unexpected errors are written for the operator (never to the client). */
  log?: (line: string) => void;
}

export interface RunningHub {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHubServer(options: HubServerOptions): Promise<RunningHub> {
  const { pool } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The hub speaks to the crosscheck command, never to web pages: a browser's request is refused before anything else.
    if (req.headers.origin !== undefined) throw new HubRefusal(403, 'forbidden', 'the hub does not answer requests from web pages');
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const analyst = await authenticate(req);
    const method = req.method ?? 'GET';

    if (url.pathname === '/v1/me') {
      allow(method, ['GET']);
      return sendJson(res, 200, { analyst, lastSeq: await headSeq(pool) });
    }
    if (url.pathname === '/v1/push') {
      allow(method, ['POST']);
      refuseOnReplica();
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HubRefusal(415, 'invalid_input', 'send the push as application/json');
      const body = await readBody(req, MAX_PUSH_BYTES);
      const operations = parsePush(body);
      const result = await pushOperations(pool, analyst, operations);
      return sendJson(res, 200, result);
    }
    if (url.pathname === '/v1/pull') {
      allow(method, ['GET']);
      const after = wholeNumberParam(url, 'after', 0);
      const limit = wholeNumberParam(url, 'limit', DEFAULT_PULL_LIMIT);
      if (limit < 1 || limit > MAX_PULL_LIMIT) throw new HubRefusal(400, 'invalid_input', `limit must be between 1 and ${MAX_PULL_LIMIT}`);
      const page = await pullOperations(pool, after, limit);
      return sendRaw(res, 200, 'application/json; charset=utf-8', page.json);
    }
    const article = /^\/v1\/articles\/([^/]+)$/.exec(url.pathname);
    if (article) {
      const sha256 = article[1]!;
      if (!SHA256_PATTERN.test(sha256)) throw new HubRefusal(400, 'invalid_input', 'an article is addressed by the lower-case hex sha256 of its text');
      allow(method, ['GET', 'HEAD', 'PUT']);
      if (method === 'PUT') {
        refuseOnReplica();
        const body = await readBody(req, MAX_ARTICLE_BYTES);
        const created = await putArticle(pool, analyst, sha256, body);
        return sendJson(res, created ? 201 : 200, { sha256, stored: created ? 'new' : 'already' });
      }
      if (method === 'HEAD') {
        const found = await hasArticle(pool, sha256);
        res.writeHead(found ? 200 : 404, { 'cache-control': 'no-store' });
        return void res.end();
      }
      const text = await getArticle(pool, sha256);
      if (text === null) throw new HubRefusal(404, 'not_found', `the hub has no article ${sha256}`);
      return sendRaw(res, 200, 'text/plain; charset=utf-8', text);
    }
    throw new HubRefusal(404, 'not_found', `no such endpoint: ${url.pathname}`);
  }

  function refuseOnReplica(): void {
    if (options.readOnly) throw new HubRefusal(405, 'invalid_input', 'this hub serves a read replica: push and upload through the primary hub');
  }

  async function authenticate(req: IncomingMessage): Promise<string> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([^\s]+)$/.exec(header);
    const analyst = match ? await analystForToken(pool, match[1]!) : null;
    if (!analyst) throw new HubRefusal(401, 'unauthorized', 'send an analyst token as "Authorization: Bearer <token>" (crosscheck hub add-analyst makes one)');
    return analyst;
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HubRefusal) return sendJson(res, error.status, { ok: false, error: { code: error.code, message: error.message } });
      if (isCrosscheckError(error)) return sendJson(res, httpStatusOf(error.code), { ok: false, error: { code: error.code, message: error.message } });
      if (isDatabaseUnavailable(error)) {
        return sendJson(
          res,
          503,
          { ok: false, error: { code: 'busy', message: 'the hub database is unavailable; try again shortly' } },
          { 'retry-after': '2' },
        );
      }
      log(`crosscheck hub: internal error on ${req.method} ${req.url?.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
      return sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  // Longer than a client keeps an idle connection, so the client always closes first and never sends into a socket the hub is closing.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) throw new HubRefusal(405, 'invalid_input', `use ${methods.join(' or ')} here`);
}

function wholeNumberParam(url: URL, name: string, fallback: number): number {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  if (!/^\d{1,15}$/.test(value)) throw new HubRefusal(400, 'invalid_input', `${name} must be a whole number`);
  return Number(value);
}

function parsePush(body: Buffer): Operation[] {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HubRefusal(400, 'invalid_input', 'the push body is not valid JSON');
  }
  const parsed = pushBodySchema.safeParse(json);
  if (!parsed.success) throw new HubRefusal(400, 'invalid_input', `the push is malformed: ${describeIssue(parsed.error)}`);
  const operations = parsed.data.operations as Operation[];
  for (const op of operations) {
    if (Buffer.byteLength(JSON.stringify(op.payload)) > MAX_PAYLOAD_BYTES) {
      throw new HubRefusal(413, 'invalid_input', `operation ${op.id} has a payload over ${MAX_PAYLOAD_BYTES} bytes`);
    }
  }
  return operations;
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}

/**
 * Reads at most `limit` bytes. A larger body is refused as soon as it is seen: the rest is
 * neither read nor buffered, and the connection closes once the refusal is sent.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new HubRefusal(413, 'invalid_input', `the request body is over ${limit} bytes`);
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        return reject(tooLarge());
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

function sendRaw(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  // A refusal can come before the body was read; that connection cannot carry another request, so say so and close it.
  const unread = res.req.complete ? {} : { connection: 'close' };
  res.writeHead(status, { ...headers, ...unread, 'content-type': contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}
