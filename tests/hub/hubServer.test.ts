import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrateHub, openHubPool } from '../../main/hub/hubDatabase.ts';
import { startHubServer } from '../../main/hub/hubServer.ts';
import { LATEST_HUB_VERSION } from '../../main/hub/migrations/index.ts';
import { hubRequest, hubSnapshot, makeOperation, startTestHub, type TestHub } from '../helpers/hubFixture.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';

let postgres: RunningPostgres;
let hub: TestHub;
const anaDevice = randomUUID();
const benDevice = randomUUID();

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 60_000);
afterEach(async () => hub?.close(), 60_000);

const push = (operations: unknown[], token?: string) => hubRequest(hub, 'POST', '/v1/push', { body: JSON.stringify({ operations }), token });
const pull = (after = 0, limit = 1000, token?: string) => hubRequest(hub, 'GET', `/v1/pull?after=${after}&limit=${limit}`, { token });

/** Sends a request that must be refused with `status`, and checks the hub's database did not change. */
async function expectRefusedUnchanged(send: () => Promise<{ status: number; json: any }>, status: number) {
  const before = await hubSnapshot(hub.pool);
  const answer = await send();
  expect(answer.status).toBe(status);
  expect(answer.json?.ok).toBe(false);
  expect(typeof answer.json?.error?.message).toBe('string');
  expect(await hubSnapshot(hub.pool)).toBe(before);
  return answer;
}

