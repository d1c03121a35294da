import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../main/corpus/database.ts';
import { LATEST_VERSION } from '../../main/corpus/migrations/index.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

describe('opening a corpus', () => {
  it('uses WAL, full synchronous writes and enforced foreign keys', () => {
    const { db } = tempCorpus();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('brings a new file to the latest schema version', () => {
    const { db } = tempCorpus();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['annotations', 'articles', 'events', 'links', 'meta']));
  });

  it('applies no migration twice when reopened', () => {
    const { db, path } = tempCorpus();
    db.close();
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(LATEST_VERSION);
    again.close();
  });

  it('refuses a corpus written by a newer version and leaves the file untouched', () => {
    const path = join(tempDir(), 'future.sqlite');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.exec('CREATE TABLE something_new (x)');
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer version of Crosscheck/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(check.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'articles'").pluck().get()).toBe(0);
    check.close();
  });

  it('refuses a file that is not a database with a clear error', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'these are my notes, not a database '.repeat(100));
    expect(() => openDatabase(path)).toThrow(/is not a Crosscheck corpus/);
  });

  it('rolls a failing migration back whole', () => {
    const path = join(tempDir(), 'half.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE articles (x)'); // collides with migration 1
    expect(() => migrate(raw)).toThrow();
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'annotations'").pluck().get()).toBe(0);
    raw.close();
  });
});
