import { CrosscheckError } from '../contract/errors.ts';
import { deleteAnnotation } from './annotations.ts';
import { applyChange, recordStep } from './changes.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { canonicalJson, localId, readState, type EntityKind, type EntityState } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { deviceId, entityVersion, insertOperation, OPERATION_KINDS, operationsFromBase, recordVersion, type Operation } from './operations.ts';
import { nameUuid, newUuid } from './uuids.ts';

/*
 * Conflicts: two edits of one entity made from the same version by different
 * analysts, with different values. Both values are kept here until someone
 * decides; meanwhile the corpus shows the later one (by the hub's order), the
 * same on every device. A conflict is named by its two operations, so every
 * device that sees both records the same conflict; deciding it is itself an
 * operation, so it is decided everywhere.
 */

export interface ConflictSide {
  operation: string;
  analyst: string;
  device: string;
  kind: string;
  /** The entity's state this side wrote; null when it removed it. */
  value: unknown;
  createdAt: string;
}

export interface Conflict {
  id: number;
  uuid: string;
  entity: string;
  kind: EntityKind;
  /** The integer id of the entity here, when it exists. */
  entityId: number | null;
  baseVersion: string | null;
  sides: ConflictSide[];
  status: 'open' | 'resolved';
  resolvedBy: string | null;
  resolvedAt: string | null;
  /** The operation whose value was kept. */
  kept: string | null;
  createdAt: string;
}

const side = (op: Operation): ConflictSide => ({
  operation: op.id,
  analyst: op.analyst,
  device: op.device,
  kind: op.kind,
  value: op.payload ?? null,
  createdAt: op.createdAt,
});

/** Records a conflict for each operation on the same entity and base by another analyst with another value. */
export function recordRemoteConflicts(db: Db, op: Operation): number {
  const kind = OPERATION_KINDS[op.kind];
  if (kind === null || (kind === 'article' && op.kind === 'article.add')) return 0;
  let opened = 0;
  for (const sibling of operationsFromBase(db, op.entity, op.baseVersion)) {
    if (sibling.id === op.id || sibling.analyst === op.analyst || OPERATION_KINDS[sibling.kind] !== kind) continue;
    // A link is named by its ends and type: two creations of one are the same link drawn twice, not a disagreement.
    if (sibling.kind === 'link.create' && op.kind === 'link.create') continue;
    if (canonicalJson(sibling.payload ?? null) === canonicalJson(op.payload ?? null)) continue;
    const sides = [side(sibling), side(op)].sort((a, b) => (a.operation < b.operation ? -1 : 1));
    const uuid = nameUuid('conflict', sides.map((s) => s.operation).join('\n'));
    const { changes } = cachedStatement(
      db,
      `INSERT INTO conflicts (uuid, entity, kind, base_version, sides, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING`,
    ).run(uuid, op.entity, kind, op.baseVersion, JSON.stringify(sides), new Date().toISOString());
    opened += changes;
  }
  return opened;
}

/**
 * A Web Annotation file changed something we changed too, and ours is the later
 * edit: both values are kept as a conflict, ours as it is and the file's
 * attributed to whom it names, "imported by X from F". Importing the same file
 * again finds the same conflict (it is named by the two values).
 */
export function recordImportConflict(
  db: Db,
  input: { kind: EntityKind; entity: string; ours: unknown; theirs: unknown; importedBy: string; source: string },
): boolean {
  const now = new Date().toISOString();
  const head = entityVersion(db, input.entity)?.head ?? null;
  const claimed = (input.theirs as { author?: string; reviewer?: string }).author ?? (input.theirs as { reviewer?: string }).reviewer ?? 'unknown';
  const oursAuthor = (input.ours as { author?: string; reviewer?: string }).author ?? (input.ours as { reviewer?: string }).reviewer ?? 'unknown';
  const sides: ConflictSide[] = [
    {
      operation: head ?? nameUuid('corpus-state', `${input.entity}\n${canonicalJson(input.ours)}`),
      analyst: oursAuthor,
      device: deviceId(db),
      kind: 'local',
      value: input.ours,
      createdAt: now,
    },
    {
      operation: nameUuid('imported-state', `${input.entity}\n${canonicalJson(input.theirs)}`),
      analyst: claimed,
      device: `file ${input.source} (imported by ${input.importedBy}, unverified)`,
      kind: 'import',
      value: input.theirs,
      createdAt: now,
    },
  ];
  const uuid = nameUuid('conflict', sides.map((s) => s.operation).join('\n'));
  db.prepare('INSERT INTO conflicts (uuid, entity, kind, base_version, sides, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING').run(
    uuid,
    input.entity,
    input.kind,
    head,
    JSON.stringify(sides),
    now,
  );
  return true;
}

interface ConflictRow {
  id: number;
  uuid: string;
  entity: string;
  kind: EntityKind;
  baseVersion: string | null;
  sides: string;
  status: 'open' | 'resolved';
  resolvedBy: string | null;
  resolvedAt: string | null;
  kept: string | null;
  createdAt: string;
}

const COLUMNS =
  'id, uuid, entity, kind, base_version AS baseVersion, sides, status, resolved_by AS resolvedBy, resolved_at AS resolvedAt, kept, created_at AS createdAt';

