import Database from 'better-sqlite3';
import { CrosscheckError } from '../api/errors.ts';
import { backupBeforeMigration, latestGoodBackup, type Backup } from './backups.ts';
import { cheapCheck } from './integrity.ts';
import { MIGRATIONS, LATEST_VERSION } from './migrations/index.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** Milliseconds a writer waits for another process's lock before giving up. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) a corpus file, sets the pragmas every connection
 * needs and brings the schema up to date. A damaged file, or one from a newer
 * Crosscheck, is refused before anything is written to it; an older one is
 * backed up before its schema is migrated.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  try {
    assertIsDatabase(db, file);
    assertSound(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const version = schemaVersion(db);
    if (file !== ':memory:' && version > 0 && version < LATEST_VERSION) backupBeforeMigration(db, file);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Refusal to open a damaged corpus, naming the backup to restore; the damaged file is left as it is. */
export class CorruptDatabaseError extends CrosscheckError {
  readonly corpusPath: string;
  readonly latestGoodBackup: Backup | null;

  constructor(corpusPath: string, detail: string) {
    const backup = latestGoodBackup(corpusPath);
    const offer = backup
      ? `The latest good backup is ${backup.path} (taken ${backup.takenAt}). ` +
        `Restore it with: crosscheck restore --db "${corpusPath}" — the damaged file is moved aside, not deleted.`
      : 'No good backup of it was found. Keep the file: a damaged corpus can often be partly recovered with sqlite3 ".recover".';
    super('corrupt_database', `${corpusPath} is damaged (${detail}); Crosscheck did not change it. ${offer}`);
    this.name = 'CorruptDatabaseError';
    this.corpusPath = corpusPath;
    this.latestGoodBackup = backup;
  }
}

function assertIsDatabase(db: Db, file: string): void {
  try {
    db.pragma('schema_version');
  } catch (error) {
    if (isCorruptionError(error)) throw new CorruptDatabaseError(file, (error as Error).message);
    const message = error instanceof Error ? error.message : String(error);
    throw new CrosscheckError('not_a_database', `${file} is not a Crosscheck corpus (${message}).`);
  }
}

/**
 * The cheap check at every open (integrity.ts): costs the same at five
 * articles or a hundred thousand; the full quick_check, which reads every
 * page, runs on demand and on a schedule instead.
 */
function assertSound(db: Db, file: string): void {
  let verdict: unknown;
  try {
    verdict = cheapCheck(db);
  } catch (error) {
    if (isCorruptionError(error)) throw new CorruptDatabaseError(file, (error as Error).message);
    throw error;
  }
  if (verdict !== null) throw new CorruptDatabaseError(file, String(verdict));
}

function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT_'));
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
