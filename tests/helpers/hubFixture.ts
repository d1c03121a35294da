/** A hub on a real PostgreSQL database for one test: pool, server, analysts with their tokens. */
import { randomUUID } from 'node:crypto';
import { addAnalyst } from '../../main/hub/analysts.ts';
import type { Operation } from '../../main/hub/envelope.ts';
import { migrateHub, openHubPool, type HubPool } from '../../main/hub/hubDatabase.ts';
import { startHubServer } from '../../main/hub/hubServer.ts';
import type { RunningPostgres } from './postgres.ts';

export interface TestHub {
  url: string;
  pool: HubPool;
  databaseUrl: string;
  tokens: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestHub(postgres: RunningPostgres, analysts: string[] = ['ana', 'ben', 'cy']): Promise<TestHub> {
  const databaseUrl = await postgres.createDatabase();
  const pool = openHubPool(databaseUrl);
  await migrateHub(pool);
  const tokens: Record<string, string> = {};
  for (const name of analysts) tokens[name] = await addAnalyst(pool, name);
  const server = await startHubServer({ pool, log: () => {} });
  return {
    url: server.url,
    pool,
    databaseUrl,
    tokens,
    async close() {
      await server.close();
      await pool.end();
    },
  };
}

/** Everything a refused request must leave as it was: the log, the devices, the articles, the counter. */
export async function hubSnapshot(pool: HubPool): Promise<string> {
  const { rows } = await pool.query(`
    SELECT (SELECT last_seq FROM sequence_head) AS head,
           (SELECT md5(coalesce(string_agg(seq || id::text || fingerprint::text, ',' ORDER BY seq), '')) FROM operations) AS operations,
           (SELECT md5(coalesce(string_agg(id::text || analyst, ',' ORDER BY id), '')) FROM devices) AS devices,
           (SELECT md5(coalesce(string_agg(sha256 || md5(body), ',' ORDER BY sha256), '')) FROM articles) AS articles`);
  return JSON.stringify(rows[0]);
}

export function makeOperation(fields: Partial<Operation> & { analyst: string; device: string }): Operation {
  return {
    id: randomUUID(),
    kind: 'annotation.update',
    entity: randomUUID(),
    baseVersion: null,
    payload: { tag: 'claim', note: 'a note' },
    createdAt: new Date().toISOString(),
    ...fields,
  };
}

export async function hubRequest(
  hub: TestHub,
  method: string,
  path: string,
  options: { token?: string | null; body?: string | Uint8Array<ArrayBuffer>; headers?: Record<string, string> } = {},
) {
  const token = options.token === undefined ? hub.tokens.ana : options.token;
  const response = await fetch(new URL(path, hub.url), {
    method,
    body: options.body,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not every answer is JSON (article texts).
  }
  return { status: response.status, text, json };
}
