import type { Migration } from './migration.ts';

/**
 * The article list is read a page at a time, sorted and filtered by the
 * database: these indexes give each sort order (date, undated last, either way;
 * outlet, then date) without reading the article rows, whose text would otherwise be
 * read with them — a full scan of a 100,000-article corpus.
 */
export const articleListIndexes: Migration = {
  version: 12,
  name: 'article_list_indexes',
  up(db) {
    db.exec(`
      CREATE INDEX articles_by_date ON articles(published IS NULL, published, id);
      -- Walked backwards: newest first, undated still last.
      CREATE INDEX articles_by_date_descending ON articles(published IS NOT NULL, published, id);
      CREATE INDEX articles_by_outlet_date ON articles(outlet, published IS NULL, published, id);
    `);
  },
};
