import { CrosscheckError } from '../contract/errors.ts';
import { isNormalised, sha256Hex } from './articleText.ts';
import { insertArticle } from './articles.ts';
import { applyChange, withoutStep } from './changes.ts';
import { recordRemoteConflicts, resolveFromRemote } from './conflicts.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { dependentsOf, localId, readState, type EntityKind, type EntityState } from './entityStates.ts';
import { recordEvent, type EventRecord } from './events.ts';
import {
  aliveByVersions,
  createsEntity,
  entityVersion,
  getOperation,
  insertOperation,
  isLater,
  OPERATION_KINDS,
  orderOf,
  parseOperation,
  recordCascade,
  recordVersion,
  type EntityVersion,
  type Operation,
  type SequencedOperation,
} from './operations.ts';
import { canonicalJson } from './entityStates.ts';

/*
 * Applies another device's operation, through the same state writers as local
 * edits (entityStates.ts via changes.ts), never by SQL of its own.
 *
 * Every device ends with the same corpus whatever order operations reach it,
 * because each decision depends only on the operations' order (the hub's seq;
 * an operation of this device not yet sequenced counts as later than anything
 * pulled so far, which its seq will be):
 * - a value (create or update) stands when it is the latest written to its entity;
 * - an entity exists when its latest creation is later than its latest removal:
 *   an update never brings back a removed entity, a later creation (an undone
 *   delete) does, and a removal takes what hangs on the entity with it;
 * - two operations on one entity from the same base version by different
 *   analysts with different values are a conflict, recorded with both values
 *   (the later one is shown until someone decides); nothing is dropped.
 * An operation already here (by id) changes nothing: applying is idempotent.
 */

export interface ApplyOptions {
  /** An article's text by sha256, for `article.add`: texts travel apart from operations. */
  articleText?: (sha256: string) => string | undefined;
}

export type ApplyOutcome = 'applied' | 'superseded' | 'duplicate';

export interface ApplyResult {
  outcome: ApplyOutcome;
  /** Conflicts this operation opened. */
  conflicts: number;
}

export function applyOperation(db: Db, input: SequencedOperation, options: ApplyOptions = {}): ApplyResult {
  const seq = input.seq;
  if (!Number.isSafeInteger(seq) || seq <= 0) throw new CrosscheckError('invalid_input', `operation ${String(input.id)}: seq must be a positive integer.`);
  const { seq: _seq, ...envelope } = input;
  const op = parseOperation(envelope);
  return db
    .transaction((): ApplyResult => {
      const known = getOperation(db, op.id);
      if (known) {
        const { seq: knownSeq, ...knownEnvelope } = known;
        if (canonicalJson(knownEnvelope) !== canonicalJson(op)) {
          throw new CrosscheckError('conflict', `operation ${op.id} is already here with different content; it was not applied again.`);
        }
        if (knownSeq === null) cachedStatement(db, 'UPDATE operations SET hub_seq = ? WHERE id = ?').run(seq, op.id);
        advanceCursor(db, seq);
        return { outcome: 'duplicate', conflicts: 0 };
      }
      insertOperation(db, op, seq, 'remote');
      if (op.kind === 'conflict.resolve') {
        resolveFromRemote(db, op);
        advanceCursor(db, seq);
        return { outcome: 'applied', conflicts: 0 };
      }
      const conflicts = recordRemoteConflicts(db, op);
      const wrote = withoutStep(db, () => applyToEntity(db, op, options));
      recordEvent(db, { actor: op.analyst, action: op.kind, ...eventTarget(db, op), data: { operation: op.id, device: op.device, seq, applied: wrote } });
      advanceCursor(db, seq);
      return { outcome: wrote ? 'applied' : 'superseded', conflicts };
    })
    .immediate();
}

function advanceCursor(db: Db, seq: number): void {
  cachedStatement(db, 'UPDATE sync_state SET last_pulled_seq = max(last_pulled_seq, ?) WHERE id = 1').run(seq);
}

/** Writes the operation's value if the order says it stands; returns whether it wrote. */
function applyToEntity(db: Db, op: Operation, options: ApplyOptions): boolean {
  const kind = OPERATION_KINDS[op.kind] as EntityKind;
  if (op.kind === 'article.add') return addArticle(db, op, options);
  const version = entityVersion(db, op.entity);
  const order = orderOf(db, op.id);
  const exists = localId(db, kind, op.entity) !== null;
  let wrote = false;
  if (op.payload === null) {
    if (exists && (!version?.createdBy || isLater(order, orderOf(db, version.createdBy)))) {
      const dependents = dependentsOf(db, { kind, uuid: op.entity });
      recordCascade(db, dependents, op.id);
      applyChange(db, op.analyst, { kind, uuid: op.entity, before: readState(db, kind, op.entity), after: null }, { replicate: false });
      wrote = true;
    }
  } else if (exists && (!version || aliveByVersions(db, version))) {
    if (!version || isLater(order, orderOf(db, version.head))) {
      applyChange(db, op.analyst, { kind, uuid: op.entity, before: readState(db, kind, op.entity), after: op.payload as EntityState }, { replicate: false });
      wrote = true;
    }
  } else if (createsEntity(op.kind) && (!version?.deletedBy || isLater(order, orderOf(db, version.deletedBy)))) {
    if (dependenciesPresent(db, kind, op.payload as Record<string, unknown>)) {
      recordVersion(db, op, { wrote: true });
      // Back from a removal, it takes the latest value written to it in the hub's order, which may be an
      // update this device applied before the removal reached it.
      const latest = latestValue(db, op.entity) ?? op;
      applyChange(db, op.analyst, { kind, uuid: op.entity, before: null, after: latest.payload as EntityState }, { replicate: false });
      if (latest.id !== op.id) db.prepare('UPDATE entity_versions SET head = ? WHERE entity = ?').run(latest.id, op.entity);
      if (version?.deletedBy) reviveCascaded(db, version.deletedBy);
      return true;
    } else {
      // What it hangs on is gone (removed before this arrived): it goes with it, as it would have there.
      recordVersion(db, op, { wrote: false });
      recordCascade(db, [{ kind, uuid: op.entity }], op.id);
      return false;
    }
  }
  recordVersion(db, op, { wrote });
  return wrote;
}

