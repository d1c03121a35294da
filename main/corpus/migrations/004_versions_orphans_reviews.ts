import type { Migration } from './migration.ts';

/**
 * Re-import, bylines and review. An article's text never changes, so a changed version
 * is a new row and the old one is kept, marked superseded: evidence is never lost.
 * Annotations that could not be re-anchored with confidence wait in the orphans
 * queue, still attached to the old version, until the analyst places or drops them.
 * A claim group's review rating is keyed by one of its annotations, because a
 * group id is only its smallest annotation id.
 */
export const versionsOrphansReviews: Migration = {
  version: 4,
  name: 'versions_orphans_reviews',
  up(db) {
    db.exec(`
      CREATE TABLE article_supersessions (
        old_id        INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        new_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        superseded_at TEXT NOT NULL,
        CHECK (old_id <> new_id)
      ) STRICT;
      CREATE INDEX article_supersessions_by_new ON article_supersessions(new_id);

      -- Re-import looks an article up by URL, or by outlet and title, once per imported file.
      CREATE INDEX articles_by_url ON articles(url) WHERE url IS NOT NULL;
      CREATE INDEX articles_by_outlet_title ON articles(outlet, title) WHERE outlet IS NOT NULL AND title IS NOT NULL;

      CREATE TABLE orphans (
        annotation_id   INTEGER PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        new_article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        suggested_start INTEGER,
        suggested_end   INTEGER,
        score           REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
        reason          TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        CHECK ((suggested_start IS NULL) = (suggested_end IS NULL)),
        CHECK (suggested_end IS NULL OR suggested_end > suggested_start)
      ) STRICT;
      CREATE INDEX orphans_by_article ON orphans(new_article_id);

      -- The author a saved web page names; text files state none the importer can trust.
      CREATE TABLE article_bylines (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        byline     TEXT NOT NULL CHECK (length(byline) > 0)
      ) STRICT;

      CREATE TABLE claim_reviews (
        annotation_id  INTEGER PRIMARY KEY REFERENCES annotations(id) ON DELETE CASCADE,
        rating_value   INTEGER CHECK (rating_value IS NULL OR rating_value BETWEEN 1 AND 5),
        alternate_name TEXT NOT NULL CHECK (length(alternate_name) > 0),
        reviewer       TEXT NOT NULL,
        reviewed_at    TEXT NOT NULL
      ) STRICT;
    `);
  },
};
