/**
 * The hub's one ordered log of operations. A push is one transaction: every
 * operation is stored, or (on any refusal) none is. The hub alone numbers them.
 */
import { HubRefusal } from './refusal.ts';
import { inTransaction, type HubPool } from './hubDatabase.ts';
import { MAX_PULL_LIMIT, operationFingerprint, type Operation } from './envelope.ts';

export interface PushResult {
  accepted: number;
  duplicates: number;
  /** The newest sequence number on the hub once this push committed. */
  lastSeq: number;
  /** Each pushed operation's sequence number, in the order sent (a duplicate's is the one it already had). */
  seqs: number[];
}

/**
 * Stores a batch an analyst pushed. Refuses the whole batch when any operation
 * names another analyst (403), comes from a device another analyst pushes from (403),
 * or reuses an id with different content (409).
 */
export async function pushOperations(pool: HubPool, analyst: string, operations: Operation[]): Promise<PushResult> {
  const forged = operations.find((op) => op.analyst !== analyst);
  if (forged) {
    throw new HubRefusal(
      403,
      'forbidden',
      `operation ${forged.id} names analyst "${forged.analyst}", but this token belongs to "${analyst}"; nothing of the push was stored`,
    );
  }
  const fingerprints = operations.map((op) => operationFingerprint(op).toString('hex'));
  // The same id twice in one batch: one operation sent twice, or two operations sharing an id.
  const firstIndex = new Map<string, number>();
  operations.forEach((op, i) => {
    const first = firstIndex.get(op.id);
    if (first === undefined) firstIndex.set(op.id, i);
    else if (fingerprints[first] !== fingerprints[i]) {
      throw new HubRefusal(409, 'conflict', `operation id ${op.id} appears twice in the push with different content; nothing of the push was stored`);
    }
  });

  return inTransaction(pool, async (client) => {
    // Taken first and held to the commit: pushes commit in sequence order (see migration 1).
    const head = await client.query<{ last_seq: string }>('SELECT last_seq FROM sequence_head WHERE singleton FOR UPDATE');
    let lastSeq = Number(head.rows[0]!.last_seq);

    const devices = [...new Set(operations.map((op) => op.device))];
    await client.query('INSERT INTO devices (id, analyst) SELECT unnest($1::uuid[]), $2 ON CONFLICT (id) DO NOTHING', [devices, analyst]);
    const foreign = await client.query<{ id: string }>('SELECT id FROM devices WHERE id = ANY($1::uuid[]) AND analyst <> $2 LIMIT 1', [devices, analyst]);
    if (foreign.rows[0]) {
      throw new HubRefusal(403, 'forbidden', `device ${foreign.rows[0].id} belongs to another analyst; nothing of the push was stored`);
    }

    const ids = [...firstIndex.keys()];
    const existing = await client.query<{ id: string; seq: string; fingerprint: string }>(
      "SELECT id::text, seq, encode(fingerprint, 'hex') AS fingerprint FROM operations WHERE id = ANY($1::uuid[])",
      [ids],
    );
    const seqById = new Map<string, number>();
    for (const row of existing.rows) {
      if (row.fingerprint !== fingerprints[firstIndex.get(row.id)!]) {
        throw new HubRefusal(409, 'conflict', `operation ${row.id} was already pushed with different content; nothing of the push was stored`);
      }
      seqById.set(row.id, Number(row.seq));
    }

    const fresh = ids.map((id) => firstIndex.get(id)!).filter((i) => !seqById.has(operations[i]!.id));
    if (fresh.length > 0) {
      const column = <T>(pick: (op: Operation, i: number) => T) => fresh.map((i) => pick(operations[i]!, i));
      await client.query(
        `INSERT INTO operations (seq, id, analyst, device, kind, entity, base_version, payload, created_at, fingerprint)
         SELECT $1::bigint + n, id, $2, device, kind, entity, base_version, payload::json, created_at, decode(fingerprint, 'hex')
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[])
           WITH ORDINALITY AS t(id, device, kind, entity, base_version, payload, created_at, fingerprint, n)`,
        [
          lastSeq,
          analyst,
          column((op) => op.id),
          column((op) => op.device),
          column((op) => op.kind),
          column((op) => op.entity),
          column((op) => op.baseVersion),
          column((op) => JSON.stringify(op.payload)),
          column((op) => op.createdAt),
          column((_op, i) => fingerprints[i]!),
        ],
      );
      fresh.forEach((i, n) => seqById.set(operations[i]!.id, lastSeq + n + 1));
      lastSeq += fresh.length;
      await client.query('UPDATE sequence_head SET last_seq = $1 WHERE singleton', [lastSeq]);
    }
    return {
      accepted: fresh.length,
      duplicates: operations.length - fresh.length,
      lastSeq,
      seqs: operations.map((op) => seqById.get(op.id)!),
    };
  });
}

/** A pull answer is cut short past this many bytes of operations (the device asks again with the new cursor). */
export const MAX_PULL_BYTES = 8 * 1024 * 1024;

export interface PullPage {
  /** The answer's JSON, built from the stored text so payloads are never parsed and re-serialised. */
  json: string;
  count: number;
  lastSeq: number;
  more: boolean;
}

/** Operations after `after`, in hub order. `lastSeq` is the cursor for the next pull: the last one returned, or `after` when none was. */
export async function pullOperations(pool: HubPool, after: number, limit: number): Promise<PullPage> {
  const take = Math.min(limit, MAX_PULL_LIMIT);
  const { rows } = await pool.query<{
    seq: string;
    id: string;
    analyst: string;
    device: string;
    kind: string;
    entity: string;
    base_version: string | null;
    payload: string;
    created_at: string;
  }>(
    `SELECT seq, id::text, analyst, device::text, kind, entity, base_version::text, payload::text AS payload, created_at
     FROM operations WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [after, take + 1],
  );
  const parts: string[] = [];
  let bytes = 0;
  let lastSeq = after;
  for (const row of rows.slice(0, take)) {
    const part =
      `{"seq":${row.seq},"id":"${row.id}","analyst":${JSON.stringify(row.analyst)},"device":"${row.device}",` +
      `"kind":${JSON.stringify(row.kind)},"entity":${JSON.stringify(row.entity)},"baseVersion":${row.base_version === null ? 'null' : `"${row.base_version}"`},` +
      `"payload":${row.payload},"createdAt":${JSON.stringify(row.created_at)}}`;
    if (parts.length > 0 && bytes + part.length > MAX_PULL_BYTES) break;
    parts.push(part);
    bytes += part.length;
    lastSeq = Number(row.seq);
  }
  const more = rows.length > parts.length;
  return { json: `{"operations":[${parts.join(',')}],"lastSeq":${lastSeq},"more":${more}}`, count: parts.length, lastSeq, more };
}

export async function headSeq(pool: HubPool): Promise<number> {
  const { rows } = await pool.query<{ last_seq: string }>('SELECT last_seq FROM sequence_head WHERE singleton');
  return Number(rows[0]!.last_seq);
}
