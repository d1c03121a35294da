import Database from 'better-sqlite3';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from './connection.ts';
import { backupBeforeMigration, latestGoodBackup, type Backup } from './backups.ts';
import { cheapCheck } from './databaseHealth.ts';
import { MIGRATIONS, LATEST_VERSION } from './migrations/index.ts';
import { describeChangedTexts, verifyTextsInTurn } from './textIntegrity.ts';
import { nameUuid, NAME_UUID_FUNCTION } from './uuids.ts';

export type { Db } from './connection.ts';

export interface OpenOptions {
  /** Milliseconds a writer waits for another process's lock before giving up. */
  busyTimeoutMs?: number;
  /**
   * Whether this open checks the next stretch of article texts (and moves the
   * check's cursor, a write). A second connection of a process whose first
   * already checked them (a worker) leaves it out: its write waited on the
   * first connection's lock and could fail the worker's open busy.
   */
  checkTexts?: boolean;
}

/**
 * Opens (creating if needed) a corpus file, sets the pragmas every connection
 * needs and brings the schema up to date. A damaged file, or one from a newer
 * Crosscheck, is refused before anything is written to it; an older one is
 * backed up before its schema is migrated.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') assertNotLost(file);
  let db: Db;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw readOnlyStorageError(file, error) ?? error;
  }
  try {
    assertIsDatabase(db, file);
    assertSound(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    registerFunctions(db);
    const version = schemaVersion(db);
    if (file !== ':memory:' && version > 0 && version < LATEST_VERSION) backupBeforeMigration(db, file);
    migrate(db);
    const changed = options.checkTexts === false ? [] : readableTexts(db, file);
    if (changed.length > 0) throw new CorruptDatabaseError(file, describeChangedTexts(changed));
    return db;
  } catch (error) {
    db.close();
    throw readOnlyStorageError(file, error) ?? error;
  }
}

/**
 * Opens a corpus only to check it (`crosscheck verify`): read-only, with the
 * cheap check of the file but neither migration nor the text check that makes
 * openDatabase refuse a changed article, so the check can name what changed.
 * A corpus from another schema version is refused: its log cannot be read as this version records it.
 */
export function openForChecking(file: string): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CANTOPEN')
      throw new CrosscheckError('not_found', `${file} does not exist or cannot be read; nothing to check.`);
    throw error;
  }
  try {
    assertIsDatabase(db, file);
    assertSound(db, file);
    const version = schemaVersion(db);
    if (version !== LATEST_VERSION)
      throw new CrosscheckError(
        version > LATEST_VERSION ? 'newer_database' : 'invalid_input',
        `${file} has schema version ${version}; this version of Crosscheck checks version ${LATEST_VERSION}. ` +
          (version > LATEST_VERSION ? 'Update Crosscheck to check it.' : 'Open it once with any other command to bring it up to date, then check it.'),
      );
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Why a corpus cannot be opened when its file or folder cannot be written
 * (read-only storage, a locked-down folder): SQLite says only "unable to open
 * database file" or "attempt to write a readonly database", which reads like damage.
 */
export function readOnlyStorageError(file: string, error: unknown): CrosscheckError | null {
  if (file === ':memory:') return null;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (!code.startsWith('SQLITE_CANTOPEN') && !code.startsWith('SQLITE_READONLY') && !(error instanceof CrosscheckError && error.code === 'not_a_database'))
    return null;
  for (const [path, what] of [
    [file, 'the corpus file'],
    [dirname(file), 'its folder'],
  ] as const) {
    try {
      accessSync(path, constants.W_OK);
    } catch (problem) {
      const reason = (problem as NodeJS.ErrnoException).code;
      if (reason === 'ENOENT') continue;
      const storage = reason === 'EROFS' ? 'is on read-only storage' : 'cannot be written by this user';
      return new CrosscheckError(
        'forbidden',
        `${file} cannot be opened: ${what} ${storage} (${reason}). Crosscheck writes to the corpus (and a -wal and -shm file beside it) even to read it; ` +
          'copy the folder somewhere writable, or point --db at a corpus there. Nothing was changed.',
      );
    }
  }
  return null;
}

/** Refusal to open a damaged corpus, naming the backup to restore; the damaged file is left as it is. */
/** The texts checked at open; a page that cannot be read on the way is damage like any other, refused with the restore offer. */
function readableTexts(db: Db, file: string): ReturnType<typeof verifyTextsInTurn> {
  try {
    return verifyTextsInTurn(db);
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_CORRUPT')) throw new CorruptDatabaseError(file, 'a page holding article text cannot be read');
    throw error;
  }
}

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

/**
 * A missing or empty corpus file is a first run only when it has no backups: with
 * good backups beside it the corpus was lost (deleted, truncated, a failed sync),
 * and starting afresh would bury it under a new, empty history. Nothing is created.
 */
function assertNotLost(file: string): void {
  let size: number | null;
  try {
    size = statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    size = null;
  }
  if (size !== null && size > 0) return;
  const backup = latestGoodBackup(file);
  if (!backup) return;
  const state = size === null ? 'is missing' : 'is empty (0 bytes)';
  throw new CrosscheckError(
    'corrupt_database',
    `${file} ${state}, but it has backups: the latest good one is ${backup.path} (taken ${backup.takenAt}). ` +
      `Restore it with: crosscheck restore --db "${file}". Nothing was created or changed.`,
  );
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
 * The cheap check at every open (databaseHealth.ts): costs the same at five
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

/** The SQL functions the schema's triggers call; every connection that writes registers them. */
export function registerFunctions(db: Db): void {
  db.function(NAME_UUID_FUNCTION, { deterministic: true }, (namespace: unknown, name: unknown) => nameUuid(String(namespace), String(name)));
}

/**
 * Applies every migration above the file's version, each in its own transaction.
 * A migration that rebuilds tables runs with foreign keys off (SQLite's documented
 * way: a DROP TABLE would otherwise cascade into the rows that point at it) and
 * must leave no broken reference: foreign_key_check runs before its commit.
 */
export function migrate(db: Db, upTo: number = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new CrosscheckError(
      'newer_database',
      `This corpus was written by a newer version of Crosscheck (schema version ${current}; ` +
        `this version understands up to ${LATEST_VERSION}). Update Crosscheck to open it; the file was not changed.`,
    );
  }
  let version = current;
  for (const migration of MIGRATIONS) {
    if (migration.version > upTo) continue;
    // A version at or below the corpus's is applied, unless it came after a higher one and says it is missing.
    if (migration.version <= current && (migration.isPresent?.(db) ?? true)) continue;
    const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // Checked again under the write lock: another connection may have added it meanwhile.
        if (migration.version <= current && migration.isPresent?.(db)) return;
        migration.up(db);
        if (migration.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0)
            throw new CrosscheckError('internal', `migration ${migration.version} would leave ${broken.length} broken reference(s); nothing was changed.`);
        }
        version = Math.max(version, migration.version);
        db.pragma(`user_version = ${version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsTables) db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    }
  }
}
