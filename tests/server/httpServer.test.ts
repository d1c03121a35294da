import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createDownloads } from '../../main/api/downloads.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { DOWNLOAD_TICKET_PATH, startServer, TOKEN_HEADER, type RunningServer } from '../../main/server/httpServer.ts';
import { SEEDS_DIR, tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const { db } = tempCorpus();
  importPaths(db, [SEEDS_DIR], 'ana');
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Crosscheck</title>');
  writeFileSync(join(tempDir(), 'secret.txt'), 'outside');
  server = await startServer({ dispatch: createDispatch(createHandlers({ db, actor: 'ana' })), downloads: createDownloads(db), staticDir });
  return { db, server };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so tests can send the headers a browser never would. */
function send(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string; agent?: Agent }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: options.agent },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (s: RunningServer, method: string, body: string, headers: Record<string, string> = {}) =>
  send(s.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { host: `127.0.0.1:${s.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: s.token, ...headers },
    body,
  });

describe('browser mode server', () => {
  it('listens on loopback only and prints an address with the token', async () => {
    const { server } = await start();
    expect(server.address).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('cannot be reached on any other interface of the machine', async () => {
    const { server } = await start();
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal);
    for (const other of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: other!.address, port: server.port, timeout: 2000 });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => (socket.destroy(), resolve(false)));
      });
      expect(reached, other!.address).toBe(false);
    }
  });

  it('takes the API token only from its header, never from the address or a cookie', async () => {
    const { server } = await start();
    const headers = { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json' };
    expect((await send(server.port, { method: 'POST', path: `/api/articles.list?token=${server.token}`, headers, body: '{}' })).status).toBe(401);
    expect(
      (await send(server.port, { method: 'POST', path: '/api/articles.list', headers: { ...headers, cookie: `crosscheck_token=${server.token}` }, body: '{}' }))
        .status,
    ).toBe(401);
  });

  it('refuses a missing Host, a loopback Host on another port, and an opaque null Origin', async () => {
    const { server } = await start();
    // HTTP/1.0 may omit Host, and Node lets it through to the server's own check.
    const withoutHost = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: server.port }, () =>
        socket.end(`POST /api/articles.list HTTP/1.0\r\ncontent-type: application/json\r\n${TOKEN_HEADER}: ${server.token}\r\ncontent-length: 2\r\n\r\n{}`),
      );
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    expect(withoutHost).toMatch(/^HTTP\/1\.[01] 421 /);
    expect((await api(server, 'articles.list', '{}', { host: `localhost:${server.port + 1}` })).status).toBe(421);
    expect((await api(server, 'articles.list', '{}', { origin: 'null' })).status).toBe(403);
    expect((await api(server, 'articles.list', '{}', { origin: `http://127.0.0.1:${server.port}.evil.example` })).status).toBe(403);
  });

  it('answers a cross-origin preflight with a refusal and no CORS headers', async () => {
    const { server } = await start();
    const preflight = await send(server.port, {
      method: 'OPTIONS',
      path: '/api/annotations.create',
      headers: {
        host: `127.0.0.1:${server.port}`,
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': TOKEN_HEADER,
      },
    });
    expect(preflight.status).toBe(403);
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('keeps answering on a kept-alive connection after refusing a request whose body it did not read', async () => {
    const { server } = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: server.token };
      const refused = await send(server.port, { method: 'GET', path: '/api/annotations.delete', headers, body: '{"id":1}', agent });
      expect(refused.status).toBe(405);
      expect(refused.headers.connection).toBe('close');
      expect((await send(server.port, { method: 'POST', path: '/api/articles.list', headers, body: '{}', agent })).status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('serves the contract with the token', async () => {
    const { server } = await start();
    const answer = await api(server, 'articles.list', '{}');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).value).toHaveLength(5);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const { server } = await start();
    expect((await api(server, 'articles.list', '{}', { [TOKEN_HEADER]: '' })).status).toBe(401);
    expect((await api(server, 'articles.list', '{}', { [TOKEN_HEADER]: 'x'.repeat(server.token.length) })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const { server } = await start();
    expect((await api(server, 'articles.list', '{}', { host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await api(server, 'articles.list', '{}', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api(server, 'articles.list', '{}', { origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('answers malformed requests with clear errors and changes nothing', async () => {
    const { db, server } = await start();
    const count = () => db.prepare('SELECT count(*) FROM events').pluck().get();
    const before = count();
    const bad = await api(server, 'annotations.create', '{"articleId": 1,');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toEqual({ code: 'invalid_input', message: 'The request body is not valid JSON.' });
    expect((await api(server, 'annotations.create', '{"articleId":1,"start":0,"end":3,"tag":"nope"}')).status).toBe(400);
    expect((await api(server, 'no.such.request', '{}')).status).toBe(404);
    expect((await api(server, 'articles.list', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await send(server.port, { path: '/api/articles.list', headers: { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token } })).status).toBe(
      405,
    );
    expect(count()).toBe(before);
  });

  it('serves the app with a strict content security policy and never sets a cookie, which every other local server would be sent', async () => {
    const { server } = await start();
    const page = await send(server.port, { path: `/?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Crosscheck</title>');
    expect(page.body).not.toContain(server.token);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it("serves the app's own files, which hold no data, without the token, and never files outside them", async () => {
    const { server } = await start();
    const host = { host: `127.0.0.1:${server.port}` };
    expect((await send(server.port, { path: '/', headers: host })).status).toBe(200);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const answer = await send(server.port, { path: `${path}?token=${server.token}`, headers: host });
      expect(answer.status, path).toBe(404);
    }
  });

  it('streams the CSV export as a download to the token holder, and refuses bad filters and strangers', async () => {
    const { server } = await start();
    const headers = { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token };
    const csv = await send(server.port, { path: '/export/annotations.csv?tag=claim&bom=1', headers });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="annotations.csv"');
    expect(csv.body.startsWith('\uFEFFannotation_id,article_id,')).toBe(true);
    expect(
      csv.body
        .split('\r\n')
        .slice(1, -1)
        .every((line) => line.includes(',claim,')),
    ).toBe(true);
    const bad = await send(server.port, { path: '/export/annotations.csv?tag=opinion', headers });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/tag/);
    expect((await send(server.port, { path: '/export/annotations.csv', headers: { host: headers.host } })).status).toBe(401);
    expect((await send(server.port, { path: `/export/annotations.csv?token=${server.token}`, headers: { host: headers.host } })).status).toBe(401);
    expect(
      (await send(server.port, { path: '/export/annotations.csv', headers: { host: headers.host, cookie: `crosscheck_token=${server.token}` } })).status,
    ).toBe(401);
    expect((await send(server.port, { path: '/export/corpus.sqlite', headers })).status).toBe(404);
  });

  it('lets a plain download link through with a ticket that is good once, and only on the server that issued it', async () => {
    const other = (await start()).server;
    const { server } = await start();
    const host = { host: `127.0.0.1:${server.port}` };
    const ticketFrom = async (s: RunningServer) => {
      const answer = await send(s.port, { method: 'POST', path: DOWNLOAD_TICKET_PATH, headers: { host: `127.0.0.1:${s.port}`, [TOKEN_HEADER]: s.token } });
      expect(answer.status).toBe(200);
      return (JSON.parse(answer.body) as { value: { ticket: string } }).value.ticket;
    };
    expect((await send(server.port, { method: 'POST', path: DOWNLOAD_TICKET_PATH, headers: host })).status).toBe(401);
    const ticket = await ticketFrom(server);
    expect((await send(server.port, { path: `/export/links.csv?ticket=${ticket}`, headers: host })).status).toBe(200);
    expect((await send(server.port, { path: `/export/links.csv?ticket=${ticket}`, headers: host })).status).toBe(401);
    const elsewhere = await ticketFrom(other);
    await other.close();
    expect((await send(server.port, { path: `/export/links.csv?ticket=${elsewhere}`, headers: host })).status).toBe(401);
  });
});
