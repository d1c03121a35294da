import type { Migration } from './migration.ts';

/**
 * Suggestions are stored, not recomputed for the whole queue on every view.
 *
 * `suggestion_sources` holds one row per annotation: whether its stored
 * suggestions may be shown (`stale` = 0), which matcher computed them, and the
 * article epoch they were computed at. `stored_suggestions` holds the rows
 * themselves, read a page at a time in one stable order.
 *
 * The triggers below keep the store honest whatever path a change takes (an
 * edit, undo, a sync from the hub, an import): any change that can alter an
 * annotation's suggestions bumps its `generation`, marks it stale and deletes
 * its rows, so a stale row is never shown; the refresher recomputes it later,
 * off the request path, and writes its result only if the generation it read
 * is still current. A new article only bumps the global epoch: the rows shown
 * stay true, they may miss a match in the new article until the refresher
 * reaches them. Claim-group changes cannot be followed in a trigger (groups
 * are a closure over links); they are queued in `suggestion_group_changes`
 * and settled in code before the next read.
 */
export const storedSuggestions: Migration = {
  version: 14,
  name: 'stored_suggestions',
  up(db) {
    db.exec(`
      CREATE TABLE suggestion_sources (
        annotation_id INTEGER PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        stale         INTEGER NOT NULL DEFAULT 1 CHECK (stale IN (0, 1)),
        generation    INTEGER NOT NULL DEFAULT 0,
        matcher       TEXT,
        epoch         INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX suggestion_sources_to_refresh ON suggestion_sources(stale DESC, epoch, annotation_id);

      CREATE TABLE stored_suggestions (
        source_id  INTEGER NOT NULL REFERENCES suggestion_sources(annotation_id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL,
        "end"      INTEGER NOT NULL,
        score      REAL NOT NULL,
        rank       INTEGER NOT NULL,
        body       TEXT NOT NULL CHECK (json_valid(body)),
        PRIMARY KEY (source_id, rank)
      ) STRICT;
      -- The queue's one order, best first; ties broken so that a page boundary never moves.
      CREATE INDEX stored_suggestions_in_queue_order ON stored_suggestions(score DESC, source_id, rank);
      CREATE INDEX stored_suggestions_by_article ON stored_suggestions(article_id, start);

      CREATE TABLE suggestion_epoch (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        epoch INTEGER NOT NULL
      ) STRICT;
      INSERT INTO suggestion_epoch (id, epoch) VALUES (1, 1);

      CREATE TABLE suggestion_group_changes (
        annotation_id INTEGER PRIMARY KEY
      ) STRICT;

      INSERT INTO suggestion_sources (annotation_id) SELECT id FROM annotations;

      -- Invalidation in one place: a bumped generation hides and drops the rows.
      CREATE TRIGGER suggestion_sources_invalidated AFTER UPDATE OF generation ON suggestion_sources
      BEGIN
        DELETE FROM stored_suggestions WHERE source_id = NEW.annotation_id;
      END;

      CREATE TRIGGER suggestions_on_annotation_insert AFTER INSERT ON annotations
      BEGIN
        INSERT OR IGNORE INTO suggestion_sources (annotation_id) VALUES (NEW.id);
        -- Another annotation's suggestion at this span now names an existing annotation.
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id IN (SELECT source_id FROM stored_suggestions WHERE article_id = NEW.article_id AND start < NEW."end" AND "end" > NEW.start);
      END;

      CREATE TRIGGER suggestions_on_annotation_update AFTER UPDATE OF article_id, start, "end", quote, speaker ON annotations
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id = NEW.id
             OR annotation_id IN (SELECT source_id FROM stored_suggestions WHERE article_id = OLD.article_id AND start < OLD."end" AND "end" > OLD.start)
             OR annotation_id IN (SELECT source_id FROM stored_suggestions WHERE article_id = NEW.article_id AND start < NEW."end" AND "end" > NEW.start);
        INSERT OR IGNORE INTO suggestion_group_changes (annotation_id) VALUES (NEW.id);
      END;

      CREATE TRIGGER suggestions_on_annotation_delete AFTER DELETE ON annotations
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id IN (SELECT source_id FROM stored_suggestions WHERE article_id = OLD.article_id AND start < OLD."end" AND "end" > OLD.start);
      END;

      -- A link settles spans for its two ends directly; a grouping link, for every member of their groups.
      CREATE TRIGGER suggestions_on_link_insert AFTER INSERT ON links
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1 WHERE annotation_id IN (NEW.from_id, NEW.to_id);
        INSERT OR IGNORE INTO suggestion_group_changes (annotation_id) VALUES (NEW.from_id), (NEW.to_id);
      END;
      CREATE TRIGGER suggestions_on_link_update AFTER UPDATE OF from_id, to_id, type, status ON links
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1 WHERE annotation_id IN (OLD.from_id, OLD.to_id, NEW.from_id, NEW.to_id);
        INSERT OR IGNORE INTO suggestion_group_changes (annotation_id) VALUES (OLD.from_id), (OLD.to_id), (NEW.from_id), (NEW.to_id);
      END;
      CREATE TRIGGER suggestions_on_link_delete AFTER DELETE ON links
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1 WHERE annotation_id IN (OLD.from_id, OLD.to_id);
        INSERT OR IGNORE INTO suggestion_group_changes (annotation_id) VALUES (OLD.from_id), (OLD.to_id);
      END;

      -- A rejection holds for the whole claim group of the annotation it was made for.
      CREATE TRIGGER suggestions_on_rejection_insert AFTER INSERT ON suggestion_rejections
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1 WHERE annotation_id = NEW.annotation_id;
        INSERT OR IGNORE INTO suggestion_group_changes (annotation_id) VALUES (NEW.annotation_id);
      END;
      CREATE TRIGGER suggestions_on_rejection_delete AFTER DELETE ON suggestion_rejections
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1 WHERE annotation_id = OLD.annotation_id;
        INSERT OR IGNORE INTO suggestion_group_changes (annotation_id) VALUES (OLD.annotation_id);
      END;

      -- A new article may hold matches for any annotation: what is shown stays true, the refresher looks again.
      CREATE TRIGGER suggestions_on_article_insert AFTER INSERT ON articles
      BEGIN
        UPDATE suggestion_epoch SET epoch = epoch + 1 WHERE id = 1;
      END;
      CREATE TRIGGER suggestions_on_article_text_update AFTER UPDATE OF text ON articles
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id IN (SELECT source_id FROM stored_suggestions WHERE article_id = NEW.id);
        UPDATE suggestion_epoch SET epoch = epoch + 1 WHERE id = 1;
      END;
      -- A superseded version is never suggested: its rows go at once; its successor is looked at by the refresher.
      CREATE TRIGGER suggestions_on_supersession_insert AFTER INSERT ON article_supersessions
      BEGIN
        DELETE FROM stored_suggestions WHERE article_id = NEW.old_id;
        UPDATE suggestion_epoch SET epoch = epoch + 1 WHERE id = 1;
      END;
      CREATE TRIGGER suggestions_on_supersession_delete AFTER DELETE ON article_supersessions
      BEGIN
        UPDATE suggestion_epoch SET epoch = epoch + 1 WHERE id = 1;
      END;

      -- Which speaker a name resolves to decides the same-speaker check of every annotation naming it.
      CREATE TRIGGER suggestions_on_speaker_alias_insert AFTER INSERT ON speaker_aliases
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id IN (SELECT id FROM annotations WHERE speaker IS NOT NULL AND lower(trim(speaker)) IN (SELECT key FROM speaker_aliases WHERE speaker_id = NEW.speaker_id));
      END;
      CREATE TRIGGER suggestions_on_speaker_alias_update AFTER UPDATE ON speaker_aliases
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id IN (SELECT id FROM annotations WHERE speaker IS NOT NULL AND lower(trim(speaker)) IN (OLD.key, NEW.key));
      END;
      CREATE TRIGGER suggestions_on_speaker_alias_delete AFTER DELETE ON speaker_aliases
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id IN (SELECT id FROM annotations WHERE speaker IS NOT NULL AND lower(trim(speaker)) = OLD.key);
      END;
      CREATE TRIGGER suggestions_on_speaker_rename AFTER UPDATE OF name ON speakers
      BEGIN
        UPDATE suggestion_sources SET stale = 1, generation = generation + 1
          WHERE annotation_id IN (SELECT id FROM annotations WHERE speaker IS NOT NULL AND lower(trim(speaker)) IN (SELECT key FROM speaker_aliases WHERE speaker_id = NEW.id));
      END;
    `);
  },
};