describe('the hub', () => {
  it('orders pushed operations with sequence numbers it alone assigns, and pulls them back in that order', async () => {
    hub = await startTestHub(postgres);
    const mine = [1, 2, 3].map((n) => makeOperation({ analyst: 'ana', device: anaDevice, payload: { n } }));
    const theirs = [4, 5].map((n) => makeOperation({ analyst: 'ben', device: benDevice, payload: { n } }));
    expect((await push(mine)).json).toEqual({ accepted: 3, duplicates: 0, lastSeq: 3, seqs: [1, 2, 3] });
    expect((await push(theirs, hub.tokens.ben)).json).toEqual({ accepted: 2, duplicates: 0, lastSeq: 5, seqs: [4, 5] });

    const all = await pull(0, 1000, hub.tokens.cy);
    expect(all.status).toBe(200);
    expect(all.json.operations.map((op: any) => op.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all.json.operations.map((op: any) => op.payload.n)).toEqual([1, 2, 3, 4, 5]);
    expect(all.json.operations[0]).toEqual({ ...mine[0], seq: 1 });
    expect(all.json).toMatchObject({ lastSeq: 5, more: false });

    const page = await pull(1, 2);
    expect(page.json.operations.map((op: any) => op.seq)).toEqual([2, 3]);
    expect(page.json).toMatchObject({ lastSeq: 3, more: true });
    expect((await pull(5)).json).toEqual({ operations: [], lastSeq: 5, more: false });
  });

  it('counts a replayed push as duplicates and stores nothing twice', async () => {
    hub = await startTestHub(postgres);
    const ops = [1, 2].map((n) => makeOperation({ analyst: 'ana', device: anaDevice, payload: { n } }));
    await push(ops);
    const before = await hubSnapshot(hub.pool);
    const replay = await push([ops[1], ops[0], ops[0]]);
    expect(replay.json).toEqual({ accepted: 0, duplicates: 3, lastSeq: 2, seqs: [2, 1, 1] });
    expect(await hubSnapshot(hub.pool)).toBe(before);
    // The same content with its keys in another order is the same operation.
    const reordered = JSON.parse(JSON.stringify({ payload: ops[0]!.payload, ...ops[0] }));
    expect((await push([reordered])).json.duplicates).toBe(1);
  });

  it('refuses an id pushed again with different content, storing nothing of that push', async () => {
    hub = await startTestHub(postgres);
    const original = makeOperation({ analyst: 'ana', device: anaDevice });
    await push([original]);
    const fresh = makeOperation({ analyst: 'ana', device: anaDevice });
    const answer = await expectRefusedUnchanged(() => push([fresh, { ...original, payload: { tag: 'denial' } }]), 409);
    expect(answer.json.error.message).toContain(original.id);
    await expectRefusedUnchanged(() => push([fresh, { ...fresh, kind: 'annotation.delete' }]), 409);
  });

  it("refuses a push naming another analyst, or from another analyst's device, storing nothing of it", async () => {
    hub = await startTestHub(postgres);
    await push([makeOperation({ analyst: 'ana', device: anaDevice })]);
    const honest = makeOperation({ analyst: 'ben', device: benDevice });
    const forged = makeOperation({ analyst: 'ana', device: benDevice });
    const answer = await expectRefusedUnchanged(() => push([honest, forged], hub.tokens.ben), 403);
    expect(answer.json.error.message).toMatch(/names analyst "ana".*belongs to "ben"/);
    // Ben writing his own name from Ana's device is refused too.
    await expectRefusedUnchanged(() => push([makeOperation({ analyst: 'ben', device: anaDevice })], hub.tokens.ben), 403);
  });

  it('answers every request without a valid token with 401, whatever it asks', async () => {
    hub = await startTestHub(postgres);
    for (const token of [null, 'cch_' + 'A'.repeat(43), hub.tokens.ana + 'x', 'Basic abc']) {
      await expectRefusedUnchanged(() => push([makeOperation({ analyst: 'ana', device: anaDevice })], token as string), 401);
      expect((await pull(0, 10, token as string)).status).toBe(401);
      expect((await hubRequest(hub, 'GET', '/v1/nowhere', { token })).status).toBe(401);
    }
  });

  it('refuses malformed pushes with a sentence naming what is wrong', async () => {
    hub = await startTestHub(postgres);
    const good = makeOperation({ analyst: 'ana', device: anaDevice });
    const cases: Array<[string, string, RegExp]> = [
      ['not JSON', '{"operations": [', /not valid JSON/],
      ['no operations', '{}', /operations/],
      ['empty batch', '{"operations": []}', /operations/],
      ['upper-case id', JSON.stringify({ operations: [{ ...good, id: good.id.toUpperCase() }] }), /operations\.0\.id/],
      ['time without zone', JSON.stringify({ operations: [{ ...good, createdAt: '2026-01-01T10:00:00' }] }), /createdAt/],
      ['unknown field', JSON.stringify({ operations: [{ ...good, seq: 4 }] }), /seq|Unrecognized/i],
      ['missing payload', JSON.stringify({ operations: [{ ...good, payload: undefined }] }), /payload/],
      ['entity neither uuid nor sha256', JSON.stringify({ operations: [{ ...good, entity: 'x' }] }), /entity/],
      [
        'too many operations',
        JSON.stringify({ operations: Array.from({ length: 1001 }, () => makeOperation({ analyst: 'ana', device: anaDevice })) }),
        /operations/,
      ],
    ];
    for (const [what, body, message] of cases) {
      const answer = await expectRefusedUnchanged(() => hubRequest(hub, 'POST', '/v1/push', { body }), 400);
      expect(answer.json.error.message, what).toMatch(message);
    }
    await expectRefusedUnchanged(
      () => hubRequest(hub, 'POST', '/v1/push', { body: JSON.stringify({ operations: [{ ...good, payload: 'x'.repeat(300_000) }] }) }),
      413,
    );
    await expectRefusedUnchanged(() => hubRequest(hub, 'POST', '/v1/push', { body: new Uint8Array(9 * 1024 * 1024).fill(32) }), 413);
    await expectRefusedUnchanged(
      () => hubRequest(hub, 'POST', '/v1/push', { body: JSON.stringify({ operations: [good] }), headers: { 'content-type': 'text/plain' } }),
      415,
    );
    await expectRefusedUnchanged(() => hubRequest(hub, 'GET', '/v1/push'), 405);
    expect((await pull(-1)).status).toBe(400);
    expect((await pull(0, 5001)).status).toBe(400);
    expect((await pull(0, 0)).status).toBe(400);
  });

  it('refuses requests a web page sends, whatever their token', async () => {
    hub = await startTestHub(postgres);
    await expectRefusedUnchanged(
      () =>
        hubRequest(hub, 'POST', '/v1/push', {
          body: JSON.stringify({ operations: [makeOperation({ analyst: 'ana', device: anaDevice })] }),
          headers: { origin: 'https://evil.example' },
        }),
      403,
    );
  });

  it('stores an article under the sha256 of its text, and refuses a text that does not hash to its address', async () => {
    hub = await startTestHub(postgres);
    const text = 'Officials said the bridge would reopen in March.\nCritics disagreed.';
    const sha = createHash('sha256').update(text).digest('hex');
    expect((await hubRequest(hub, 'HEAD', `/v1/articles/${sha}`)).status).toBe(404);
    expect((await hubRequest(hub, 'GET', `/v1/articles/${sha}`)).status).toBe(404);
    await expectRefusedUnchanged(() => hubRequest(hub, 'PUT', `/v1/articles/${sha}`, { body: text + '!' }), 400);
    await expectRefusedUnchanged(() => hubRequest(hub, 'PUT', `/v1/articles/${sha.toUpperCase()}`, { body: text }), 400);
    const crlf = 'a\r\nb';
    await expectRefusedUnchanged(() => hubRequest(hub, 'PUT', `/v1/articles/${createHash('sha256').update(crlf).digest('hex')}`, { body: crlf }), 400);
    expect((await hubRequest(hub, 'PUT', `/v1/articles/${sha}`, { body: text })).status).toBe(201);
    expect((await hubRequest(hub, 'PUT', `/v1/articles/${sha}`, { body: text, token: hub.tokens.ben })).status).toBe(200);
    expect((await hubRequest(hub, 'HEAD', `/v1/articles/${sha}`)).status).toBe(200);
    expect((await hubRequest(hub, 'GET', `/v1/articles/${sha}`, { token: hub.tokens.cy })).text).toBe(text);
  });

  it('gives concurrent pushes from many analysts one gap-free order that every pull sees whole', async () => {
    hub = await startTestHub(postgres);
    const devices = { ana: randomUUID(), ben: randomUUID(), cy: randomUUID() };
    const pushes = Object.entries(devices).flatMap(([analyst, device]) =>
      Array.from({ length: 8 }, () =>
        push(
          Array.from({ length: 25 }, () => makeOperation({ analyst, device })),
          hub.tokens[analyst],
        ),
      ),
    );
    const answers = await Promise.all(pushes);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const seqs = answers.flatMap((a) => a.json.seqs as number[]).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    const pulled = (await pull(0, 5000)).json.operations.map((op: any) => op.seq);
    expect(pulled).toEqual(seqs);
  });

  it('never lets a cursor skip an operation that commits late: a pull running alongside pushes sees every number once, in order', async () => {
    hub = await startTestHub(postgres);
    const devices = { ana: randomUUID(), ben: randomUUID(), cy: randomUUID() };
    let pushing = true;
    const pushers = Object.entries(devices).map(async ([analyst, device]) => {
      for (let i = 0; i < 12; i++) {
        const answer = await push(
          Array.from({ length: 40 }, () => makeOperation({ analyst, device })),
          hub.tokens[analyst],
        );
        expect(answer.status).toBe(200);
      }
    });
    const seen: number[] = [];
    const puller = (async () => {
      let cursor = 0;
      while (pushing || cursor < 1440) {
        const page = (await pull(cursor, 50)).json;
        seen.push(...page.operations.map((op: any) => op.seq));
        cursor = page.lastSeq;
      }
    })();
    await Promise.all(pushers);
    pushing = false;
    await puller;
    expect(seen).toEqual(Array.from({ length: 1440 }, (_, i) => i + 1));
  });

  it('refuses to run on a database written by a newer hub, changing nothing', async () => {
    hub = await startTestHub(postgres);
    await hub.pool.query('UPDATE hub_schema SET version = $1', [LATEST_HUB_VERSION + 1]);
    await expect(migrateHub(hub.pool)).rejects.toThrow(/newer than this hub understands/);
    const { rows } = await hub.pool.query('SELECT version FROM hub_schema');
    expect(rows[0].version).toBe(LATEST_HUB_VERSION + 1);
  });

  it('migrates a fresh database once, however often it is asked', async () => {
    hub = await startTestHub(postgres);
    expect(await migrateHub(hub.pool)).toBe(LATEST_HUB_VERSION);
    expect(await migrateHub(hub.pool)).toBe(LATEST_HUB_VERSION);
  });
});

describe('a hub on a read replica', () => {
  it('serves pulls of what the primary took, and sends pushes and uploads back to the primary', async () => {
    hub = await startTestHub(postgres);
    const ops = [1, 2, 3].map((n) => makeOperation({ analyst: 'ana', device: anaDevice, payload: { n } }));
    expect((await push(ops)).status).toBe(200);
    const replica = await postgres.startReplica();
    const pool = openHubPool(replica.url.replace(/\/postgres$/, `/${new URL(hub.databaseUrl).pathname.slice(1)}`));
    try {
      expect(await migrateHub(pool)).toBe(LATEST_HUB_VERSION);
      const server = await startHubServer({ pool, readOnly: true, log: () => {} });
      try {
        const onReplica = { ...hub, url: server.url };
        // Streaming replication catches up within moments; wait for the third operation.
        let pulled: any;
        for (let i = 0; i < 50; i++) {
          pulled = await hubRequest(onReplica, 'GET', '/v1/pull?after=0');
          if (pulled.json?.operations?.length === 3) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(pulled.json.operations.map((op: any) => op.id)).toEqual(ops.map((op) => op.id));
        const refused = await hubRequest(onReplica, 'POST', '/v1/push', {
          body: JSON.stringify({ operations: [makeOperation({ analyst: 'ana', device: anaDevice })] }),
        });
        expect(refused.status).toBe(405);
        expect(refused.json.error.message).toMatch(/read replica.*primary/);
      } finally {
        await server.close();
      }
    } finally {
      await pool.end();
      replica.stop();
    }
  }, 90_000);
});
