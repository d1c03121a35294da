import type { Migration } from './migration.ts';

/**
 * Full-text search over articles, and the undo/redo history of annotation edits.
 *
 * The FTS index uses the articles table as its external content, so the text is
 * stored once; triggers keep it in step with every insert, update and delete.
 *
 * History steps are separate from the append-only event log because a step's
 * state (done, undone, discarded) changes, while the log only grows. Each step
 * keeps full rows (with uuid) so undoing a delete restores the same id, and the
 * links removed with it.
 */
export const searchAndHistory: Migration = {
  version: 2,
  name: 'search and history',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');

      CREATE TRIGGER articles_fts_on_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
      END;
      CREATE TRIGGER articles_fts_on_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', OLD.id, OLD.title, OLD.text);
      END;
      CREATE TRIGGER articles_fts_on_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', OLD.id, OLD.title, OLD.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (NEW.id, NEW.title, NEW.text);
      END;

      CREATE TABLE history_steps (
        id            INTEGER PRIMARY KEY,
        actor         TEXT NOT NULL,
        action        TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        annotation_id INTEGER NOT NULL,
        article_id    INTEGER NOT NULL,
        before        TEXT CHECK (before IS NULL OR json_valid(before)),
        after         TEXT CHECK (after IS NULL OR json_valid(after)),
        links         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(links)),
        state         TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded')),
        at            TEXT NOT NULL
      ) STRICT;
      CREATE INDEX history_steps_by_actor ON history_steps(actor, state, id);
    `);
  },
};
