import type { Migration } from './migration.ts';

/**
 * Articles, annotations, links and the event log.
 * Offsets are UTF-16 code units, which SQLite's length() does not count, so each
 * article stores its own `text_length` for the bounds trigger to compare against.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        title       TEXT,
        outlet      TEXT,
        url         TEXT,
        published   TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        text        TEXT NOT NULL,
        text_length INTEGER NOT NULL CHECK (text_length >= 0),
        sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        file_name   TEXT,
        imported_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE annotations (
        id         INTEGER PRIMARY KEY,
        uuid       TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL CHECK (start >= 0),
        "end"      INTEGER NOT NULL,
        quote      TEXT NOT NULL,
        prefix     TEXT NOT NULL,
        suffix     TEXT NOT NULL,
        tag        TEXT NOT NULL CHECK (tag IN ('claim', 'denial', 'attribution')),
        note       TEXT NOT NULL DEFAULT '',
        speaker    TEXT,
        author     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ("end" > start),
        CHECK (length(prefix) <= 32 AND length(suffix) <= 32)
      ) STRICT;
      CREATE INDEX annotations_by_article ON annotations(article_id, start);

      CREATE TRIGGER annotations_within_text_on_insert
      BEFORE INSERT ON annotations
      WHEN NEW."end" > (SELECT text_length FROM articles WHERE id = NEW.article_id)
      BEGIN SELECT RAISE(ABORT, 'annotation ends beyond the end of its article'); END;

      CREATE TRIGGER annotations_within_text_on_update
      BEFORE UPDATE OF start, "end", article_id ON annotations
      WHEN NEW."end" > (SELECT text_length FROM articles WHERE id = NEW.article_id)
      BEGIN SELECT RAISE(ABORT, 'annotation ends beyond the end of its article'); END;

      CREATE TABLE links (
        id          INTEGER PRIMARY KEY,
        uuid        TEXT NOT NULL UNIQUE,
        from_id     INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        to_id       INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        type        TEXT NOT NULL CHECK (type IN ('same-claim', 'paraphrase', 'contradicts', 'denies', 'attributed-to', 'cites')),
        status      TEXT NOT NULL CHECK (status IN ('suggested', 'confirmed', 'rejected')),
        method      TEXT NOT NULL CHECK (method IN ('manual', 'matcher', 'import')),
        score       REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
        reviewer    TEXT,
        reviewed_at TEXT,
        created_at  TEXT NOT NULL,
        CHECK (from_id <> to_id),
        UNIQUE (from_id, to_id, type)
      ) STRICT;
      CREATE INDEX links_by_target ON links(to_id);

      -- Append-only: the log is the evidence of who changed what, so it refuses edits.
      CREATE TABLE events (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id INTEGER,
        data      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
      ) STRICT;
      CREATE INDEX events_by_entity ON events(entity, entity_id);

      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
    `);
  },
};
