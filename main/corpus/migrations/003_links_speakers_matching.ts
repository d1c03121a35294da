import type { Migration } from './migration.ts';

/**
 * Speakers with aliases, the word index behind "find this claim elsewhere",
 * and the suggestions an analyst rejected.
 *
 * annotations.speaker stays the name as the analyst typed it; it resolves to a
 * speaker through speaker_aliases, so merging two speakers is moving aliases and
 * never rewrites an annotation. Triggers register a new name as its own speaker
 * whoever writes the annotation. The alias key is SQLite's lower(trim(name))
 * (ASCII case folding), mirrored by speakerKey() in corpus/speakers.ts.
 *
 * match_terms is filled by the matcher's own code (matching/termIndex.ts), not
 * here: which words it holds depends on the matcher's version, recorded in meta,
 * and a corpus whose index is missing or older is re-indexed on first use.
 */
export const linksSpeakersMatching: Migration = {
  version: 3,
  name: 'links-speakers-matching',
  up(db) {
    db.exec(`
      CREATE TABLE speakers (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE speaker_aliases (
        key        TEXT PRIMARY KEY,
        alias      TEXT NOT NULL,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX speaker_aliases_by_speaker ON speaker_aliases(speaker_id);

      CREATE TRIGGER annotations_register_speaker_on_insert AFTER INSERT ON annotations
      WHEN NEW.speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speaker_aliases WHERE key = lower(trim(NEW.speaker)))
      BEGIN
        INSERT INTO speakers (name, created_at) VALUES (trim(NEW.speaker), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (lower(trim(NEW.speaker)), trim(NEW.speaker), last_insert_rowid());
      END;

      CREATE TRIGGER annotations_register_speaker_on_update AFTER UPDATE OF speaker ON annotations
      WHEN NEW.speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speaker_aliases WHERE key = lower(trim(NEW.speaker)))
      BEGIN
        INSERT INTO speakers (name, created_at) VALUES (trim(NEW.speaker), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (lower(trim(NEW.speaker)), trim(NEW.speaker), last_insert_rowid());
      END;

      -- Terms are short keys (at most a few letters), so the table stays small without hashing.
      CREATE TABLE match_terms (
        term       TEXT NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (term, article_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE suggestion_rejections (
        id            INTEGER PRIMARY KEY,
        annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start         INTEGER NOT NULL CHECK (start >= 0),
        "end"         INTEGER NOT NULL,
        quote         TEXT NOT NULL,
        reviewer      TEXT NOT NULL,
        rejected_at   TEXT NOT NULL,
        CHECK ("end" > start),
        UNIQUE (annotation_id, article_id, start, "end")
      ) STRICT;
    `);
    // Names already typed on annotations become speakers, one per distinct key.
    const names = db.prepare('SELECT DISTINCT trim(speaker) AS name FROM annotations WHERE speaker IS NOT NULL ORDER BY id').all() as Array<{ name: string }>;
    const addSpeaker = db.prepare("INSERT INTO speakers (name, created_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    const addAlias = db.prepare('INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (lower(?), ?, ?)');
    for (const { name } of names) {
      if (db.prepare('SELECT 1 FROM speaker_aliases WHERE key = lower(?)').get(name)) continue;
      const id = addSpeaker.run(name).lastInsertRowid;
      addAlias.run(name, name, id);
    }
  },
};
