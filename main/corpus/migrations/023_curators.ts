import { UUID_CHECK } from '../uuids.ts';
import type { Migration } from './migration.ts';

/**
 * Who adjudicates, and what was adjudicated away, as replicated entities:
 * - `curators`: the analysts the project names as curators (only they keep
 *   spans into the curated layer, and blind annotation does not hide others'
 *   spans from them), one row per analyst, named by a UUID derived from the name;
 * - `kept_neither`: a curator's decision to keep neither span of a pair (apart
 *   from a pair nobody decided yet), one row per pair, named by a UUID derived
 *   from the article and the pair's two spans, so deciding the pair again meets
 *   the same entity on every device. The spans are named by UUID, not by foreign
 *   key: a mark outlives an edit of its spans as a decision about that pair.
 */
export const curators: Migration = {
  version: 23,
  name: 'curators',
  up(db) {
    db.exec(`
      CREATE TABLE curators (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid     TEXT NOT NULL UNIQUE ${UUID_CHECK('uuid')},
        analyst  TEXT NOT NULL UNIQUE CHECK (length(analyst) > 0),
        added_by TEXT NOT NULL CHECK (length(added_by) > 0),
        added_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE kept_neither (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid         TEXT NOT NULL UNIQUE ${UUID_CHECK('uuid')},
        article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        first_uuid   TEXT,
        second_uuid  TEXT,
        decided_by   TEXT NOT NULL CHECK (length(decided_by) > 0),
        decided_at   TEXT NOT NULL,
        CHECK (first_uuid IS NOT NULL OR second_uuid IS NOT NULL)
      ) STRICT;
      CREATE INDEX kept_neither_by_article ON kept_neither(article_id);
    `);
  },
};
