import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSession } from '../../main/api/session.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { backupCorpus, backupFolder } from '../../main/corpus/backups.ts';
import { migrate, openDatabase, openForChecking, type Db } from '../../main/corpus/database.ts';
import { chainHead, eventHash, GENESIS } from '../../main/corpus/eventChain.ts';
import { recordEvent } from '../../main/corpus/events.ts';
import { verifyCorpus } from '../../main/corpus/integrity.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const TEXT = 'The harbour authority said on Monday that the port would reopen to container ships after the storm.\n';

/** A corpus with a few recorded changes: two imported articles and an annotation. */
function workedCorpus(db: Db) {
  const first = importContent(db, 'port.txt', new TextEncoder().encode(TEXT), 'ana').articleId!;
  const second = importContent(
    db,
    'ships.txt',
    new TextEncoder().encode('Smaller vessels resumed their routes on Tuesday, officials said.\n'),
    'ana',
  ).articleId!;
  const annotation = createAnnotation(db, { articleId: first, start: 4, end: 21, tag: 'claim' }, 'ana');
  return { first, second, annotation };
}

/** Edits the log as someone with the file and a SQLite shell could: its append-only triggers dropped, foreign keys off. */
function forceSql(db: Db, sql: string, ...params: unknown[]) {
  db.pragma('foreign_keys = OFF');
  db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
  db.prepare(sql).run(...params);
}

describe('the event log as a hash chain', () => {
  it('links every event to the hash of the one before it, from a genesis of zeros', () => {
    const { db } = tempCorpus();
    workedCorpus(db);
    const links = db.prepare('SELECT c.previous, c.hash, e.* FROM event_chain c JOIN events e ON e.id = c.event_id ORDER BY e.id').all() as Array<
      Record<string, any>
    >;
    expect(links.length).toBe(db.prepare('SELECT count(*) FROM events').pluck().get());
    expect(links[0]!.previous).toBe(GENESIS);
    for (let i = 1; i < links.length; i++) expect(links[i]!.previous).toBe(links[i - 1]!.hash);
    const { previous, hash, ...event } = links.at(-1)!;
    expect(eventHash(previous, event)).toBe(hash);
    expect(chainHead(db)).toBe(hash);
  });

  it('verifies a corpus nobody tampered with', () => {
    const { db } = tempCorpus();
    workedCorpus(db);
    expect(verifyCorpus(db, { full: true })).toMatchObject({ ok: true, problems: [], firstBadEvent: null, firstBadArticle: null, articles: 2, sources: 2 });
  });

  it('names the first event changed after it was recorded', () => {
    const { db } = tempCorpus();
    workedCorpus(db);
    const target = db.prepare("SELECT id FROM events WHERE action = 'article.import' ORDER BY id LIMIT 1").pluck().get() as number;
    forceSql(db, "UPDATE events SET actor = 'mallory' WHERE id = ?", target);
    const report = verifyCorpus(db, { full: true });
    expect(report).toMatchObject({ ok: false, firstBadEvent: target });
    expect(report.problems[0]!.message).toMatch(/changed after it was recorded/);
  });

  it('names an event removed from the log, and one slipped in without a link', () => {
    const { db } = tempCorpus();
    workedCorpus(db);
    const ids = db.prepare('SELECT id FROM events ORDER BY id').pluck().all() as number[];
    forceSql(db, 'DELETE FROM events WHERE id = ?', ids[1]);
    expect(verifyCorpus(db, { full: false })).toMatchObject({ ok: false, firstBadEvent: ids[1] });
    db.prepare(
      "INSERT INTO events (at, actor, action, entity, entity_id, data) VALUES ('2020-01-01', 'mallory', 'annotation.create', 'annotation', 1, '{}')",
    ).run();
    const report = verifyCorpus(db, { full: true });
    expect(report.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/removed from the log/), expect.stringMatching(/not in the hash chain/)]),
    );
  });

  it('refuses to edit or delete a link of the chain', () => {
    const { db } = tempCorpus();
    workedCorpus(db);
    expect(() => db.prepare('UPDATE event_chain SET hash = ? WHERE event_id = 1').run('f'.repeat(64))).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM event_chain').run()).toThrow(/append-only/);
  });

  it('links the events a corpus had before the chain existed when it is upgraded', () => {
    const path = join(tempDir(), 'old.sqlite');
    const raw = new Database(path);
    migrate(raw, 8);
    raw.transaction(() => {
      for (let i = 0; i < 3; i++) recordEvent(raw, { actor: 'ana', action: 'test.old', entity: 'corpus', entityId: null, data: { i } });
    })();
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'event_chain'").pluck().get()).toBe(0);
    raw.close();
    const db = openDatabase(path);
    expect(db.prepare('SELECT count(*) FROM event_chain').pluck().get()).toBe(3);
    expect(verifyCorpus(db, { full: true }).ok).toBe(true);
    db.close();
  });
});

