import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { listBackups } from '../../main/corpus/backups.ts';
import { openDatabase, schemaVersion } from '../../main/corpus/database.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import type * as Migrations from '../../main/corpus/migrations/index.ts';

// A release one migration ahead of the real list, whatever its length, so the backup always has something to precede.
vi.mock('../../main/corpus/migrations/index.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Migrations>();
  const next = real.LATEST_VERSION + 1;
  const probe = { version: next, name: 'probe', up: (db: Database.Database) => db.exec('CREATE TABLE migration_probe (x)') };
  return { ...real, MIGRATIONS: [...real.MIGRATIONS, probe], LATEST_VERSION: next };
});

const { LATEST_VERSION } = await import('../../main/corpus/migrations/index.ts');

describe('migrating a corpus', () => {
  it('backs the corpus up, as it was, before the first migration runs', () => {
    const path = join(tempDir(), 'older.sqlite');
    const older = openDatabase(path);
    // Written by the previous release: one version behind.
    older.pragma(`user_version = ${LATEST_VERSION - 1}`);
    older.exec('DROP TABLE migration_probe');
    older.exec("INSERT INTO meta (key, value) VALUES ('marker', 'before')");
    older.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
    const backups = listBackups(path);
    expect(backups.map((b) => b.reason)).toEqual(['before-migration']);
    const copy = new Database(backups[0]!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_VERSION - 1);
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'marker'").pluck().get()).toBe('before');
    expect(copy.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'migration_probe'").pluck().get()).toBe(0);
    copy.close();
  });

  it('takes no backup when the corpus is already up to date', () => {
    const path = join(tempDir(), 'current.sqlite');
    openDatabase(path).close();
    openDatabase(path).close();
    expect(listBackups(path)).toEqual([]);
  });
});
