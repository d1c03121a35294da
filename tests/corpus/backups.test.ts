import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { openSession } from '../../main/api/session.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupCorpus, backupFolder, checkCorpusFile, latestGoodBackup, listBackups, restoreBackup } from '../../main/corpus/backups.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { CorruptDatabaseError, openDatabase } from '../../main/corpus/database.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { damagePages } from '../helpers/damageFile.ts';
import { SEEDS_DIR, tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const articleCount = (db: Database.Database) => db.prepare('SELECT count(*) FROM articles').pluck().get();

function seededCorpus() {
  const corpus = tempCorpus();
  importPaths(corpus.db, [SEEDS_DIR], 'ana');
  return corpus;
}

describe('online backups', () => {
  it('copies the corpus while it is open into backups/ beside it, as a sound single file', async () => {
    const { db, path } = seededCorpus();
    const backup = await backupCorpus(db, path, 'manual');
    expect(backup.path.startsWith(backupFolder(path))).toBe(true);
    expect(backup.reason).toBe('manual');
    expect(checkCorpusFile(backup.path)).toBeNull();
    const copy = new Database(backup.path, { readonly: true });
    expect(articleCount(copy)).toBe(5);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(readdirSync(backupFolder(path)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('keeps only the newest N backups', async () => {
    const { db, path } = seededCorpus();
    for (let minute = 0; minute < 5; minute++) {
      await backupCorpus(db, path, 'scheduled', { keep: 3, now: new Date(Date.UTC(2026, 0, 1, 10, minute)) });
    }
    const kept = listBackups(path);
    expect(kept.map((b) => b.takenAt)).toEqual(['2026-01-01T10:04:00.000Z', '2026-01-01T10:03:00.000Z', '2026-01-01T10:02:00.000Z']);
  });

  it('lists only the backups of its own corpus, not of another corpus in the same folder', async () => {
    const { db, path } = seededCorpus();
    const other = openDatabase(path.replace(/corpus\.sqlite$/, 'corpus-old.sqlite'));
    await backupCorpus(other, other.name, 'manual');
    other.close();
    expect(listBackups(path)).toEqual([]);
    await backupCorpus(db, path, 'manual');
    expect(listBackups(path)).toHaveLength(1);
    expect(listBackups(other.name)).toHaveLength(1);
  });

  it('takes no backup of a brand-new corpus', () => {
    const { path } = tempCorpus();
    expect(existsSync(backupFolder(path))).toBe(false);
  });
});

describe('a damaged corpus', () => {
  it('is refused on open, naming the latest good backup and the restore command, and left unchanged', async () => {
    const { db, path } = seededCorpus();
    const good = await backupCorpus(db, path, 'scheduled');
    db.close();
    damagePages(path);
    const damaged = statSync(path);

    let refusal: unknown;
    try {
      openDatabase(path).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CorruptDatabaseError);
    const error = refusal as CorruptDatabaseError;
    expect(error.code).toBe('corrupt_database');
    expect(error.latestGoodBackup?.path).toBe(good.path);
    expect(error.message).toContain(good.path);
    expect(error.message).toContain(`crosscheck restore --db "${path}"`);
    expect(statSync(path).mtimeMs).toBe(damaged.mtimeMs);
  });

  it('says when there is no good backup, skipping damaged backups', async () => {
    const { db, path } = seededCorpus();
    const backup = await backupCorpus(db, path, 'scheduled');
    db.close();
    damagePages(backup.path);
    damagePages(path);
    expect(latestGoodBackup(path)).toBeNull();
    expect(() => openDatabase(path)).toThrow(/No good backup of it was found/);
  });

  it('is replaced by its latest good backup on restore and moved aside, never deleted', async () => {
    const { db, path } = seededCorpus();
    await backupCorpus(db, path, 'scheduled', { now: new Date(Date.UTC(2026, 0, 1)) });
    const newest = await backupCorpus(db, path, 'scheduled', { now: new Date(Date.UTC(2026, 0, 2)) });
    db.close();
    damagePages(newest.path);
    damagePages(path);

    const restored = restoreBackup(path);
    expect(restored.backup).not.toBe(newest.path);
    expect(restored.setAside).not.toBeNull();
    expect(checkCorpusFile(restored.setAside!)).not.toBeNull();
    const reopened = openDatabase(path);
    expect(articleCount(reopened)).toBe(5);
    reopened.close();
  });

  it('refuses to restore a file that is not a sound corpus, and changes nothing', () => {
    const { db, path } = seededCorpus();
    db.close();
    const junk = join(tempDir(), 'junk.sqlite');
    writeFileSync(junk, 'not a database at all '.repeat(300));
    expect(() => restoreBackup(path, junk)).toThrow(/cannot be restored/);
    const still = openDatabase(path);
    expect(articleCount(still)).toBe(5);
    still.close();
  });

  it('refuses to restore while the corpus is open elsewhere, and changes nothing', async () => {
    const { db, path } = seededCorpus();
    await backupCorpus(db, path, 'manual');
    createAnnotation(db, { articleId: 1, start: 0, end: 5, tag: 'claim' }, 'ana');
    expect(() => restoreBackup(path)).toThrow(/is open in Crosscheck/);
    expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1);
    db.close();
    expect(restoreBackup(path).setAside).not.toBeNull();
  });

  it('refuses to restore when there is no backup at all', () => {
    const { db, path } = tempCorpus();
    db.close();
    expect(() => restoreBackup(path)).toThrow(/There is no good backup/);
  });
});

describe('a lost corpus beside good backups', () => {
  async function corpusWithBackup() {
    const { db, path } = seededCorpus();
    const backup = await backupCorpus(db, path, 'manual');
    db.close();
    return { path, backup };
  }

  it('refuses to start a missing corpus afresh and names the backup to restore, creating nothing', async () => {
    const { path, backup } = await corpusWithBackup();
    rmSync(path);
    expect(() => openDatabase(path)).toThrow(
      new RegExp(`is missing, but it has backups: the latest good one is ${backup.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*crosscheck restore`),
    );
    expect(existsSync(path)).toBe(false);
  });

  it('refuses to seed an empty (0-byte) corpus as a first run and leaves the file as it is', async () => {
    const { path } = await corpusWithBackup();
    for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
    writeFileSync(path, '');
    expect(() => openSession({ dbPath: path, seedsDir: SEEDS_DIR })).toThrow(/is empty \(0 bytes\), but it has backups/);
    expect(statSync(path).size).toBe(0);
    restoreBackup(path);
    const db = openDatabase(path);
    expect(articleCount(db)).toBe(5);
    db.close();
  });

  it('still starts a new corpus where there are no backups', () => {
    const path = join(tempDir(), 'corpus.sqlite');
    const db = openDatabase(path);
    expect(articleCount(db)).toBe(0);
    db.close();
  });

  it('never lets backups of an emptied corpus rotate the last backup with its history away', async () => {
    const { db, path } = seededCorpus();
    await backupCorpus(db, path, 'scheduled', { keep: 3, now: new Date(Date.UTC(2026, 0, 1, 9, 0)) });
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    // Started afresh (as if the loss were missed): its backups hold no history.
    const empty = openDatabaseIgnoringBackups(path);
    for (let minute = 1; minute <= 5; minute++) await backupCorpus(empty, path, 'scheduled', { keep: 3, now: new Date(Date.UTC(2026, 0, 1, 10, minute)) });
    empty.close();
    const kept = listBackups(path).map((b) => b.takenAt);
    expect(kept).toEqual(['2026-01-01T10:05:00.000Z', '2026-01-01T10:04:00.000Z', '2026-01-01T10:03:00.000Z', '2026-01-01T09:00:00.000Z']);
  });
});

/** An empty corpus opened past the lost-corpus check, as an older Crosscheck would have. */
function openDatabaseIgnoringBackups(path: string) {
  const folder = backupFolder(path);
  const aside = `${folder}-aside`;
  renameSync(folder, aside);
  try {
    return openDatabase(path);
  } finally {
    renameSync(aside, folder);
  }
}
