/**
 * The hub's endpoints under random and hostile requests: malformed bodies, mutated
 * operations, replays with changed content, forged analysts, other analysts'
 * devices, bad tokens, odd paths and queries. Every refusal is a 4xx with a JSON
 * sentence and leaves the hub's database exactly as it was; nothing is ever a 5xx.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushBodySchema } from '../../main/hub/envelope.ts';
import { seededRandom } from '../bench/random.ts';
import { hubRequest, hubSnapshot, makeOperation, startTestHub, type TestHub } from '../helpers/hubFixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { PER_METHOD, SEED } from './fuzzRun.ts';
import { randomJson, randomString, type Random } from './payloads.ts';

let postgres: RunningPostgres;
let hub: TestHub;
const devices = { ana: randomUUID(), ben: randomUUID() };
const stored: ReturnType<typeof makeOperation>[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  hub = await startTestHub(postgres, ['ana', 'ben']);
  for (const analyst of ['ana', 'ben'] as const) {
    const ops = Array.from({ length: 5 }, () => makeOperation({ analyst, device: devices[analyst] }));
    const answer = await hubRequest(hub, 'POST', '/v1/push', { body: JSON.stringify({ operations: ops }), token: hub.tokens[analyst] });
    expect(answer.status).toBe(200);
    stored.push(...ops);
  }
}, 60_000);
afterAll(async () => {
  await hub?.close();
  postgres?.stop();
}, 60_000);

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const FIELDS = ['id', 'analyst', 'device', 'kind', 'entity', 'baseVersion', 'payload', 'createdAt', 'seq', '__proto__'];

/** A push body meant to be refused: each is one of the ways a broken or hostile device could send one. */
function hostilePush(random: Random): { body: string; token: string } {
  const fresh = () => makeOperation({ analyst: 'ana', device: devices.ana });
  const roll = random();
  if (roll < 0.15) return { body: randomString(random, 200), token: hub.tokens.ana! };
  if (roll < 0.3) return { body: JSON.stringify(randomJson(random)), token: hub.tokens.ana! };
  if (roll < 0.5) {
    // One field of an otherwise good operation replaced by anything (payload excepted: any JSON is a payload).
    const op: Record<string, unknown> = { ...fresh() };
    const field = pick(
      random,
      FIELDS.filter((f) => f !== 'payload'),
    );
    const value = random() < 0.5 ? randomString(random) : randomJson(random);
    if (random() < 0.2) delete op[field];
    else Object.defineProperty(op, field, { value, enumerable: true, writable: true, configurable: true });
    return { body: JSON.stringify({ operations: [fresh(), op] }), token: hub.tokens.ana! };
  }
  if (roll < 0.65) {
    // A stored operation replayed with something changed.
    const original = pick(random, stored);
    const changed = {
      ...original,
      payload: { changed: randomString(random) },
      createdAt: random() < 0.5 ? original.createdAt : new Date(1e12 + random() * 1e11).toISOString(),
    };
    return { body: JSON.stringify({ operations: [fresh(), changed] }), token: hub.tokens[original.analyst]! };
  }
  if (roll < 0.8) {
    // Ben signs as Ana, or writes from Ana's device.
    const forged = random() < 0.5 ? makeOperation({ analyst: 'ana', device: devices.ben }) : makeOperation({ analyst: 'ben', device: devices.ana });
    return { body: JSON.stringify({ operations: [makeOperation({ analyst: 'ben', device: devices.ben }), forged] }), token: hub.tokens.ben! };
  }
  if (roll < 0.9)
    return {
      body: JSON.stringify({ operations: [fresh()] }),
      token: random() < 0.5 ? randomString(random).replace(/[^\x21-\x7e]/g, 'x') : hub.tokens.ana!.slice(0, -1) + 'A',
    };
  return { body: JSON.stringify({ operations: [fresh(), { ...fresh(), payload: 'x'.repeat(260 * 1024) }] }), token: hub.tokens.ana! };
}

function hostilePath(random: Random): { method: string; path: string; body?: string } {
  const roll = random();
  if (roll < 0.4)
    return {
      method: 'GET',
      path: `/v1/pull?after=${encodeURIComponent(randomString(random, 12).replace(/[\ud800-\udfff]/g, '?'))}&limit=${encodeURIComponent(randomString(random, 8).replace(/[\ud800-\udfff]/g, '?'))}`,
    };
  if (roll < 0.7)
    return {
      method: pick(random, ['GET', 'PUT', 'HEAD', 'DELETE']),
      path: `/v1/articles/${encodeURIComponent(randomString(random, 70).replace(/[\ud800-\udfff]/g, '?'))}`,
      body: undefined,
    };
  if (roll < 0.85) return { method: 'PUT', path: `/v1/articles/${'a'.repeat(64)}`, body: randomString(random, 100) };
  return {
    method: pick(random, ['GET', 'POST', 'DELETE', 'PATCH']),
    path: `/${encodeURIComponent(randomString(random, 20).replace(/[\ud800-\udfff]/g, '?'))}`,
  };
}

describe('fuzzing the hub endpoints', () => {
  it('answers every hostile push with a clear 4xx and leaves the hub database unchanged', async () => {
    const random = seededRandom(SEED);
    let before = await hubSnapshot(hub.pool);
    const statuses = new Map<number, number>();
    for (let i = 0; i < PER_METHOD; i++) {
      const { body, token } = hostilePush(random);
      // A mutation can happen to leave a valid push (a field replaced by a value of its own type): that one is allowed through.
      let valid = false;
      try {
        valid = pushBodySchema.safeParse(JSON.parse(body)).success;
      } catch {
        valid = false;
      }
      const answer = await hubRequest(hub, 'POST', '/v1/push', { body, token });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, body.slice(0, 300)).toBeLessThan(500);
      if (answer.status >= 400) {
        expect(answer.json?.error?.message?.length, body.slice(0, 300)).toBeGreaterThan(5);
        expect(await hubSnapshot(hub.pool), body.slice(0, 300)).toBe(before);
      } else {
        expect(valid, `accepted: ${body.slice(0, 300)}`).toBe(true);
        before = await hubSnapshot(hub.pool);
      }
    }
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect(statuses.get(401)).toBeGreaterThan(0);
    expect(statuses.get(403)).toBeGreaterThan(0);
    expect(statuses.get(409)).toBeGreaterThan(0);
  });

  it('answers random paths, queries and article requests with clear answers and never a 5xx', async () => {
    const random = seededRandom(SEED + 1);
    const before = await hubSnapshot(hub.pool);
    for (let i = 0; i < PER_METHOD; i++) {
      const { method, path, body } = hostilePath(random);
      const answer = await hubRequest(hub, method, path, { body, headers: body === undefined ? {} : { 'content-type': 'text/plain' } });
      expect(answer.status, `${method} ${path}`).toBeLessThan(500);
      if (answer.status >= 400 && method !== 'HEAD') expect(answer.json?.error?.message?.length, `${method} ${path}`).toBeGreaterThan(5);
    }
    expect(await hubSnapshot(hub.pool)).toBe(before);
  });
});
