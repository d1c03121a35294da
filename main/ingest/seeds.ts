import type { ImportResult } from '../contract/contract.ts';
import { countArticles } from '../corpus/articles.ts';
import type { Db } from '../corpus/database.ts';
import { importPaths } from './importFiles.ts';

const SEEDED_KEY = 'seeded_at';

/**
 * Imports the default corpus the first time a corpus is opened by the app.
 * Remembered in meta, so an analyst who empties the corpus does not get the
 * seeds back uninvited.
 */
export function importSeedsOnFirstRun(db: Db, seedsDir: string, actor: string): ImportResult[] {
  return db
    .transaction((): ImportResult[] => {
      const seeded = db.prepare('SELECT value FROM meta WHERE key = ?').get(SEEDED_KEY);
      if (seeded || countArticles(db) > 0) return [];
      const results = importPaths(db, [seedsDir], actor);
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(SEEDED_KEY, new Date().toISOString());
      return results;
    })
    .immediate();
}
