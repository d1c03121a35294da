import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { CrosscheckError } from '../contract/errors.ts';
import { busyError } from './busy.ts';
import type { Db } from './connection.ts';
import { describeIntegrity, verifyCorpus } from './integrity.ts';

/** Backups live beside the corpus, so moving the folder moves them along. */
export const BACKUP_FOLDER = 'backups';
/** With a backup every ten minutes while the app runs (backupSchedule.ts), ten reach back over an hour and a half of work. */
export const DEFAULT_BACKUPS_KEPT = 10;

export type BackupReason = 'scheduled' | 'manual' | 'quit' | 'before-migration' | 'before-delete';

export interface Backup {
  path: string;
  /** When the backup was taken, from its name (names sort in time order). */
  takenAt: string;
  reason: string;
}

export function backupFolder(corpusPath: string): string {
  return join(dirname(corpusPath), BACKUP_FOLDER);
}

const stem = (corpusPath: string) => basename(corpusPath, extname(corpusPath));
// Colons are not allowed in Windows file names, so the ISO time uses dashes.
const fileTime = (date: Date) => date.toISOString().replace(/:/g, '-');
const BACKUP_NAME = /^(.+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)-([a-z-]+?)(?:-\d+)?\.sqlite$/;

/** A backup being written: under a temporary name until complete, so a crash mid-copy never leaves a half file that looks like a backup. */
interface PendingBackup {
  path: string;
  partial: string;
}

function pendingBackup(corpusPath: string, reason: BackupReason, now: Date): PendingBackup {
  const folder = backupFolder(corpusPath);
  mkdirSync(folder, { recursive: true });
  const base = `${stem(corpusPath)}-${fileTime(now)}-${reason}`;
  let path = join(folder, `${base}.sqlite`);
  for (let n = 2; existsSync(path); n++) path = join(folder, `${base}-${n}.sqlite`);
  return { path, partial: `${path}.partial` };
}

/**
 * Makes the written copy a backup: one self-contained file in rollback
 * journal mode (so it opens read-only with no -wal or -shm beside it), under
 * its final name; then drops the oldest beyond `keep`.
 */
function completeBackup(corpusPath: string, { path, partial }: PendingBackup, keep: number): Backup {
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  renameSync(partial, path);
  pruneBackups(corpusPath, keep);
  return describe(corpusPath, path)!;
}

/** Takes an online backup with SQLite's backup API, which copies a consistent snapshot while the app keeps reading and writing. */
export async function backupCorpus(db: Db, corpusPath: string, reason: BackupReason, options: { keep?: number; now?: Date } = {}): Promise<Backup> {
  // A corpus that disagrees with its own record must not push a good backup out of the rotation.
  const integrity = verifyCorpus(db, { full: false });
  if (!integrity.ok) {
    throw new CrosscheckError(
      'corrupt_database',
      `not backed up: ${describeIntegrity(integrity)}. The existing backups were kept as they are; crosscheck verify lists every problem.`,
    );
  }
  const pending = pendingBackup(corpusPath, reason, options.now ?? new Date());
  try {
    await db.backup(pending.partial);
    return completeBackup(corpusPath, pending, options.keep ?? DEFAULT_BACKUPS_KEPT);
  } finally {
    rmSync(pending.partial, { force: true });
  }
}

/**
 * The backup taken before a migration changes the schema. Opening a corpus is
 * synchronous and the backup API is not, so this one uses VACUUM INTO, which
 * also writes a consistent snapshot of the open database.
 */
export function backupBeforeMigration(db: Db, corpusPath: string, now: Date = new Date()): Backup {
  const pending = pendingBackup(corpusPath, 'before-migration', now);
  try {
    db.prepare('VACUUM INTO ?').run(pending.partial);
    return completeBackup(corpusPath, pending, DEFAULT_BACKUPS_KEPT);
  } finally {
    rmSync(pending.partial, { force: true });
  }
}

/** The backup a file name describes, if it is one of this corpus's (not of `corpus-old.sqlite` beside it). */
function describe(corpusPath: string, path: string): Backup | null {
  const match = BACKUP_NAME.exec(basename(path));
  if (!match || match[1] !== stem(corpusPath)) return null;
  const [, , time, reason] = match;
  return { path, takenAt: time!.replace(/T(\d{2})-(\d{2})-(\d{2})/, 'T$1:$2:$3'), reason: reason! };
}

