import type { Migration } from './migration.ts';

/**
 * The sync line shows how many of this device's operations wait to be pushed, and the app asks for it
 * on every start. Counting them per request read every operation row (the outbox index does not hold
 * `origin`), and a corpus that never synced has all its work in the outbox: 339 ms for 90,000
 * operations at 1,000 articles with the scale benchmark's review load, on a loaded machine, on the
 * window's first load. Triggers keep the count instead, in the transaction of every operation write,
 * so the request reads one row. A later migration that rebuilds the operations table must create
 * these triggers again.
 */
export const outboxCount: Migration = {
  version: 25,
  name: 'outbox_count',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_count (
        only INTEGER PRIMARY KEY CHECK (only = 1),
        pending INTEGER NOT NULL CHECK (pending >= 0)
      ) STRICT;
      INSERT INTO outbox_count (only, pending)
        SELECT 1, count(*) FROM operations WHERE origin = 'local' AND pushed = 0 AND hub_seq IS NULL;

      CREATE TRIGGER outbox_count_on_insert AFTER INSERT ON operations
        WHEN NEW.origin = 'local' AND NEW.pushed = 0 AND NEW.hub_seq IS NULL BEGIN
        UPDATE outbox_count SET pending = pending + 1;
      END;
      CREATE TRIGGER outbox_count_on_delete AFTER DELETE ON operations
        WHEN OLD.origin = 'local' AND OLD.pushed = 0 AND OLD.hub_seq IS NULL BEGIN
        UPDATE outbox_count SET pending = pending - 1;
      END;
      CREATE TRIGGER outbox_count_on_update AFTER UPDATE OF origin, pushed, hub_seq ON operations
        WHEN (OLD.origin = 'local' AND OLD.pushed = 0 AND OLD.hub_seq IS NULL) IS NOT (NEW.origin = 'local' AND NEW.pushed = 0 AND NEW.hub_seq IS NULL) BEGIN
        UPDATE outbox_count SET pending = pending + CASE WHEN NEW.origin = 'local' AND NEW.pushed = 0 AND NEW.hub_seq IS NULL THEN 1 ELSE -1 END;
      END;
    `);
  },
};
