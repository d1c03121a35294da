import type { Migration } from './migration.ts';

/**
 * What a device needs to sync as a member of a team:
 * - `removed_article_texts`: the text of an article removed here before its
 *   import reached the hub. Other devices apply the import before the removal
 *   and need the text for it, so it is kept until it is uploaded.
 * - `sync_runs`: each sync this corpus took part in, with how it ended (in
 *   words, for the app's top bar) and what it moved.
 */
export const teamSync: Migration = {
  version: 15,
  name: 'team_sync',
  up(db) {
    db.exec(`
      CREATE TABLE removed_article_texts (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        text   TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sync_runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        hub         TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
        message     TEXT,
        pushed      INTEGER NOT NULL DEFAULT 0 CHECK (pushed >= 0),
        applied     INTEGER NOT NULL DEFAULT 0 CHECK (applied >= 0)
      ) STRICT;
    `);
  },
};
