import type { Db } from './database.ts';
import { chainEvent } from './eventChain.ts';
import { cachedStatement } from './statements.ts';

export interface EventRecord {
  actor: string;
  action: string;
  entity: 'article' | 'annotation' | 'link' | 'speaker' | 'suggestion' | 'corpus';
  entityId: number | null;
  /** The entity's stable name: its UUID, or for an article the sha256 of its text. Integer ids are local to one corpus. */
  entityUuid?: string | null;
  data?: unknown;
}

export interface StoredEvent extends Required<Omit<EventRecord, 'data' | 'entityUuid'>> {
  entityUuid: string | null;
  id: number;
  at: string;
  data: unknown;
}

/** Appends to the event log. Callers run it inside the transaction of the change it records. */
export function recordEvent(db: Db, event: EventRecord, at: string = new Date().toISOString()): void {
  const { lastInsertRowid } = cachedStatement(
    db,
    'INSERT INTO events (at, actor, action, entity, entity_id, entity_uuid, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(at, event.actor, event.action, event.entity, event.entityId, event.entityUuid ?? null, JSON.stringify(event.data ?? {}));
  chainEvent(db, Number(lastInsertRowid));
}

export function listEvents(db: Db, entity?: EventRecord['entity'], entityId?: number): StoredEvent[] {
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, entity_uuid AS entityUuid, data FROM events
       WHERE (@entity IS NULL OR entity = @entity) AND (@entityId IS NULL OR entity_id = @entityId)
       ORDER BY id`,
    )
    .all({ entity: entity ?? null, entityId: entityId ?? null }) as Array<StoredEvent & { data: string }>;
  return rows.map((row) => ({ ...row, data: JSON.parse(row.data) as unknown }));
}
