import { Agent, request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contract, METHODS, type Result } from '../../main/contract/contract.ts';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../main/server/httpServer.ts';
import { seededRandom } from '../bench/random.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import { emptyTally, fuzzCorpus, isValidInput, PER_METHOD, SEED, sendInvalid, sendValid, summary } from './fuzzRun.ts';
import { payloadSource, randomJson, randomString } from './payloads.ts';

const tally = emptyTally();
/** Requests in flight at once, as a browser would have them. */
const CONCURRENCY = 6;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
afterAll(() => {
  agent.destroy();
  console.log(summary('browser-mode HTTP server', tally));
});

async function fuzzServer() {
  const { db, dispatch, onInternalError } = fuzzCorpus();
  const staticDir = join(tempDir(), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Crosscheck</title>');
  const server = await startServer({ dispatch, staticDir });
  return { db, server, onInternalError };
}

interface Raw {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request over loopback; the answer must be a JSON result with a fitting status, never a dropped connection. */
function call(server: RunningServer, raw: Raw): Promise<Result<unknown>> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, agent, method: raw.method ?? 'POST', path: raw.path, headers: raw.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown>;
          const status = res.statusCode!;
          if (status === 500 || (result.ok && status !== 200) || (!result.ok && status < 400))
            reject(new Error(`status ${status} for ${JSON.stringify(result)}`));
          else if (!String(res.headers['content-type']).startsWith('application/json')) reject(new Error('answer is not JSON'));
          else if (res.headers['access-control-allow-origin'] !== undefined) reject(new Error('CORS header sent'));
          else resolve(result);
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end(raw.body);
  });
}

/** Header values must be visible ASCII, or the client itself refuses to send them. */
const printable = (text: string) => text.replace(/[^\x21-\x7e]/g, '');
const percentEncoded = (text: string) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const apiHeaders = (server: RunningServer) => ({ host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: server.token });

/** What the server hands to dispatch for a JSON payload: the body after a round trip (no body means {}). */
const asBody = (payload: unknown) => JSON.stringify(payload);
const received = (body: string | undefined) => (body === undefined ? {} : (JSON.parse(body) as unknown));

describe('fuzzing the browser-mode server', () => {
  it.each(METHODS)(
    `%s: ${PER_METHOD} random JSON bodies over loopback, each answered clearly; refused ones leave the corpus unchanged`,
    async (method) => {
      const { db, server, onInternalError } = await fuzzServer();
      try {
        const random = seededRandom(SEED + 100 + METHODS.indexOf(method));
        const source = payloadSource(random, contract[method].input);
        const bodies = Array.from({ length: PER_METHOD }, () => asBody(source.next()));
        const send = (body: unknown) => call(server, { path: `/api/${method}`, headers: apiHeaders(server), body: body as string | undefined });
        await sendInvalid(
          db,
          bodies.filter((body) => !isValidInput(method, received(body))),
          send,
          tally,
          { concurrency: CONCURRENCY },
        );
        await sendValid(
          method,
          bodies.filter((body) => isValidInput(method, received(body))),
          send,
          tally,
          { concurrency: CONCURRENCY },
        );
        expect(onInternalError).not.toHaveBeenCalled();
      } finally {
        await server.close();
      }
    },
    120_000,
  );

  it(`answers ${PER_METHOD} malformed requests (bodies, types, paths, verbs, tokens, hosts) with clear refusals and changes nothing`, async () => {
    const { db, server, onInternalError } = await fuzzServer();
    try {
      const random = seededRandom(SEED + 200);
      const good = apiHeaders(server);
      const variants: Array<() => { raw: Raw; codes: string[] }> = [
        () => ({
          raw: { path: `/api/${METHODS[0]}`, headers: good, body: JSON.stringify(randomJson(random)).slice(0, -1 - Math.floor(random() * 3)) + '\u0000' },
          codes: ['invalid_input'],
        }),
        () => ({
          raw: { path: `/api/annotations.create`, headers: good, body: Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))) },
          codes: ['invalid_input'],
        }),
        () => ({ raw: { path: `/api/articles.get`, headers: good, body: '['.repeat(20_000 + Math.floor(random() * 1000)) }, codes: ['invalid_input'] }),
        () => ({
          raw: {
            path: `/api/articles.list`,
            headers: { ...good, 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', '']) },
            body: '{}',
          },
          codes: ['invalid_input'],
        }),
        () => ({
          raw: {
            path: `/api/${pick([percentEncoded(randomString(random, 20)), '%zz', '..%2f..%2fetc', '__proto__', 'constructor', 'articles.list/x', '%00'])}`,
            headers: good,
            body: '{}',
          },
          codes: ['not_found', 'invalid_input'],
        }),
        () => ({
          raw: { path: `/api/annotations.delete`, method: pick(['GET', 'PUT', 'DELETE', 'PATCH']), headers: good, body: '{"id":1}' },
          codes: ['invalid_input'],
        }),
        () => ({
          raw: {
            path: `/api/annotations.delete`,
            headers: { ...good, [TOKEN_HEADER]: printable(randomString(random, 40)) || server.token.slice(1) },
            body: '{"id":1}',
          },
          codes: ['unauthorized'],
        }),
        () => ({
          raw: {
            path: `/api/annotations.delete`,
            headers: { ...good, host: `${randomString(random, 12).replace(/[^a-z.]/g, '') || 'evil'}.example:${server.port}` },
            body: '{"id":1}',
          },
          codes: ['forbidden'],
        }),
        () => ({
          raw: {
            path: `/api/annotations.delete`,
            headers: { ...good, origin: pick(['null', 'http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'file://']) },
            body: '{"id":1}',
          },
          codes: ['forbidden'],
        }),
      ];
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      const cases = Array.from({ length: PER_METHOD }, () => pick(variants)());
      await sendInvalid(db, cases, (c) => call(server, (c as (typeof cases)[number]).raw), tally, {
        codes: (c) => (c as (typeof cases)[number]).codes,
        concurrency: CONCURRENCY,
      });
      expect(onInternalError).not.toHaveBeenCalled();
    } finally {
      await server.close();
    }
  }, 120_000);
});
