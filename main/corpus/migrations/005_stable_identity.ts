import { randomUUID } from 'node:crypto';
import { nameUuid, NAME_UUID_FUNCTION, RANDOM_UUID_SQL, UUID_CHECK } from '../uuids.ts';
import type { Migration } from './migration.ts';

/**
 * Stable identity. Every entity gets a lower-case UUID (annotations and links
 * had one, but an import could store it in upper case; speakers, verdicts and
 * suggestion rejections had none), and integer ids are never reused: the tables
 * are rebuilt with AUTOINCREMENT, so a deleted row's id never names another row
 * (it used to: SQLite hands out max(id) + 1, so deleting the newest annotation
 * let the next one take its id, and an undo or a log entry then named the wrong one).
 *
 * Link reviews and claim-group verdicts are kept per reviewer (link_reviews,
 * claim_reviews unique per annotation and reviewer); a link's status, reviewer
 * and reviewed_at are derived from its latest review. The event log names the
 * entity's UUID from now on; older events keep only the integer id, since the
 * log is evidence and is never rewritten. Undo steps (undo_steps) name entities
 * by UUID and keep whole before/after states; the older history_steps table is
 * kept as it was and no longer read.
 *
 * The rebuild needs foreign keys off (a DROP TABLE would otherwise cascade), so
 * migrate() runs this migration with them off and checks them before commit.
 */