/** This corpus's backups, newest first. */
export function listBackups(corpusPath: string): Backup[] {
  const folder = backupFolder(corpusPath);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => describe(corpusPath, join(folder, name)))
    .filter((backup): backup is Backup => backup !== null)
    .sort((a, b) => (a.path < b.path ? 1 : a.path > b.path ? -1 : 0));
}

/**
 * Deletes all but the newest `keep` backups: old backups are copies, never the
 * only record. One exception: the backup holding the longest history (most
 * events) is kept while no newer backup holds as much, so a corpus emptied or
 * started afresh by mistake never rotates its own good backups away.
 */
export function pruneBackups(corpusPath: string, keep: number): void {
  const all = listBackups(corpusPath);
  const old = all.slice(Math.max(1, keep));
  if (old.length === 0) return;
  const kept = all.slice(0, Math.max(1, keep));
  const keptHistory = Math.max(...kept.map((backup) => historyLength(backup.path)));
  let richest: Backup | null = null;
  let richestHistory = keptHistory;
  for (const backup of old) {
    const history = historyLength(backup.path);
    if (history > richestHistory) [richest, richestHistory] = [backup, history];
  }
  for (const backup of old) if (backup !== richest) rmSync(backup.path, { force: true });
}

/** How many events a backup's log holds; -1 when it cannot be read. */
function historyLength(path: string): number {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  } catch {
    return -1;
  } finally {
    db?.close();
  }
}

/** Why a file is not a usable corpus copy, or null when SQLite's quick_check finds it sound. */
export function checkCorpusFile(path: string): string | null {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const verdict = db.pragma('quick_check', { simple: true });
    if (verdict !== 'ok') return String(verdict);
    if ((db.pragma('user_version', { simple: true }) as number) < 1) return 'not a Crosscheck corpus';
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

/** The newest backup that passes quick_check, skipping damaged ones. */
export function latestGoodBackup(corpusPath: string): Backup | null {
  return listBackups(corpusPath).find((backup) => checkCorpusFile(backup.path) === null) ?? null;
}

/**
 * Refuses while any connection (the app, browser mode, another command) has
 * the corpus open: swapping the file under it would split its writes between
 * the old file and the new. In WAL mode an exclusive lock is granted only to
 * the sole connection, even against idle ones.
 */
function assertNotInUse(corpusPath: string): void {
  if (!existsSync(corpusPath)) return;
  let probe: Db | undefined;
  try {
    probe = new Database(corpusPath, { fileMustExist: true, timeout: 0 });
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; ROLLBACK');
  } catch (error) {
    if (busyError(error)) {
      throw new CrosscheckError(
        'busy',
        `${corpusPath} is open in Crosscheck (the app, browser mode or another command): close it, then restore. Nothing was changed.`,
      );
    }
    // Any other failure is the damage this restore is for.
  } finally {
    probe?.close();
  }
}

export interface Restored {
  backup: string;
  /** Where the replaced corpus was moved; null when there was none. Nothing is deleted. */
  setAside: string | null;
}

/**
 * Puts a backup in place of the corpus. The current file (and its -wal and
 * -shm) is moved aside under a dated name, never deleted, so a wrong restore
 * can itself be undone. Crosscheck must not have the corpus open meanwhile.
 */
export function restoreBackup(corpusPath: string, backupPath: string | null = null, now: Date = new Date()): Restored {
  const backup = backupPath ?? latestGoodBackup(corpusPath)?.path;
  if (!backup) throw new CrosscheckError('not_found', `There is no good backup of ${corpusPath} in ${backupFolder(corpusPath)}.`);
  const problem = checkCorpusFile(backup);
  if (problem) throw new CrosscheckError('invalid_input', `${backup} cannot be restored: ${problem}. Nothing was changed.`);

  assertNotInUse(corpusPath);

  const incoming = `${corpusPath}.restoring`;
  copyFileSync(backup, incoming);
  let setAside: string | null = null;
  if (existsSync(corpusPath)) {
    setAside = `${corpusPath}.replaced-${fileTime(now)}`;
    // The -wal and -shm keep their suffixes, so the set-aside file opens with its own log.
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(corpusPath + suffix)) renameSync(corpusPath + suffix, setAside + suffix);
    }
  }
  renameSync(incoming, corpusPath);
  return { backup, setAside };
}
