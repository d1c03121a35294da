import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../main/corpus/backups.ts';
import { migrate, openDatabase, registerFunctions, schemaVersion } from '../../main/corpus/database.ts';
import { LATEST_VERSION, MIGRATIONS } from '../../main/corpus/migrations/index.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

/** The schema the previous release wrote: every migration but the newest. */
const PREVIOUS_VERSION = Math.max(...MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_VERSION));

describe('migrating a corpus', () => {
  it('backs the corpus up, as it was, before the first migration runs', () => {
    const path = join(tempDir(), 'older.sqlite');
    const older = new Database(path);
    registerFunctions(older);
    migrate(older, PREVIOUS_VERSION);
    older.exec("INSERT INTO meta (key, value) VALUES ('marker', 'before')");
    older.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
    const backups = listBackups(path);
    expect(backups.map((b) => b.reason)).toEqual(['before-migration']);
    const copy = new Database(backups[0]!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(PREVIOUS_VERSION);
    expect(copy.prepare("SELECT value FROM meta WHERE key = 'marker'").pluck().get()).toBe('before');
    copy.close();
  });

  it('takes no backup when the corpus is already up to date', () => {
    const path = join(tempDir(), 'current.sqlite');
    openDatabase(path).close();
    openDatabase(path).close();
    expect(listBackups(path)).toEqual([]);
  });
});
