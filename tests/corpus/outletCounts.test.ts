import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { listOutlets } from '../../main/corpus/articlePages.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { migrate, registerFunctions, type Db } from '../../main/corpus/database.ts';
import { tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

/** The outlets counted from the articles themselves, as listOutlets counted them before migration 20. */
const countedFromArticles = (db: Db) => db.prepare('SELECT outlet, count(*) AS articles FROM articles GROUP BY outlet ORDER BY outlet IS NULL, outlet').all();

const add = (db: Db, outlet: string | null, i: number) =>
  insertArticle(db, { text: `Report ${i} from ${outlet ?? 'nowhere'}.`, title: `Report ${i}`, outlet, url: null, published: null, fileName: null }, 'ana')
    .articleId;

describe('the outlet counts kept by the corpus', () => {
  it('follow imports, outlet edits, deletions and their undo, always equal to counting the articles', async () => {
    const { db } = tempCorpus();
    const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }));
    const ids = ['A', 'B', 'A', null, 'C', null].map((outlet, i) => add(db, outlet, i));
    expect(listOutlets(db)).toEqual([
      { outlet: 'A', articles: 2 },
      { outlet: 'B', articles: 1 },
      { outlet: 'C', articles: 1 },
      { outlet: null, articles: 2 },
    ]);
    const steps: Array<[string, unknown]> = [
      ['articles.updateMetadata', { id: ids[1], outlet: 'A' }], // B's last article leaves it: B is gone
      ['articles.updateMetadata', { id: ids[3], outlet: 'D' }], // from no outlet to a new one
      ['articles.updateMetadata', { id: ids[0], outlet: null }], // to no outlet
      ['articles.updateMetadata', { id: ids[0], title: 'A new title only' }], // the outlet unchanged
      ['articles.delete', { id: ids[4] }],
      ['history.undo', {}],
      ['history.undo', {}],
      ['history.redo', {}],
    ];
    for (const [method, input] of steps) {
      const result = dispatch(method, input);
      expect(result.ok, `${method} ${JSON.stringify(result)}`).toBe(true);
      expect(listOutlets(db), `after ${method} ${JSON.stringify(input)}`).toEqual(countedFromArticles(db));
    }
    expect(listOutlets(db).find((o) => o.outlet === 'B')).toBeUndefined();
  });

  it('are counted from the articles already there when a corpus of the previous schema is migrated', () => {
    const db = new Database(join(tempDir(), 'old.sqlite'));
    try {
      registerFunctions(db);
      migrate(db, 16);
      ['Outlet 1', null, 'Outlet 2', 'Outlet 1', null, null].forEach((outlet, i) => add(db, outlet, i));
      migrate(db);
      expect(listOutlets(db)).toEqual([
        { outlet: 'Outlet 1', articles: 2 },
        { outlet: 'Outlet 2', articles: 1 },
        { outlet: null, articles: 3 },
      ]);
    } finally {
      db.close();
    }
  });

  it('never keep an outlet with no articles: the table refuses a count below one', () => {
    const { db } = tempCorpus();
    add(db, 'A', 1);
    expect(() => db.prepare("UPDATE outlet_counts SET articles = 0 WHERE outlet = 'A'").run()).toThrow(/CHECK constraint/);
  });
});
