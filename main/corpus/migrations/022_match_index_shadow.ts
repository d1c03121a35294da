import type { Migration } from './migration.ts';

/**
 * The word index (match_terms, migration 003) is rebuilt when the matcher
 * changes what an article's keys are. Rebuilt in place it was one write
 * transaction over the whole corpus (252 s at 100,000 articles), during which
 * no edit could be saved. The new index is built here instead, a slice of
 * articles per short transaction, and swapped in at the end
 * (matching/termIndex.ts). Same definition as match_terms, so the swap is a
 * rename; empty whenever no rebuild runs. Like match_terms it has no foreign
 * key: deleting an article clears its rows in both by hand.
 */
export const matchIndexShadow: Migration = {
  version: 22,
  name: 'match_index_shadow',
  up(db) {
    db.exec(`
      CREATE TABLE match_terms_next (
        term       TEXT NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (term, article_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
