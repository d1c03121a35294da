import { UUID_CHECK } from '../uuids.ts';
import type { Migration } from './migration.ts';

/**
 * How a team works on one investigation, as replicated entities:
 * - `project_options`: the project's switches (four-eyes review, blind
 *   annotation), one row per option, named by a UUID derived from the option's
 *   name so every device writes the same entity;
 * - `article_done`: an analyst's mark that they finished annotating an
 *   article (blind annotation shows them everyone's spans from then on), one
 *   per analyst and article, named by a UUID derived from both.
 */
export const projectOptions: Migration = {
  version: 17,
  name: 'project_options',
  up(db) {
    db.exec(`
      CREATE TABLE project_options (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid    TEXT NOT NULL UNIQUE ${UUID_CHECK('uuid')},
        name    TEXT NOT NULL UNIQUE CHECK (name IN ('four-eyes', 'blind')),
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        set_by  TEXT NOT NULL CHECK (length(set_by) > 0),
        set_at  TEXT NOT NULL
      ) STRICT;
      CREATE TABLE article_done (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE ${UUID_CHECK('uuid')},
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        analyst    TEXT NOT NULL CHECK (length(analyst) > 0),
        done_at    TEXT NOT NULL,
        UNIQUE (article_id, analyst)
      ) STRICT;
    `);
  },
};
