import { randomUUID } from 'node:crypto';
import { UUID_CHECK } from '../uuids.ts';
import type { Migration } from './migration.ts';

/**
 * Replication. `operations` is both the outbox (this device's edits, hub_seq
 * NULL until the hub has ordered them) and the log of what was applied from
 * other devices; `position` is the local order, the order pushes follow.
 * `entity_versions` keeps, per entity, the latest operation that wrote it and
 * the latest that removed it: an entity is alive when its latest creation is
 * ordered after its latest removal, which is what makes every device that
 * applied the same operations agree whatever order they arrived in.
 * `conflicts` keeps both values of two edits of one entity made from the same
 * version by different analysts, until someone decides. `sync_state` names this
 * device and the hub cursor already pulled. `imported_claims` marks what a file
 * said about who did something, which the importer could not check.
 */
export const operations: Migration = {
  version: 6,
  name: 'operations',
  up(db) {
    db.exec(`
      CREATE TABLE operations (
        position     INTEGER PRIMARY KEY AUTOINCREMENT,
        id           TEXT NOT NULL UNIQUE ${UUID_CHECK('id')},
        analyst      TEXT NOT NULL CHECK (length(analyst) > 0),
        device       TEXT NOT NULL ${UUID_CHECK('device')},
        kind         TEXT NOT NULL,
        entity       TEXT NOT NULL,
        base_version TEXT,
        payload      TEXT NOT NULL CHECK (json_valid(payload)),
        created_at   TEXT NOT NULL,
        hub_seq      INTEGER UNIQUE CHECK (hub_seq IS NULL OR hub_seq > 0),
        pushed       INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1)),
        origin       TEXT NOT NULL CHECK (origin IN ('local', 'remote'))
      ) STRICT;
      CREATE INDEX operations_by_entity ON operations(entity, base_version);
      CREATE INDEX operations_outbox ON operations(position) WHERE hub_seq IS NULL AND pushed = 0;

      CREATE TABLE entity_versions (
        entity      TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        head        TEXT NOT NULL,
        created_by  TEXT,
        deleted_by  TEXT
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE conflicts (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid        TEXT NOT NULL UNIQUE ${UUID_CHECK('uuid')},
        entity      TEXT NOT NULL,
        kind        TEXT NOT NULL,
        base_version TEXT,
        sides       TEXT NOT NULL CHECK (json_valid(sides)),
        status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolved_by TEXT,
        resolved_at TEXT,
        kept        TEXT CHECK (kept IS NULL OR json_valid(kept)),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conflicts_open ON conflicts(status, id);

      -- Authorship a file claims but nobody vouched for: an annotation's author, a link's reviewer, a verdict's
      -- reviewer as written in an imported Web Annotation file. Kept as written, marked unverified here.
      CREATE TABLE imported_claims (
        entity      TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        claimed_by  TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        source      TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_state (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        device          TEXT NOT NULL ${UUID_CHECK('device')},
        last_pulled_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_pulled_seq >= 0),
        baseline_done   INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
    // A corpus with nothing in it yet has nothing to write as a baseline (corpus/operations.ts).
    const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM articles)').pluck().get() as number;
    db.prepare('INSERT INTO sync_state (id, device, baseline_done) VALUES (1, ?, ?)').run(randomUUID(), empty);
  },
};