/**
 * An entity came back: what went with it when it was removed, and was created
 * after that removal (in the hub's order), comes back too — as it would exist
 * on a device that applied everything in that order.
 */
function reviveCascaded(db: Db, removal: string): void {
  const cascaded = db
    .prepare('SELECT entity, kind, head, created_by AS createdBy, deleted_by AS deletedBy FROM entity_versions WHERE deleted_by = ?')
    .all(removal) as EntityVersion[];
  for (const kind of ['link', 'linkReview', 'verdict', 'rejection'] as const) {
    for (const version of cascaded.filter((v) => v.kind === kind)) {
      if (localId(db, kind, version.entity) !== null || !aliveByVersions(db, version)) continue;
      const head = latestValue(db, version.entity);
      if (!head || head.payload === null || !dependenciesPresent(db, kind, head.payload as Record<string, unknown>)) continue;
      applyChange(db, head.analyst, { kind: kind as EntityKind, uuid: version.entity, before: null, after: head.payload as EntityState }, { replicate: false });
    }
  }
}

/** The operation that wrote the entity's latest value in the hub's order (removals aside). */
function latestValue(db: Db, entity: string): Operation | null {
  const ids = db.prepare("SELECT id FROM operations WHERE entity = ? AND payload <> 'null' AND kind <> 'conflict.resolve'").pluck().all(entity) as string[];
  let best: string | null = null;
  for (const id of ids) if (best === null || isLater(orderOf(db, id), orderOf(db, best))) best = id;
  return best === null ? null : getOperation(db, best);
}

function dependenciesPresent(db: Db, kind: EntityKind, payload: Record<string, unknown>): boolean {
  const has = (k: EntityKind, uuid: unknown) => typeof uuid === 'string' && localId(db, k, uuid) !== null;
  const needArticle = (sha256: unknown) => {
    if (!has('article', sha256))
      throw new CrosscheckError('not_found', `article ${String(sha256)} is not in this corpus: apply its article.add (with its text) first.`);
    return true;
  };
  switch (kind) {
    case 'annotation':
      return needArticle(payload.article);
    case 'link':
      return has('annotation', payload.from) && has('annotation', payload.to);
    case 'linkReview':
      return has('link', payload.link);
    case 'verdict':
      return has('annotation', payload.annotation);
    case 'rejection':
      return needArticle(payload.article) && has('annotation', payload.annotation);
    case 'speakerAlias':
      return has('speaker', payload.speaker);
    default:
      return true;
  }
}

function addArticle(db: Db, op: Operation, options: ApplyOptions): boolean {
  if (localId(db, 'article', op.entity) !== null) {
    recordVersion(db, op, { wrote: false });
    return false;
  }
  const text = options.articleText?.(op.entity);
  if (text === undefined)
    throw new CrosscheckError('not_found', `article ${op.entity}: its text is needed to apply operation ${op.id}; fetch it by its sha256 first.`);
  if (!isNormalised(text) || sha256Hex(text) !== op.entity)
    throw new CrosscheckError('invalid_input', `article ${op.entity}: the text given does not hash to its name.`);
  const details = op.payload as {
    title: string | null;
    outlet: string | null;
    url: string | null;
    published: string | null;
    fileName: string | null;
    importedAt: string;
  };
  insertArticle(db, { text, ...details, origin: `operation ${op.id}` }, op.analyst, { replicate: false });
  recordVersion(db, op, { wrote: true });
  return true;
}

function eventTarget(db: Db, op: Operation): Pick<EventRecord, 'entity' | 'entityId' | 'entityUuid'> {
  const kind = OPERATION_KINDS[op.kind] as EntityKind;
  const entity: EventRecord['entity'] =
    kind === 'article' || kind === 'annotation' || kind === 'link' || kind === 'speaker'
      ? kind
      : kind === 'linkReview'
        ? 'link'
        : kind === 'verdict'
          ? 'annotation'
          : kind === 'rejection'
            ? 'suggestion'
            : 'speaker';
  const id = kind === 'speakerAlias' ? null : localId(db, kind, op.entity);
  return { entity, entityId: id, entityUuid: op.entity };
}
