import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../main/server/httpServer.ts';
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
  server = await startServer({ dispatch: createDispatch(createHandlers({ db, actor: 'ana' })), staticDir });
  return { db, server };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so tests can send the headers a browser never would. */
function send(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
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
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
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
    expect((await send(server.port, { path: '/api/articles.list', headers: { host: `127.0.0.1:${server.port}`, [TOKEN_HEADER]: server.token } })).status).toBe(405);
    expect(count()).toBe(before);
  });

  it('serves the app to the token holder, with a strict content security policy and a token cookie', async () => {
    const { server } = await start();
    const page = await send(server.port, { path: `/?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Crosscheck</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const withCookie = await send(server.port, { path: '/index.html', headers: { host: `127.0.0.1:${server.port}`, cookie: `crosscheck_token=${server.token}` } });
    expect(withCookie.status).toBe(200);
  });

  it('refuses the app without the token and never serves files outside it', async () => {
    const { server } = await start();
    const host = { host: `127.0.0.1:${server.port}` };
    expect((await send(server.port, { path: '/', headers: host })).status).toBe(401);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const answer = await send(server.port, { path: `${path}?token=${server.token}`, headers: host });
      expect(answer.status, path).toBe(404);
    }
  });
});
