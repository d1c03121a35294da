import { createHash } from 'node:crypto';
import type { Db } from './connection.ts';
import { cachedStatement } from './statements.ts';

/**
 * The event log as a hash chain: each event's link holds the hash of the link
 * before it and its own hash over that and the event's row, so an event edited,
 * removed or slipped in afterwards breaks every link after it. The links live
 * beside the log (event_chain) so the log's own shape stays its own.
 *
 * The hash covers every column of the event row that is not null, in name
 * order: a column added later that is null on old rows leaves their hashes as
 * they were. A migration that rewrites old events must rebuild the chain.
 *
 * Without a secret anyone able to edit the file can also recompute the whole
 * chain; `crosscheck verify` prints the head hash so that it can be noted
 * elsewhere, and a rewritten history then disagrees with the note.
 */
export const GENESIS = '0'.repeat(64);

export type EventRow = Record<string, unknown>;

export function eventHash(previous: string, row: EventRow): string {
  const fields = Object.entries(row)
    .filter(([, value]) => value !== null && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(previous).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** Links a newly recorded event to the chain; run in the transaction that recorded it. */
export function chainEvent(db: Db, eventId: number): void {
  // A migration older than the chain's own may record events; the chain's migration links them when it runs.
  if (!hasChain(db)) return;
  const row = cachedStatement(db, 'SELECT * FROM events WHERE id = ?').get(eventId) as EventRow;
  const previous = (cachedStatement(db, 'SELECT hash FROM event_chain ORDER BY event_id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
  cachedStatement(db, 'INSERT INTO event_chain (event_id, previous, hash) VALUES (?, ?, ?)').run(eventId, previous, eventHash(previous, row));
}

const chained = new WeakSet<Db>();
function hasChain(db: Db): boolean {
  if (chained.has(db)) return true;
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_chain'").get()) return false;
  chained.add(db);
  return true;
}

/** Links every event not yet in the chain, in id order: what a migration runs over a log that had none. */
export function chainUnlinkedEvents(db: Db): number {
  let previous = (db.prepare('SELECT hash FROM event_chain ORDER BY event_id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
  const insert = db.prepare('INSERT INTO event_chain (event_id, previous, hash) VALUES (?, ?, ?)');
  let linked = 0;
  const rows = db.prepare('SELECT * FROM events WHERE id > coalesce((SELECT max(event_id) FROM event_chain), 0) ORDER BY id').all() as EventRow[];
  for (const row of rows) {
    const hash = eventHash(previous, row);
    insert.run(row.id, previous, hash);
    previous = hash;
    linked++;
  }
  return linked;
}

/** The newest link's hash: the whole log's fingerprint. */
export function chainHead(db: Db): string {
  return (db.prepare('SELECT hash FROM event_chain ORDER BY event_id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
}
