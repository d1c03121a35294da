import type { Migration } from './migration.ts';

/**
 * The source as captured: the bytes an article was read from (the saved page,
 * the PDF, the text file), exactly as they arrived, with their sha256, size,
 * media type and capture time, and for a page fetched from the web its address
 * and the server's HTTP date. The article's text is what Crosscheck extracted;
 * this is what it was extracted from, so a reader can check the one against
 * the other. Articles imported before this version, or merged from another
 * analyst's export, have no capture.
 *
 * A PDF's text is one string like any other article's; article_pages keeps
 * where each page starts in it, so every annotation knows its page.
 *
 * A published ClaimReview names the claim in the analyst's words and has an
 * address of its own: both are kept with the group's verdict. The publishing
 * organisation is a corpus setting, kept in meta.
 */
export const sourcesAndReviewWording: Migration = {
  version: 8,
  name: 'sources_and_review_wording',
  up(db) {
    db.exec(`
      CREATE TABLE article_sources (
        article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
        size        INTEGER NOT NULL CHECK (size = length(bytes)),
        media_type  TEXT NOT NULL CHECK (length(media_type) > 0),
        file_name   TEXT,
        captured_at TEXT NOT NULL,
        address     TEXT CHECK (address IS NULL OR address GLOB 'http*://*'),
        http_date   TEXT,
        bytes       BLOB NOT NULL
      ) STRICT;

      CREATE TABLE article_pages (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        page       INTEGER NOT NULL CHECK (page >= 1),
        start      INTEGER NOT NULL CHECK (start >= 0),
        PRIMARY KEY (article_id, page)
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE claim_reviews ADD COLUMN claim_reviewed TEXT CHECK (claim_reviewed IS NULL OR length(trim(claim_reviewed)) > 0);
      ALTER TABLE claim_reviews ADD COLUMN review_url TEXT CHECK (review_url IS NULL OR review_url GLOB 'http*://*');
    `);
  },
};