export const stableIdentity: Migration = {
  version: 5,
  name: 'stable identity',
  rebuildsTables: true,
  up(db) {
    const uuidColumn = `uuid TEXT NOT NULL UNIQUE DEFAULT ${RANDOM_UUID_SQL} ${UUID_CHECK('uuid')}`;

    // Upper-case UUIDs came in through imports; lower case is the stored form.
    // Where lowering would make two rows share one UUID, the later row gets a new one.
    for (const table of ['annotations', 'links']) {
      const rows = db
        .prepare(`SELECT id, uuid FROM ${table} WHERE uuid <> lower(uuid) OR uuid NOT GLOB '????????-????-????-????-????????????' ORDER BY id`)
        .all() as Array<{ id: number; uuid: string }>;
      for (const row of rows) {
        const lower = row.uuid.toLowerCase();
        const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(lower);
        const taken = db.prepare(`SELECT 1 FROM ${table} WHERE uuid = ? AND id <> ?`).get(lower, row.id);
        db.prepare(`UPDATE ${table} SET uuid = ? WHERE id = ?`).run(valid && !taken ? lower : randomUUID(), row.id);
      }
    }

    db.exec(`
      CREATE TABLE annotations_rebuilt (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        ${uuidColumn},
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
      INSERT INTO annotations_rebuilt (id, uuid, article_id, start, "end", quote, prefix, suffix, tag, note, speaker, author, created_at, updated_at)
        SELECT id, uuid, article_id, start, "end", quote, prefix, suffix, tag, note, speaker, author, created_at, updated_at FROM annotations;
      DROP TABLE annotations;
      ALTER TABLE annotations_rebuilt RENAME TO annotations;
      CREATE INDEX annotations_by_article ON annotations(article_id, start);
      CREATE TRIGGER annotations_within_text_on_insert
      BEFORE INSERT ON annotations
      WHEN NEW."end" > (SELECT text_length FROM articles WHERE id = NEW.article_id)
      BEGIN SELECT RAISE(ABORT, 'annotation ends beyond the end of its article'); END;
      CREATE TRIGGER annotations_within_text_on_update
      BEFORE UPDATE OF start, "end", article_id ON annotations
      WHEN NEW."end" > (SELECT text_length FROM articles WHERE id = NEW.article_id)
      BEGIN SELECT RAISE(ABORT, 'annotation ends beyond the end of its article'); END;

      CREATE TABLE speakers_rebuilt (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        ${uuidColumn},
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO speakers_rebuilt (id, name, created_at) SELECT id, name, created_at FROM speakers;
      DROP TABLE speakers;
      ALTER TABLE speakers_rebuilt RENAME TO speakers;

      -- A name typed for the first time becomes a speaker whose UUID every device derives alike from the name.
      CREATE TRIGGER annotations_register_speaker_on_insert AFTER INSERT ON annotations
      WHEN NEW.speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speaker_aliases WHERE key = lower(trim(NEW.speaker)))
      BEGIN
        INSERT INTO speakers (uuid, name, created_at) VALUES (${NAME_UUID_FUNCTION}('speaker', lower(trim(NEW.speaker))), trim(NEW.speaker), NEW.updated_at);
        INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (lower(trim(NEW.speaker)), trim(NEW.speaker), last_insert_rowid());
      END;
      CREATE TRIGGER annotations_register_speaker_on_update AFTER UPDATE OF speaker ON annotations
      WHEN NEW.speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM speaker_aliases WHERE key = lower(trim(NEW.speaker)))
      BEGIN
        INSERT INTO speakers (uuid, name, created_at) VALUES (${NAME_UUID_FUNCTION}('speaker', lower(trim(NEW.speaker))), trim(NEW.speaker), NEW.updated_at);
        INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (lower(trim(NEW.speaker)), trim(NEW.speaker), last_insert_rowid());
      END;

      CREATE TABLE links_rebuilt (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        ${uuidColumn},
        from_id     INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        to_id       INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        type        TEXT NOT NULL CHECK (type IN ('same-claim', 'paraphrase', 'contradicts', 'denies', 'attributed-to', 'cites')),
        status      TEXT NOT NULL CHECK (status IN ('suggested', 'confirmed', 'rejected')),
        method      TEXT NOT NULL CHECK (method IN ('manual', 'matcher', 'import')),
        score       REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
        reviewer    TEXT,
        reviewed_at TEXT,
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL DEFAULT 'unknown',
        CHECK (from_id <> to_id),
        UNIQUE (from_id, to_id, type)
      ) STRICT;
      INSERT INTO links_rebuilt (id, uuid, from_id, to_id, type, status, method, score, reviewer, reviewed_at, created_at)
        SELECT id, uuid, from_id, to_id, type, status, method, score, reviewer, reviewed_at, created_at FROM links;
      DROP TABLE links;
      ALTER TABLE links_rebuilt RENAME TO links;
      CREATE INDEX links_by_target ON links(to_id);

      -- Each reviewer's own decision on a link; the link's status is the latest of them.
      CREATE TABLE link_reviews (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        ${uuidColumn},
        link_id     INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
        reviewer    TEXT NOT NULL CHECK (length(reviewer) > 0),
        status      TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected')),
        reviewed_at TEXT NOT NULL,
        UNIQUE (link_id, reviewer)
      ) STRICT;
      INSERT INTO link_reviews (link_id, reviewer, status, reviewed_at)
        SELECT id, reviewer, status, reviewed_at FROM links WHERE status <> 'suggested' AND reviewer IS NOT NULL AND reviewed_at IS NOT NULL;

      CREATE TABLE suggestion_rejections_rebuilt (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        ${uuidColumn},
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
      INSERT INTO suggestion_rejections_rebuilt (id, annotation_id, article_id, start, "end", quote, reviewer, rejected_at)
        SELECT id, annotation_id, article_id, start, "end", quote, reviewer, rejected_at FROM suggestion_rejections;
      DROP TABLE suggestion_rejections;
      ALTER TABLE suggestion_rejections_rebuilt RENAME TO suggestion_rejections;

      -- Each reviewer's verdict on a claim group, stored on the member it was set on; the group's verdict is the latest.
      CREATE TABLE claim_reviews_rebuilt (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        ${uuidColumn},
        annotation_id  INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        rating_value   INTEGER CHECK (rating_value IS NULL OR rating_value BETWEEN 1 AND 5),
        alternate_name TEXT NOT NULL CHECK (length(alternate_name) > 0),
        reviewer       TEXT NOT NULL,
        reviewed_at    TEXT NOT NULL,
        UNIQUE (annotation_id, reviewer)
      ) STRICT;
      INSERT INTO claim_reviews_rebuilt (annotation_id, rating_value, alternate_name, reviewer, reviewed_at)
        SELECT annotation_id, rating_value, alternate_name, reviewer, reviewed_at FROM claim_reviews;
      DROP TABLE claim_reviews;
      ALTER TABLE claim_reviews_rebuilt RENAME TO claim_reviews;

      ALTER TABLE events ADD COLUMN entity_uuid TEXT;
      CREATE INDEX events_by_entity_uuid ON events(entity_uuid) WHERE entity_uuid IS NOT NULL;

      -- One undoable change by one analyst: the before and after state of every entity it touched, named by UUID.
      CREATE TABLE undo_steps (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        summary TEXT NOT NULL CHECK (json_valid(summary)),
        changes TEXT NOT NULL CHECK (json_valid(changes)),
        state   TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded')),
        at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX undo_steps_by_actor ON undo_steps(actor, state, id);
    `);

    // Who made each existing link, where the log says so (the log's ids could name a reused id, so only
    // an entry whose link still has the same ends is believed).
    const creators = db
      .prepare(
        `SELECT l.id, e.actor FROM links l JOIN events e ON e.entity = 'link' AND e.entity_id = l.id AND e.action = 'link.create'
         WHERE json_extract(e.data, '$.after.fromId') = l.from_id AND json_extract(e.data, '$.after.toId') = l.to_id`,
      )
      .all() as Array<{ id: number; actor: string }>;
    const setCreator = db.prepare('UPDATE links SET created_by = ? WHERE id = ?');
    for (const { id, actor } of creators) setCreator.run(actor, id);

    // Speakers get the UUID a device would derive from their name today.
    const speakers = db.prepare('SELECT id, name FROM speakers ORDER BY id').all() as Array<{ id: number; name: string }>;
    const used = new Set<string>();
    for (const { id, name } of speakers) {
      let uuid = nameUuid(
        'speaker',
        name.replace(/^ +| +$/g, '').replace(/[A-Z]/g, (c) => c.toLowerCase()),
      );
      if (used.has(uuid)) uuid = randomUUID();
      used.add(uuid);
      db.prepare('UPDATE speakers SET uuid = ? WHERE id = ?').run(uuid, id);
    }

    // A reviewer's review of a link, verdict on an annotation and rejection of a span are named alike on every device.
    const reviews = db.prepare('SELECT r.id, l.uuid AS link, r.reviewer FROM link_reviews r JOIN links l ON l.id = r.link_id').all() as Array<{
      id: number;
      link: string;
      reviewer: string;
    }>;
    for (const r of reviews) db.prepare('UPDATE link_reviews SET uuid = ? WHERE id = ?').run(nameUuid('link-review', `${r.link}\n${r.reviewer}`), r.id);
    const verdicts = db
      .prepare('SELECT v.id, a.uuid AS annotation, v.reviewer FROM claim_reviews v JOIN annotations a ON a.id = v.annotation_id')
      .all() as Array<{ id: number; annotation: string; reviewer: string }>;
    for (const v of verdicts) db.prepare('UPDATE claim_reviews SET uuid = ? WHERE id = ?').run(nameUuid('verdict', `${v.annotation}\n${v.reviewer}`), v.id);
    const rejections = db
      .prepare(
        'SELECT r.id, a.uuid AS annotation, ar.sha256, r.start, r."end" FROM suggestion_rejections r JOIN annotations a ON a.id = r.annotation_id JOIN articles ar ON ar.id = r.article_id',
      )
      .all() as Array<{ id: number; annotation: string; sha256: string; start: number; end: number }>;
    for (const r of rejections)
      db.prepare('UPDATE suggestion_rejections SET uuid = ? WHERE id = ?').run(
        nameUuid('rejection', `${r.annotation}\n${r.sha256}\n${r.start}\n${r.end}`),
        r.id,
      );
  },
};
