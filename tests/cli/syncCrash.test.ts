/**
 * `crosscheck sync` killed with SIGKILL in the middle of a push and of a pull, the hub
 * killed, and PostgreSQL restarted under it: running sync again always finishes with
 * every operation on the hub exactly once and the devices identical.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAnalyst } from '../../main/hub/analysts.ts';
import { migrateHub, openHubPool } from '../../main/hub/hubDatabase.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { spawnHub, type HubProcess } from '../helpers/hubProcess.ts';
import { startPostgres, type RunningPostgres } from '../helpers/postgres.ts';
import { cliEnv } from '../helpers/runCli.ts';
import { logicalDump } from '../helpers/syncHarness.ts';
import { articleText } from '../helpers/syncTeam.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

let postgres: RunningPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(() => postgres?.stop(), 60_000);

const CLI = join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js');

async function newHub(analysts: string[]) {
  const databaseUrl = await postgres.createDatabase();
  const pool = openHubPool(databaseUrl, { max: 2 });
  await migrateHub(pool);
  const tokens: Record<string, string> = {};
  for (const name of analysts) tokens[name] = await addAnalyst(pool, name);
  return { databaseUrl, pool, tokens };
}

/** A corpus with a few articles and `edits` annotation edits by `analyst`, closed again. */
function corpusWithWork(analyst: string, edits: number): string {
  const path = join(tempDir(), 'corpus.sqlite');
  const db = openDatabase(path);
  const api = createHandlers({ db, actor: analyst });
  const articles = [0, 1, 2].map(
    (i) => insertArticle(db, { text: articleText(500 + i, 2000), title: null, outlet: null, url: null, published: null, fileName: null }, analyst).articleId,
  );
  db.transaction(() => {
    for (let i = 0; i < edits; i++) {
      const a = api['annotations.create']({ articleId: articles[i % 3]!, start: (i * 7) % 5000, end: ((i * 7) % 5000) + 12, tag: 'claim' });
      if (i % 3 === 0) api['annotations.update']({ id: a.id, tag: 'denial' });
    }
  })();
  db.close();
  return path;
}

function emptyCorpus(): string {
  const path = join(tempDir(), 'corpus.sqlite');
  openDatabase(path).close();
  return path;
}

function startSync(hub: HubProcess, db: string, analyst: string, token: string) {
  const child = spawn(CLI, ['sync', '--hub', hub.url, '--db', db, '--json'], {
    cwd: PROJECT_ROOT,
    env: cliEnv({ CROSSCHECK_HUB_TOKEN: token, CROSSCHECK_ANALYST: analyst }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** Waits until `progress()` says the work is under way but not finished, then SIGKILLs the process. */
async function killWhen(run: ReturnType<typeof startSync>, progress: () => Promise<boolean>): Promise<boolean> {
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (!exited) {
    if (await progress()) {
      run.child.kill('SIGKILL');
      return (await run.exited).signal === 'SIGKILL';
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

async function hubCounts(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS count, count(DISTINCT id)::int AS distinct, coalesce(max(seq), 0)::int AS "maxSeq" FROM operations'))
      .rows[0] as { count: number; distinct: number; maxSeq: number };
  } finally {
    await client.end();
  }
}

const localOperations = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM operations WHERE origin = 'local'").pluck().get() as number;
  } finally {
    db.close();
  }
};
const pulledSeq = (path: string) => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT last_pulled_seq FROM sync_state').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** A sync left to finish, however long a loaded machine makes it take. */
async function syncToEnd(hub: HubProcess, db: string, analyst: string, token: string): Promise<void> {
  const run = startSync(hub, db, analyst, token);
  const outcome = await run.exited;
  expect(outcome.code, outcome.stderr).toBe(0);
}

describe('crosscheck sync interrupted', () => {
  it('completes with no loss and no duplicate after SIGKILL mid-push and mid-pull', async () => {
    const { databaseUrl, pool, tokens } = await newHub(['ana', 'ben']);
    await pool.end();
    const hub = await spawnHub(databaseUrl);
    try {
      const ana = corpusWithWork('ana', 2500);
      // Mid-push: some batches committed on the hub, not all.
      const push = startSync(hub, ana, 'ana', tokens.ana!);
      const total = localOperations(ana);
      const killedPushing = await killWhen(push, async () => {
        const { count } = await hubCounts(databaseUrl);
        return count > 0 && count < total;
      });
      expect(killedPushing).toBe(true);
      await syncToEnd(hub, ana, 'ana', tokens.ana!);
      expect(await hubCounts(databaseUrl)).toEqual({ count: total, distinct: total, maxSeq: total });

      // Mid-pull: the other device has applied part of the log.
      const ben = emptyCorpus();
      const pull = startSync(hub, ben, 'ben', tokens.ben!);
      const killedPulling = await killWhen(pull, async () => {
        const seq = pulledSeq(ben);
        return seq > 0 && seq < total;
      });
      expect(killedPulling).toBe(true);
      await syncToEnd(hub, ben, 'ben', tokens.ben!);
      expect(pulledSeq(ben)).toBe(total);

      const [a, b] = [openDatabase(ana), openDatabase(ben)];
      try {
        expect(logicalDump(b)).toEqual(logicalDump(a));
      } finally {
        a.close();
        b.close();
      }
      expect(await hubCounts(databaseUrl)).toEqual({ count: total, distinct: total, maxSeq: total });
    } finally {
      await hub.stop();
    }
  }, 300_000);

  it('completes after the hub is SIGKILLed during a sync, and rides out a PostgreSQL restart', async () => {
    const { databaseUrl, pool, tokens } = await newHub(['ana']);
    await pool.end();
    let hub = await spawnHub(databaseUrl);
    try {
      const ana = corpusWithWork('ana', 2500);
      const total = localOperations(ana);
      const push = startSync(hub, ana, 'ana', tokens.ana!);
      let killedHub = false;
      while (!killedHub) {
        const { count } = await hubCounts(databaseUrl);
        if (count > 0) {
          await hub.stop('SIGKILL');
          killedHub = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The device's sync retries, then gives up with a clear message; nothing it holds is lost.
      const outcome = await push.exited;
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(/nothing is lost: run sync again/);
      hub = await spawnHub(databaseUrl, { port: hub.port });

      // A restart of PostgreSQL while the rerun pushes: the hub answers 503 and the device retries.
      const rerun = startSync(hub, ana, 'ana', tokens.ana!);
      postgres.restart();
      const finished = await rerun.exited;
      expect(finished.code, finished.stderr).toBe(0);
      await syncToEnd(hub, ana, 'ana', tokens.ana!);
      expect(await hubCounts(databaseUrl)).toEqual({ count: total, distinct: total, maxSeq: total });
    } finally {
      await hub.stop();
    }
  }, 300_000);
});
