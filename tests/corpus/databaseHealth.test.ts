import Database from 'better-sqlite3';
import { closeSync, openSync, statSync, truncateSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { CorruptDatabaseError, openDatabase, type Db } from '../../main/corpus/database.ts';
import { fullCheckInWorker, scheduleFullChecks } from '../../main/corpus/fullCheckSchedule.ts';
import { cheapCheck, fullCheck, fullCheckDue, lastFullCheck } from '../../main/corpus/databaseHealth.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const PAGE = 4096;

/** A corpus whose articles table spans many pages: 300 articles of about 3 KB each. */
function manyPages(): { db: Db; path: string } {
  const corpus = tempCorpus();
  corpus.db.transaction(() => {
    for (let i = 0; i < 300; i++)
      insertArticle(
        corpus.db,
        { text: `Article ${i}. ${'Words of the report '.repeat(150)}${i}`, title: `A${i}`, outlet: null, url: null, published: null, fileName: null },
        'ana',
      );
  })();
  corpus.db.pragma('wal_checkpoint(TRUNCATE)');
  return corpus;
}

/** A leaf page in the middle of the articles table: on no path from its root to either edge. */
function middleLeafOfArticles(db: Db): number {
  const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY path").pluck().all() as number[];
  expect(leaves.length).toBeGreaterThan(10);
  return leaves[Math.floor(leaves.length / 2)]!;
}

function overwritePage(path: string, page: number): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(PAGE, 0xa5), 0, PAGE, (page - 1) * PAGE);
  } finally {
    closeSync(fd);
  }
}

describe('the integrity check at open', () => {
  it('passes a sound corpus', () => {
    const { db } = manyPages();
    expect(cheapCheck(db)).toBeNull();
  });

  it('refuses a truncated corpus file', () => {
    const { db, path } = manyPages();
    db.close();
    truncateSync(path, statSync(path).size - 3 * PAGE);
    expect(() => openDatabase(path)).toThrow(CorruptDatabaseError);
  });

  it('refuses a corpus whose table root page is damaged', () => {
    const { db, path } = manyPages();
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'articles'").pluck().get() as number;
    db.close();
    overwritePage(path, root);
    expect(() => openDatabase(path)).toThrow(/is damaged/);
  });

  it('refuses damage deep inside the article texts, which the text check at open reads, and the full check finds it too', () => {
    const { db, path } = manyPages();
    const page = middleLeafOfArticles(db);
    db.close();
    overwritePage(path, page);
    expect(() => openDatabase(path)).toThrow(CorruptDatabaseError);
    const raw = new Database(path);
    try {
      expect(cheapCheck(raw)).toBeNull();
      expect(fullCheck(raw)).not.toBeNull();
      expect(lastFullCheck(raw)).toBeNull();
    } finally {
      raw.close();
    }
  });
});

describe('the full check', () => {
  it('records when it last found the corpus sound, and is due again after the interval', () => {
    const { db } = tempCorpus();
    expect(fullCheckDue(db)).toBe(true);
    const at = new Date(Date.UTC(2026, 0, 1));
    expect(fullCheck(db, at)).toBeNull();
    expect(lastFullCheck(db)).toBe(at.toISOString());
    expect(fullCheckDue(db, new Date(Date.UTC(2026, 0, 3)))).toBe(false);
    expect(fullCheckDue(db, new Date(Date.UTC(2026, 0, 9)))).toBe(true);
  });

  it('runs in a worker thread, reading the file through a connection of its own', async () => {
    const { db, path } = manyPages();
    expect(await fullCheckInWorker(path)).toBeNull();
    const page = middleLeafOfArticles(db);
    db.close();
    overwritePage(path, page);
    expect(await fullCheckInWorker(path)).toMatch(/./);
  });

  it('runs on schedule when due: a sound corpus is recorded as checked, a damaged one reported', async () => {
    const { db, path } = manyPages();
    const sound = scheduleFullChecks(db, { onDamage: () => expect.unreachable() });
    await sound.whenIdle();
    sound.stop();
    expect(lastFullCheck(db)).not.toBeNull();

    const page = middleLeafOfArticles(db);
    db.close();
    overwritePage(path, page);
    // Opened without Crosscheck's checks at open, which would refuse it before the schedule runs.
    const reopened = new Database(path);
    const damage: string[] = [];
    const damaged = scheduleFullChecks(reopened, { intervalMs: 0, onDamage: (verdict) => damage.push(verdict) });
    await damaged.whenIdle();
    damaged.stop();
    reopened.close();
    expect(damage).toHaveLength(1);
  });
});
