import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../main/hub/envelope.ts';
import { parseHubAddress } from '../../main/sync/hubAddress.ts';
import { HubClient } from '../../main/sync/hubClient.ts';
import { makeOperation } from '../helpers/hubFixture.ts';
import { spawnHub } from '../helpers/hubProcess.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { cliEnv, runCli } from '../helpers/runCli.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 60_000);

function addAnalyst(databaseUrl: string, name: string): string {
  const run = runCli(['hub', 'add-analyst', name, '--database', databaseUrl, '--json']);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout).token;
}

async function countOperations(databaseUrl: string): Promise<{ count: number; distinct: number; maxSeq: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT count(*)::int AS count, count(DISTINCT id)::int AS distinct, coalesce(max(seq), 0)::int AS "maxSeq" FROM operations',
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('crosscheck hub', () => {
  it('adds an analyst, printing a token that then opens the hub to them and to nobody else', async () => {
    const databaseUrl = await postgres.createDatabase();
    const token = addAnalyst(databaseUrl, 'ana');
    expect(token).toMatch(/^cch_[A-Za-z0-9_-]{43}$/);
    const again = runCli(['hub', 'add-analyst', 'ana', '--database', databaseUrl]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has an analyst named ana/);
    expect(runCli(['hub', 'add-analyst', 'bad name!', '--database', databaseUrl]).stderr).toMatch(/analyst name/);

    const hub = await spawnHub(databaseUrl);
    try {
      expect(await new HubClient(parseHubAddress(hub.url), token).me()).toEqual({ analyst: 'ana', lastSeq: 0 });
      await expect(new HubClient(parseHubAddress(hub.url), token.slice(0, -2) + 'zz').me()).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  });

  it('saves a login only after the hub accepts the token, in a file only its owner can read', async () => {
    const databaseUrl = await postgres.createDatabase();
    const token = addAnalyst(databaseUrl, 'ben');
    const hub = await spawnHub(databaseUrl);
    const db = join(tempDir(), 'corpus.sqlite');
    try {
      const wrong = runCli(['hub', 'login', hub.url, '--db', db], { env: { CROSSCHECK_HUB_TOKEN: 'cch_' + 'x'.repeat(43) } });
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/refused.*token/);
      expect(existsSync(join(db, '..', 'hub-logins.json'))).toBe(false);

      const piped = spawnSync(join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), ['hub', 'login', hub.url, '--db', db], {
        env: cliEnv({ CROSSCHECK_HUB_TOKEN: '' }),
        input: `${token}\n`,
        encoding: 'utf8',
      });
      expect(piped.status, piped.stderr).toBe(0);
      expect(piped.stdout).toMatch(/as ben/);
      const saved = join(db, '..', 'hub-logins.json');
      expect(statSync(saved).mode & 0o777).toBe(0o600);
    } finally {
      await hub.stop();
    }
  });

  it('refuses to start on a database a newer hub wrote, and on a bad database address', async () => {
    const databaseUrl = await postgres.createDatabase();
    addAnalyst(databaseUrl, 'cy');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('UPDATE hub_schema SET version = version + 1');
    await client.end();
    await expect(spawnHub(databaseUrl)).rejects.toThrow(/newer than this hub understands/);
    expect(runCli(['hub', 'serve', '--database', 'mysql://x']).stderr).toMatch(/postgres:\/\//);
    expect(runCli(['hub', 'serve']).stderr).toMatch(/--database/);
  });

  it('loses and duplicates nothing when the hub is SIGKILLed in the middle of pushes and the pushes are sent again', async () => {
    const databaseUrl = await postgres.createDatabase();
    const token = addAnalyst(databaseUrl, 'ana');
    const device = randomUUID();
    const batches: Operation[][] = Array.from({ length: 30 }, () =>
      Array.from({ length: 500 }, () => makeOperation({ analyst: 'ana', device, payload: { text: 'x'.repeat(200) } })),
    );
    let hub = await spawnHub(databaseUrl);
    const client = () => new HubClient(parseHubAddress(hub.url), token);
    // Pushes race the kill: some commit, some are cut off mid-transaction, some never arrive.
    const inFlight = batches.map((batch) =>
      client()
        .push(batch)
        .then(
          () => 'acknowledged',
          () => 'lost',
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await hub.stop('SIGKILL')).toBe('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    const before = await countOperations(databaseUrl);
    expect(before.count).toBe(before.distinct);
    expect(before.count).toBe(before.maxSeq);
    expect(before.count).toBeLessThan(15_000);
    expect(outcomes).toContain('lost');

    hub = await spawnHub(databaseUrl, { port: hub.port });
    try {
      let duplicates = 0;
      for (const batch of batches) duplicates += (await client().push(batch)).duplicates;
      expect(duplicates).toBe(before.count);
      expect(await countOperations(databaseUrl)).toEqual({ count: 15_000, distinct: 15_000, maxSeq: 15_000 });
    } finally {
      await hub.stop();
    }
  });

  it('answers 503 while PostgreSQL restarts, and carries on without losing or repeating anything after it is back', async () => {
    const databaseUrl = await postgres.createDatabase();
    const token = addAnalyst(databaseUrl, 'ana');
    const device = randomUUID();
    const hub = await spawnHub(databaseUrl);
    const client = new HubClient(parseHubAddress(hub.url), token);
    try {
      const first = Array.from({ length: 100 }, () => makeOperation({ analyst: 'ana', device }));
      await client.push(first);
      postgres.restart();
      const second = Array.from({ length: 100 }, () => makeOperation({ analyst: 'ana', device }));
      // The pool's connections died with the restart; the first use may fail with a retryable error, never a wrong answer.
      let answer;
      for (let attempt = 0; attempt < 5 && !answer; attempt++)
        answer = await client.push([...first, ...second]).catch((error) => (expect(error.name).toBe('HubUnavailable'), undefined));
      expect(answer).toMatchObject({ accepted: 100, duplicates: 100, lastSeq: 200 });
      expect(await countOperations(databaseUrl)).toEqual({ count: 200, distinct: 200, maxSeq: 200 });
      expect(hub.stderr()).not.toMatch(/internal error/);
    } finally {
      await hub.stop();
    }
  });
});
