/**
 * The hub's PostgreSQL: a connection pool and the hub's own numbered migrations.
 * A database written by a newer hub is refused before anything is changed.
 */
import pg from 'pg';
import { CrosscheckError } from '../contract/errors.ts';
import { HUB_MIGRATIONS, LATEST_HUB_VERSION } from './migrations/index.ts';

export type HubPool = pg.Pool;

/** No statement may hold a connection longer: a push of 1,000 operations takes well under a second (bench:sync). */
const STATEMENT_TIMEOUT_MS = 30_000;
/** A key of our own for pg_advisory_xact_lock, so two hubs starting at once migrate one after the other. */
const MIGRATION_LOCK_KEY = 0x63636875; // "cchu"

export function openHubPool(databaseUrl: string, options: { max?: number } = {}): HubPool {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    throw new CrosscheckError('invalid_input', '--database must be a postgres:// URL');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new CrosscheckError('invalid_input', `--database must be a postgres:// URL, not ${parsed.protocol}//…`);
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    application_name: 'crosscheck-hub',
  });
  // An idle connection dropped by a database restart is reported here; without a listener it would end the process.
  pool.on('error', () => {});
  return pool;
}

async function currentVersion(client: pg.PoolClient): Promise<number> {
  await client.query('CREATE TABLE IF NOT EXISTS hub_schema (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), version integer NOT NULL)');
  const { rows } = await client.query<{ version: number }>('SELECT version FROM hub_schema');
  return rows[0]?.version ?? 0;
}

/** True when the database is a hot standby (a read replica): it can answer pulls but take no push. */
export async function isReadReplica(pool: HubPool): Promise<boolean> {
  const { rows } = await pool.query<{ replica: boolean }>('SELECT pg_is_in_recovery() AS replica');
  return rows[0]!.replica;
}

/**
 * Brings the database to the newest schema; each migration is one transaction. Returns the version now in place.
 * A read replica cannot be migrated: it must already carry exactly this hub's schema (migrate the primary first).
 */
export async function migrateHub(pool: HubPool): Promise<number> {
  if (await isReadReplica(pool)) {
    const { rows } = await pool
      .query<{ version: number }>("SELECT version FROM hub_schema WHERE to_regclass('hub_schema') IS NOT NULL")
      .catch(() => ({ rows: [] as Array<{ version: number }> }));
    const version = rows[0]?.version ?? 0;
    if (version !== LATEST_HUB_VERSION) {
      throw new CrosscheckError(
        'newer_database',
        `the read replica has hub schema version ${version}, this hub needs ${LATEST_HUB_VERSION}; start the hub on the primary first`,
      );
    }
    return version;
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    let version = await currentVersion(client);
    if (version > LATEST_HUB_VERSION) {
      throw new CrosscheckError(
        'newer_database',
        `the hub database has schema version ${version}, newer than this hub understands (${LATEST_HUB_VERSION}); run the newer hub`,
      );
    }
    await client.query('COMMIT');
    for (const migration of HUB_MIGRATIONS) {
      if (migration.version <= version) continue;
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      // Another hub may have migrated while we waited for the lock.
      if ((await currentVersion(client)) >= migration.version) {
        await client.query('COMMIT');
        continue;
      }
      await client.query(migration.sql);
      await client.query('INSERT INTO hub_schema (singleton, version) VALUES (true, $1) ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version', [
        migration.version,
      ]);
      await client.query('COMMIT');
      version = migration.version;
    }
    return Math.max(version, await currentVersion(client));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in one transaction on one connection: all of it commits, or none. */
export async function inTransaction<T>(pool: HubPool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      broken = true;
    }
    throw error;
  } finally {
    // A connection that could not even roll back is not handed to the next request.
    client.release(broken);
  }
}
