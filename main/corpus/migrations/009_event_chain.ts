import { chainUnlinkedEvents } from '../eventChain.ts';
import type { Migration } from './migration.ts';

/**
 * Tamper evidence for the event log: a hash chain beside it (see
 * corpus/eventChain.ts), append-only like the log, linked here for the events
 * already recorded and by recordEvent for every new one.
 */
export const eventChain: Migration = {
  version: 9,
  name: 'event_chain',
  up(db) {
    db.exec(`
      CREATE TABLE event_chain (
        event_id INTEGER PRIMARY KEY REFERENCES events(id),
        previous TEXT NOT NULL CHECK (length(previous) = 64),
        hash     TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;

      CREATE TRIGGER event_chain_no_update BEFORE UPDATE ON event_chain
      BEGIN SELECT RAISE(ABORT, 'the event chain is append-only'); END;
      CREATE TRIGGER event_chain_no_delete BEFORE DELETE ON event_chain
      BEGIN SELECT RAISE(ABORT, 'the event chain is append-only'); END;
    `);
    chainUnlinkedEvents(db);
  },
};
