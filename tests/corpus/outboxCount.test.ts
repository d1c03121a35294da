import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { migrate, registerFunctions, type Db } from '../../main/corpus/database.ts';
import { syncStatus } from '../../main/corpus/syncDevice.ts';
import { OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it. Moscow said nothing.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

/** The outbox counted from the operations themselves, as syncStatus counted it before migration 25. */
const countedFromOperations = (db: Db) =>
  db.prepare("SELECT count(*) FROM operations WHERE origin = 'local' AND pushed = 0 AND hub_seq IS NULL").pluck().get() as number;

const add = (db: Db, title: string) => insertArticle(db, { text: TEXT, title, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;

describe('the outbox count kept by the corpus', () => {
  it('follows edits, undo, pushes and pulls on two devices, always equal to counting the operations', () => {
    const hub = new OrderingHub();
    const ana = tempCorpus().db;
    const ben = tempCorpus().db;
    const anaApi = createHandlers({ db: ana, actor: 'ana' });
    const benApi = createHandlers({ db: ben, actor: 'ben' });
    const check = (when: string) => {
      for (const db of [ana, ben]) expect(syncStatus(db).pending, when).toBe(countedFromOperations(db));
    };
    const articleId = add(ana, 'One');
    const a = anaApi['annotations.create']({ articleId, ...at('military'), tag: 'claim' });
    anaApi['annotations.update']({ id: a.id, tag: 'denial' });
    anaApi['history.undo']({});
    check('after ana’s edits');
    expect(syncStatus(ana).pending).toBeGreaterThan(0);
    syncDevice(hub, ana, 'ana');
    check('after ana pushed and pulled');
    expect(syncStatus(ana).pending).toBe(0);
    syncDevice(hub, ben, 'ben'); // ben applies ana's work: remote operations never count
    check('after ben pulled');
    expect(syncStatus(ben).pending).toBe(0);
    const b = benApi['annotations.create']({ articleId: ben.prepare('SELECT id FROM articles').pluck().get() as number, ...at('Tehran'), tag: 'claim' });
    benApi['annotations.delete']({ id: b.id });
    check('after ben’s edits');
    expect(syncStatus(ben).pending).toBeGreaterThan(0);
    syncDevice(hub, ben, 'ben', { push: true, pull: false });
    check('after ben pushed without pulling');
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
    check('after both synced');
    ana.exec("DELETE FROM operations WHERE kind = 'annotation.update'");
    check('after operations were deleted');
  });

  it('is counted from the operations already there when a corpus of the previous schema is migrated', () => {
    const db = new Database(join(tempDir(), 'old.sqlite'));
    try {
      registerFunctions(db);
      migrate(db, 22);
      add(db, 'One');
      add(db, 'Two');
      migrate(db);
      expect(countedFromOperations(db)).toBeGreaterThan(0);
      expect(syncStatus(db).pending).toBe(countedFromOperations(db));
    } finally {
      db.close();
    }
  });

  it('refuses a count below zero', () => {
    const { db } = tempCorpus();
    expect(() => db.prepare('UPDATE outbox_count SET pending = -1').run()).toThrow(/CHECK constraint/);
  });
});