describe('articles and captured sources against their hashes', () => {
  it('finds a byte flipped inside the corpus file: opening refuses and names the article, and the full check names it too', () => {
    const { db, path } = tempCorpus();
    const { first } = workedCorpus(db);
    db.close();
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from('container ships'));
    expect(at).toBeGreaterThan(0);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('k'), 0, 1, at + 'container ship'.length - 1);
    closeSync(fd);
    expect(() => openSession({ dbPath: path, actor: 'ana' })).toThrow(new RegExp(`the text of article ${first} \\(port\\.txt\\) no longer matches`));
    const checking = openForChecking(path);
    try {
      const report = verifyCorpus(checking, { full: true });
      expect(report).toMatchObject({ ok: false, full: true, firstBadArticle: first });
      expect(report.problems[0]!.message).toMatch(/its text \(port\.txt\) does not match the sha256 stored when it was imported/);
      expect(verifyCorpus(checking, { full: false })).toMatchObject({ ok: false, firstBadArticle: first });
    } finally {
      checking.close();
    }
  });

  it('opens a corpus for checking without writing to it, and refuses one of another schema version', () => {
    const { db, path } = tempCorpus();
    workedCorpus(db);
    db.close();
    const before = readFileSync(path);
    const checking = openForChecking(path);
    expect(checking.readonly).toBe(true);
    expect(verifyCorpus(checking, { full: false }).ok).toBe(true);
    checking.close();
    expect(readFileSync(path).equals(before)).toBe(true);
    const old = new Database(path);
    old.pragma('user_version = 8');
    old.close();
    expect(() => openForChecking(path)).toThrow(/has schema version 8; this version of Crosscheck checks version \d+\. Open it once with any other command/);
  });

  it('names a captured source whose bytes were changed, and one swapped together with its stored hash', () => {
    const { db } = tempCorpus();
    const { first, second } = workedCorpus(db);
    db.prepare("UPDATE article_sources SET bytes = CAST('other bytes' AS BLOB), size = 11 WHERE article_id = ?").run(first);
    db.prepare("UPDATE article_sources SET bytes = CAST('swapped' AS BLOB), size = 7, sha256 = ? WHERE article_id = ?").run(
      '8b1a9953c4611296a827abf8c47804d7e6c49c6b6a4b5f1b1f2e3c9d0a1b2c3d'.slice(0, 64),
      second,
    );
    const report = verifyCorpus(db, { full: true });
    expect(report.problems.filter((p) => p.kind === 'source').map((p) => p.id)).toEqual([first, second]);
    // The quick check leaves the captured bytes to the full one.
    expect(verifyCorpus(db, { full: false }).ok).toBe(true);
  });

  it('refuses to back up a corpus that disagrees with its record, keeping the existing backups as they are', async () => {
    const { db, path } = tempCorpus();
    workedCorpus(db);
    const good = await backupCorpus(db, path, 'manual');
    db.exec('DROP TRIGGER IF EXISTS articles_fts_on_update');
    db.prepare('UPDATE articles SET text = ? WHERE id = 1').run(TEXT.replace('Monday', 'Sunday'));
    await expect(backupCorpus(db, path, 'manual')).rejects.toThrow(/not backed up: .*article 1: its text \(port\.txt\) does not match/);
    expect(readdirSync(backupFolder(path))).toEqual([good.path.split('/').at(-1)]);
    expect(existsSync(good.path)).toBe(true);
  });
});
