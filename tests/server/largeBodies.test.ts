import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { createOffThreadDispatch, fileNameIn, type OffThreadDispatch } from '../../main/api/offThread.ts';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../main/server/httpServer.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

let server: RunningServer | undefined;
let offThread: OffThreadDispatch | undefined;
afterEach(async () => {
  await server?.close();
  await offThread?.close();
  server = offThread = undefined;
});

async function serve() {
  const { db } = tempCorpus();
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Crosscheck</title>');
  offThread = createOffThreadDispatch({ dispatch: createDispatch(createHandlers({ db, actor: 'ana' })), db, actor: 'ana' });
  expect(offThread.dispatchBody).toBeDefined();
  server = await startServer({ dispatch: offThread.dispatch, dispatchBody: offThread.dispatchBody, staticDir });
  return { db, server };
}

function post(
  running: RunningServer,
  method: string,
  body: string,
): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: running.port,
        method: 'POST',
        path: `/api/${method}`,
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: running.token, host: `127.0.0.1:${running.port}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A plain-text article of about `bytes` bytes. */
const longText = (bytes: number) => 'The harbour authority said the northern ferry line would reopen next week. '.repeat(Math.ceil(bytes / 76)).slice(0, bytes);

describe('large request bodies in browser mode', () => {
  it('imports a large upload whose body was parsed and read off the serving thread', async () => {
    const { db, server } = await serve();
    const text = longText(2_000_000);
    const answer = await post(server, 'articles.import', JSON.stringify({ fileName: 'long.txt', contentBase64: Buffer.from(text).toString('base64') }));
    expect(answer).toMatchObject({ status: 200, body: { ok: true, value: { file: 'long.txt', status: 'imported' } } });
    expect(db.prepare('SELECT text_length FROM articles').pluck().get()).toBe(text.length);
  });

  it('refuses a large body that is not JSON with the same words as a small one', async () => {
    const { server } = await serve();
    const big = await post(server, 'articles.import', `{"fileName": "x.txt", "contentBase64": "${'A'.repeat(400_000)}`);
    const small = await post(server, 'articles.import', '{"fileName": ');
    expect(big).toEqual(small);
    expect(big).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } } });
  });

  it('answers a large upload that is not a valid request with the contract’s own message', async () => {
    const { server } = await serve();
    const answer = await post(server, 'articles.import', JSON.stringify({ contentBase64: 'A'.repeat(400_000) }));
    expect(answer).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/fileName/) } } });
  });

  it('reports a large upload it cannot read as a failed import, naming the file', async () => {
    const { server } = await serve();
    const answer = await post(server, 'articles.import', JSON.stringify({ fileName: 'film.mp4', contentBase64: Buffer.alloc(300_000, 7).toString('base64') }));
    expect(answer).toMatchObject({ status: 200, body: { ok: true, value: { file: 'film.mp4', status: 'failed' } } });
  });

  it('parses a large body of any other request off the thread too, and answers it as usual', async () => {
    const { server } = await serve();
    const answer = await post(server, 'search.articles', JSON.stringify({ query: 'ferry', padding: ' '.repeat(300_000) }));
    expect(answer).toMatchObject({ status: 400, body: { ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/padding/) } } });
  });
});

describe('which bodies leave the serving thread', () => {
  it('hands a body of 256 KiB or more to dispatchBody unparsed, and parses a smaller one itself', async () => {
    const { db } = tempCorpus();
    const staticDir = join(tempDir(), 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Crosscheck</title>');
    const raw: number[] = [];
    const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }));
    server = await startServer({
      dispatch: async (method, input) => dispatch(method, input),
      dispatchBody: async (method, body) => (raw.push(body.length), dispatch(method, JSON.parse(body.toString('utf8')))),
      staticDir,
    });
    await post(server, 'search.articles', JSON.stringify({ query: 'ferry' }));
    expect(raw).toEqual([]);
    const big = JSON.stringify({ query: 'ferry', padding: ' '.repeat(256 * 1024) });
    await post(server, 'search.articles', big);
    expect(raw).toEqual([Buffer.byteLength(big)]);
  });
});

describe('the file name of a raw upload body', () => {
  it('is read from the start of the body, escapes and all, without parsing the rest', () => {
    expect(fileNameIn(Buffer.from(`{"fileName":"a \\"b\\" é.txt","contentBase64":"${'A'.repeat(10)}`))).toBe('a "b" é.txt');
    expect(fileNameIn(Buffer.from(' { "fileName" : "x.html" , "contentBase64": ""}'))).toBe('x.html');
  });

  it('is null when the body does not start with it', () => {
    expect(fileNameIn(Buffer.from('{"contentBase64":"","fileName":"x.txt"}'))).toBeNull();
    expect(fileNameIn(Buffer.from('not json'))).toBeNull();
    expect(fileNameIn(Buffer.from('{"fileName": 7}'))).toBeNull();
  });
});
