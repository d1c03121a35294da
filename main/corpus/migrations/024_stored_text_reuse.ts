import type { Migration } from './migration.ts';

/**
 * The origins of a claim group (the matrix's "3 independent origins", the
 * timeline, ClaimReview) rest on text reuse between every two of its
 * reports, and working that out (shingling both whole texts and lining up the
 * shared passages) was most of the matrix's time: about 6 ms a group at 1,000
 * articles on the loaded 2-core machine, 2 December 2026.
 *
 * `text_reuse_pairs` keeps what the comparison of two texts found, by the two
 * texts' sha256 (an article's text never changes in place; a new version is
 * a new article with its own sha256), so a stored result can never be out of
 * date: whatever a write does to links, annotations or article metadata, two
 * texts compare the same way. `method` names the comparison's rules
 * (provenance/textReuse.ts); a row of other rules counts as missing. `reuse`
 * is the JSON of the shared passages, oriented first → second text (first_sha
 * sorts before second_sha), or NULL when the two texts do not reuse text.
 *
 * `claim_origin_pending` names the groups that may have pairs not stored yet
 * (a group that gained a member or a member that moved to another article),
 * so the background refresher compares only those; the first read of a pair
 * not stored works it out itself, so nothing depends on the refresher having
 * run. Rows of a deleted article's text go with it.
 */
export const storedTextReuse: Migration = {
  version: 24,
  name: 'stored_text_reuse',
  // Version 25 was released first: a corpus that reached it without this one gets it at its next open.
  isPresent: (db) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'text_reuse_pairs'").get() !== undefined,
  up(db) {
    db.exec(`
      CREATE TABLE text_reuse_pairs (
        first_sha  TEXT NOT NULL CHECK (length(first_sha) = 64),
        second_sha TEXT NOT NULL CHECK (length(second_sha) = 64),
        method     TEXT NOT NULL,
        reuse      TEXT,
        PRIMARY KEY (first_sha, second_sha),
        CHECK (first_sha < second_sha)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX text_reuse_pairs_by_second ON text_reuse_pairs(second_sha);

      CREATE TABLE claim_origin_pending (
        group_id INTEGER PRIMARY KEY
      ) STRICT;
      INSERT INTO claim_origin_pending (group_id) SELECT DISTINCT group_id FROM claim_group_members;

      CREATE TRIGGER claim_origin_pending_on_member_insert AFTER INSERT ON claim_group_members BEGIN
        INSERT OR IGNORE INTO claim_origin_pending (group_id) VALUES (NEW.group_id);
      END;
      CREATE TRIGGER claim_origin_pending_on_member_update AFTER UPDATE OF group_id ON claim_group_members BEGIN
        INSERT OR IGNORE INTO claim_origin_pending (group_id) VALUES (NEW.group_id);
      END;
      CREATE TRIGGER claim_origin_pending_on_member_move AFTER UPDATE OF article_id ON annotations
        WHEN OLD.article_id IS NOT NEW.article_id BEGIN
        INSERT OR IGNORE INTO claim_origin_pending (group_id) SELECT group_id FROM claim_group_members WHERE annotation_id = NEW.id;
      END;
      CREATE TRIGGER text_reuse_pairs_on_article_delete AFTER DELETE ON articles BEGIN
        DELETE FROM text_reuse_pairs WHERE first_sha = OLD.sha256;
        DELETE FROM text_reuse_pairs WHERE second_sha = OLD.sha256;
      END;
    `);
  },
};
