/**
 * A real PostgreSQL server for tests and benchmarks: a fresh cluster in a temporary
 * folder, on a free loopback port, removed afterwards. PostgreSQL refuses to run as
 * root, so when the tests run as root the cluster belongs to the `postgres` user and
 * every server command runs through `runuser`. A missing PostgreSQL is an error with
 * the fix in its message, never a skipped test.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const POSTGRES_ROOT = '/usr/lib/postgresql';

export interface RunningPostgres {
  /** postgres://… of the cluster's default `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  /** A new, empty database on this cluster; returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** `pg_ctl restart` (fast shutdown, then start on the same port). */
  restart(): void;
  /** Stops the server and deletes its folder. Safe to call twice. */
  stop(): void;
  /** A streaming read replica of this cluster (pg_basebackup -R), as a cluster of its own to stop. */
  startReplica(): Promise<RunningPostgres>;
}

/** The bin folder of the newest PostgreSQL installed, or a clear error saying how to install one. */
export function postgresBinDir(): string {
  const override = process.env.CROSSCHECK_PG_BIN;
  if (override) {
    if (!existsSync(join(override, 'initdb'))) throw new Error(`CROSSCHECK_PG_BIN=${override} has no initdb in it.`);
    return override;
  }
  const versions = existsSync(POSTGRES_ROOT)
    ? readdirSync(POSTGRES_ROOT)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(POSTGRES_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) were not found under ${POSTGRES_ROOT}/<version>/bin. ` +
        'These tests need a real PostgreSQL: install it (Debian/Ubuntu: `apt-get install -y postgresql`) or set CROSSCHECK_PG_BIN to its bin folder.',
    );
  }
  return join(POSTGRES_ROOT, versions[0]!, 'bin');
}

const runningAsRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function postgresUserIds(): { uid: number; gid: number } {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('The tests run as root, and PostgreSQL refuses root: a `postgres` user is needed (the postgresql package creates it).');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a PostgreSQL server program as the user that owns the cluster. */
function runServerTool(binDir: string, tool: string, args: string[]): SpawnSyncReturns<string> {
  const program = join(binDir, tool);
  const [command, commandArgs] = runningAsRoot() ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  // pg_ctl start leaves the server running with our pipes; 'ignore' for stdio keeps spawnSync from waiting on them.
  const result = spawnSync(command, commandArgs as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (result.error) throw new Error(`${tool} could not run: ${result.error.message}`);
  return result;
}

function check(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** fsync on, as in production. Off by default: tests measure behaviour, not the disk. */
  durable?: boolean;
}

/** Starts a fresh cluster. The caller must `stop()` it; a process exit stops it too. */
export async function startPostgres(options: StartOptions = {}): Promise<RunningPostgres> {
  return startCluster(options, null);
}

/** A new cluster: initdb'd, or (given a primary's port) copied from it as a standby that streams its changes. */
async function startCluster(options: StartOptions, primaryPort: number | null): Promise<RunningPostgres> {
  const binDir = postgresBinDir();
  const root = mkdtempSync(join(tmpdir(), 'crosscheck-pg-'));
  if (runningAsRoot()) {
    const { uid, gid } = postgresUserIds();
    chownSync(root, uid, gid);
  }
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  let stopped = false;
  const removeFolder = () => rmSync(root, { recursive: true, force: true });
  const stopServer = () => {
    if (stopped) return;
    stopped = true;
    runServerTool(binDir, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
    removeFolder();
    process.off('exit', stopServer);
  };
  try {
    if (primaryPort === null) {
      check(runServerTool(binDir, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']), 'initdb');
    } else {
      check(
        runServerTool(binDir, 'pg_basebackup', [
          '-h',
          '127.0.0.1',
          '-p',
          String(primaryPort),
          '-U',
          'postgres',
          '-D',
          dataDir,
          '-R',
          '-X',
          'stream',
          '-c',
          'fast',
          '--no-sync',
        ]),
        'pg_basebackup',
      );
    }
  } catch (error) {
    removeFolder();
    throw error;
  }
  process.once('exit', stopServer);

  let port = 0;
  const serverOptions = () =>
    [`-p ${port}`, `-k ${root}`, "-c listen_addresses='127.0.0.1'", `-c fsync=${options.durable ? 'on' : 'off'}`, '-c max_connections=200'].join(' ');
  // Another process can take the free port between the probe and the start: try a few.
  let lastFailure = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    port = await freeLoopbackPort();
    const started = runServerTool(binDir, 'pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions()]);
    if (started.status === 0) break;
    lastFailure = started.stderr || started.stdout;
    port = 0;
  }
  if (port === 0) {
    stopServer();
    throw new Error(`PostgreSQL did not start: ${lastFailure}`);
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    port,
    dataDir,
    async createDatabase(name = `test_${++databases}`) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name} is not a plain identifier`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    restart() {
      check(
        runServerTool(binDir, 'pg_ctl', ['restart', '-D', dataDir, '-l', logFile, '-m', 'fast', '-w', '-t', '60', '-o', serverOptions()]),
        'pg_ctl restart',
      );
    },
    stop: stopServer,
    startReplica: () => startCluster(options, port),
  };
}
