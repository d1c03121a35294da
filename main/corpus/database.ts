import Database from 'better-sqlite3';
import { CrosscheckError } from '../api/errors.ts';
import { MIGRATIONS, LATEST_VERSION } from './migrations/index.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Milliseconds a writer waits for another process's lock before giving up. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) a corpus file, sets the pragmas every connection
 * needs and brings the schema up to date. A file from a newer Crosscheck is
 * refused before anything is written to it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    assertIsDatabase(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function assertIsDatabase(db: Db, file: string): void {
  try {
    db.pragma('schema_version');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CrosscheckError('not_a_database', `${file} is not a Crosscheck corpus (${message}).`);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the file's version, each in its own transaction. */
export function migrate(db: Db, upTo: number = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new CrosscheckError(
      'newer_database',
      `This corpus was written by a newer version of Crosscheck (schema version ${current}; ` +
        `this version understands up to ${LATEST_VERSION}). Update Crosscheck to open it; the file was not changed.`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