const toConflict = (db: Db, row: ConflictRow): Conflict => ({
  ...row,
  entityId: localId(db, row.kind, row.entity),
  sides: JSON.parse(row.sides) as ConflictSide[],
  kept: row.kept === null ? null : (JSON.parse(row.kept) as string),
});

/** Open conflicts, oldest first; every conflict with `all`. */
export function listConflicts(db: Db, options: { all?: boolean } = {}): Conflict[] {
  const rows = cachedStatement(db, `SELECT ${COLUMNS} FROM conflicts ${options.all ? '' : "WHERE status = 'open'"} ORDER BY id`).all() as ConflictRow[];
  return rows.map((row) => toConflict(db, row));
}

export function getConflict(db: Db, id: number): Conflict {
  const row = cachedStatement(db, `SELECT ${COLUMNS} FROM conflicts WHERE id = ?`).get(id) as ConflictRow | undefined;
  if (!row) throw new CrosscheckError('not_found', `There is no conflict ${id}.`);
  return toConflict(db, row);
}

/**
 * The side a person means by `keep`: its number (1 or 2, as listed), its
 * analyst's name, or its operation id (or the first eight characters of it).
 */
function chooseSide(conflict: Conflict, keep: string): ConflictSide {
  const wanted = keep.trim();
  const byNumber = /^\d+$/.test(wanted) ? conflict.sides[Number(wanted) - 1] : undefined;
  const matches = byNumber
    ? [byNumber]
    : conflict.sides.filter(
        (s) => s.analyst === wanted || s.operation === wanted.toLowerCase() || (wanted.length >= 8 && s.operation.startsWith(wanted.toLowerCase())),
      );
  if (matches.length !== 1) {
    const options = conflict.sides.map((s, i) => `${i + 1} (${s.analyst}, operation ${s.operation.slice(0, 8)})`).join(' or ');
    throw new CrosscheckError('invalid_input', `“${keep}” does not name one side of conflict ${conflict.id}; keep ${options}.`);
  }
  return matches[0]!;
}

/**
 * Decides a conflict: the chosen side's value becomes the entity's (an edit by
 * `actor`, undoable and replicated like any other), and the decision itself is
 * an operation, so every device marks the conflict decided.
 */
export function resolveConflict(db: Db, id: number, keep: string, actor: string): Conflict {
  return recordStep(
    db,
    actor,
    'resolve',
    (): Conflict => {
      const conflict = getConflict(db, id);
      if (conflict.status === 'resolved')
        throw new CrosscheckError('conflict', `Conflict ${id} was already decided by ${conflict.resolvedBy} (${conflict.resolvedAt}).`);
      const chosen = chooseSide(conflict, keep);
      const current = readState(db, conflict.kind, conflict.entity);
      if (canonicalJson(current) !== canonicalJson(chosen.value)) {
        if (chosen.value === null && conflict.kind === 'annotation') deleteAnnotation(db, localId(db, 'annotation', conflict.entity)!, actor);
        else applyChange(db, actor, { kind: conflict.kind, uuid: conflict.entity, before: current, after: chosen.value as EntityState | null });
      }
      const now = new Date().toISOString();
      const op: Operation = {
        id: newUuid(),
        analyst: actor,
        device: deviceId(db),
        kind: 'conflict.resolve',
        entity: conflict.uuid,
        baseVersion: entityVersion(db, conflict.uuid)?.head ?? null,
        payload: { keep: chosen.operation, by: actor },
        createdAt: now,
      };
      insertOperation(db, op, null, 'local');
      recordVersion(db, op, { wrote: true });
      markResolved(db, conflict.uuid, chosen.operation, actor, now);
      recordEvent(
        db,
        {
          actor,
          action: 'conflict.resolve',
          entity: conflict.kind === 'article' ? 'article' : 'annotation',
          entityId: conflict.entityId,
          entityUuid: conflict.entity,
          data: { conflict: conflict.uuid, kept: chosen },
        },
        now,
      );
      return getConflict(db, id);
    },
    (conflict) => {
      const annotation =
        conflict.kind === 'annotation' && conflict.entityId !== null
          ? (cachedStatement(db, 'SELECT id, article_id AS articleId, quote FROM annotations WHERE id = ?').get(conflict.entityId) as
              { id: number; articleId: number; quote: string } | undefined)
          : undefined;
      return { annotationId: annotation?.id ?? null, articleId: annotation?.articleId ?? null, quote: annotation?.quote ?? `conflict ${conflict.id}` };
    },
  );
}

/** Another device decided a conflict: mark it decided here too (its value arrives as an operation of its own). */
export function resolveFromRemote(db: Db, op: Operation): void {
  const { keep, by } = op.payload as { keep: string; by: string };
  markResolved(db, op.entity, keep, by, op.createdAt);
}

function markResolved(db: Db, uuid: string, kept: string, by: string, at: string): void {
  cachedStatement(db, "UPDATE conflicts SET status = 'resolved', resolved_by = ?, resolved_at = ?, kept = ? WHERE uuid = ? AND status = 'open'").run(
    by,
    at,
    JSON.stringify(kept),
    uuid,
  );
}
