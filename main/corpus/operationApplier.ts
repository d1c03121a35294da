import { CrosscheckError } from '../contract/errors.ts';
import { isNormalised, sha256Hex } from './articleText.ts';
import { insertArticle } from './articles.ts';
import { removeArticleRows } from './articleDeletion.ts';
import { settleSupersession } from './articleVersions.ts';
import { applyChange, withoutStep } from './changes.ts';
import { recordRemoteConflicts, resolveFromRemote } from './conflicts.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { dependentsOf, localId, readState, sameState, uuidOf, type EntityKind, type EntityState, type LinkState } from './entityStates.ts';
import { findLink } from './links.ts';
import type { LinkType } from '../contract/contract.ts';
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
      if (op.kind === 'article.supersede') {
        const wrote = settleSupersession(db, op.entity);
        recordEvent(db, {
          actor: op.analyst,
          action: op.kind,
          entity: 'article',
          entityId: localId(db, 'article', op.entity),
          entityUuid: op.entity,
          data: { operation: op.id, device: op.device, seq, applied: wrote },
        });
        advanceCursor(db, seq);
        return { outcome: wrote ? 'applied' : 'superseded', conflicts: 0 };
      }
      if (op.kind === 'conflict.resolve') {
        resolveFromRemote(db, op);
        advanceCursor(db, seq);
        return { outcome: 'applied', conflicts: 0 };
      }
      const conflicts = recordRemoteConflicts(db, op);
      const wrote = withoutStep(db, () => {
        const applied = applyToEntity(db, op, options);
        return OPERATION_KINDS[op.kind] === 'link' ? settleLinkCreation(db, op.entity) || applied : applied;
      });
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
  if (op.kind === 'article.delete') return removeArticle(db, op);
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
    if (kind === 'link' && linkedUnderAnotherName(db, op.entity, op.payload as LinkState)) {
      // The same link under another name (one drawn before links were named by their ends, or read
      // from an exchange file): it is already here, so this creation adds nothing.
      recordVersion(db, op, { wrote: false });
      return false;
    }
    const removal = laterRemovalOfDependency(db, kind, op.payload as Record<string, unknown>, order);
    if (removal !== null) {
      // What it hangs on was removed after it in the hub's order, and has come back here since (an undone
      // delete): a device that applied them in that order lost it with that removal, so it is lost here too.
      recordVersion(db, op, { wrote: false });
      recordCascade(db, [{ kind, uuid: op.entity }], removal);
      return false;
    }
    if (dependenciesPresent(db, kind, op.payload as Record<string, unknown>)) {
      recordVersion(db, op, { wrote: true });
      // Back from a removal, it takes the latest value written to it in the hub's order, which may be an
      // update this device applied before the removal reached it.
      const latest = latestValue(db, op.entity) ?? op;
      applyChange(db, op.analyst, { kind, uuid: op.entity, before: null, after: latest.payload as EntityState }, { replicate: false });
      if (latest.id !== op.id) cachedStatement(db, 'UPDATE entity_versions SET head = ? WHERE entity = ?').run(latest.id, op.entity);
      if (version?.deletedBy) reviveCascaded(db, version.deletedBy);
      return true;
    } else {
      // What it hangs on is gone (removed before this arrived): it goes with it, as it would have there, and
      // as removed by that removal, so that it comes back with what it hangs on if an undo brings that back.
      recordVersion(db, op, { wrote: false });
      recordCascade(db, [{ kind, uuid: op.entity }], removalOfMissingDependency(db, kind, op.payload as Record<string, unknown>) ?? op.id);
      return false;
    }
  }
  recordVersion(db, op, { wrote });
  return wrote;
}

/**
 * Two analysts who drew the same link offline made one entity (links are named by
 * their ends and type) with two creations. The first drawing stands — its creator,
 * time and method — by the creations' own times (then analyst, then operation id),
 * among those since the link was last removed in the hub's order: a rule over the
 * operations alone, so every device settles on the same one whatever order they
 * arrived in. Each analyst's review stays a review of its own. Returns whether it wrote.
 */
function settleLinkCreation(db: Db, entity: string): boolean {
  if (localId(db, 'link', entity) === null) return false;
  const ops = cachedStatement(
    db,
    "SELECT id, analyst, kind, payload FROM operations WHERE entity = ? AND kind IN ('link.create', 'link.update', 'link.delete')",
  ).all(entity) as Array<{ id: string; analyst: string; kind: string; payload: string }>;
  let removal: string | null = null;
  for (const op of ops) if (op.payload === 'null' && (removal === null || isLater(orderOf(db, op.id), orderOf(db, removal)))) removal = op.id;
  const since = ops.filter((op) => op.payload !== 'null' && (removal === null || isLater(orderOf(db, op.id), orderOf(db, removal))));
  // An edit of the link after its creation (a resolved conflict) stands by the usual rule.
  if (since.length === 0 || since.some((op) => op.kind !== 'link.create')) return false;
  const drawn = since.map((op) => ({ op, state: JSON.parse(op.payload) as LinkState }));
  drawn.sort((a, b) => compareText(a.state.createdAt, b.state.createdAt) || compareText(a.state.createdBy, b.state.createdBy) || compareText(a.op.id, b.op.id));
  const first = drawn[0]!;
  const current = readState(db, 'link', entity);
  if (sameState(current, first.state)) return false;
  applyChange(db, first.op.analyst, { kind: 'link', uuid: entity, before: current, after: first.state }, { replicate: false });
  return true;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether another link joins the same two annotations with the same type (either way round for the grouping types). */
function linkedUnderAnotherName(db: Db, entity: string, state: LinkState): boolean {
  const [from, to] = [localId(db, 'annotation', state.from), localId(db, 'annotation', state.to)];
  if (from === null || to === null) return false;
  const existing = findLink(db, from, to, state.type as LinkType);
  return existing !== null && uuidOf(db, 'link', existing) !== entity;
}

/**
 * An entity came back: what went with it when it was removed, and was created
 * after that removal (in the hub's order), comes back too — as it would exist
 * on a device that applied everything in that order.
 */
function reviveCascaded(db: Db, removal: string): void {
  const cascaded = cachedStatement(
    db,
    'SELECT entity, kind, head, created_by AS createdBy, deleted_by AS deletedBy FROM entity_versions WHERE deleted_by = ?',
  ).all(removal) as EntityVersion[];
  for (const kind of ['link', 'linkReview', 'verdict', 'rejection', 'orphan'] as const) {
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
  const ids = cachedStatement(db, "SELECT id FROM operations WHERE entity = ? AND payload <> 'null' AND kind <> 'conflict.resolve'")
    .pluck()
    .all(entity) as string[];
  let best: string | null = null;
  for (const id of ids) if (best === null || isLater(orderOf(db, id), orderOf(db, best))) best = id;
  return best === null ? null : getOperation(db, best);
}

/** What an entity hangs on among the other entities (its article aside: articles are removed and restored apart). */
function dependencies(kind: EntityKind, payload: Record<string, unknown>): Array<{ kind: EntityKind; uuid: unknown }> {
  switch (kind) {
    case 'link':
      return [
        { kind: 'annotation', uuid: payload.from },
        { kind: 'annotation', uuid: payload.to },
      ];
    case 'linkReview':
      return [{ kind: 'link', uuid: payload.link }];
    case 'verdict':
    case 'rejection':
    case 'orphan':
      return [{ kind: 'annotation', uuid: payload.annotation }];
    case 'speakerAlias':
      return [{ kind: 'speaker', uuid: payload.speaker }];
    default:
      return [];
  }
}

/**
 * The latest removal of something the entity hangs on, when it is ordered
 * after the entity's creation: a device that applied both in the hub's order
 * removed the entity with it, whatever came back afterwards.
 */
function laterRemovalOfDependency(db: Db, kind: EntityKind, payload: Record<string, unknown>, creation: ReturnType<typeof orderOf>): string | null {
  for (const { uuid } of dependencies(kind, payload)) {
    if (typeof uuid !== 'string') continue;
    const removal = entityVersion(db, uuid)?.deletedBy;
    if (removal && isLater(orderOf(db, removal), creation)) return removal;
  }
  return null;
}

/** The removal that took away something the entity hangs on and that is not here. */
function removalOfMissingDependency(db: Db, kind: EntityKind, payload: Record<string, unknown>): string | null {
  for (const dependency of dependencies(kind, payload)) {
    const uuid = dependency.uuid;
    if (typeof uuid !== 'string' || localId(db, dependency.kind, uuid) !== null) continue;
    const removal = entityVersion(db, uuid)?.deletedBy;
    if (removal) return removal;
  }
  return null;
}

function dependenciesPresent(db: Db, kind: EntityKind, payload: Record<string, unknown>): boolean {
  const has = (k: EntityKind, uuid: unknown) => typeof uuid === 'string' && localId(db, k, uuid) !== null;
  const needArticle = (sha256: unknown) => {
    if (!has('article', sha256)) {
      // Removed here by a later operation: what was made on it goes with it, as it would have there.
      const version = typeof sha256 === 'string' ? entityVersion(db, sha256) : null;
      if (version && !aliveByVersions(db, version)) return false;
      throw new CrosscheckError('not_found', `article ${String(sha256)} is not in this corpus: apply its article.add (with its text) first.`);
    }
    return true;
  };
  const articleField = ARTICLE_FIELD[kind];
  if (articleField && !needArticle(payload[articleField])) return false;
  return dependencies(kind, payload).every((dependency) => has(dependency.kind, dependency.uuid));
}

/** The payload field naming the article an entity is made on, for the kinds made on one. */
const ARTICLE_FIELD: Partial<Record<EntityKind, string>> = {
  annotation: 'article',
  rejection: 'article',
  articleDone: 'article',
  keptNeither: 'article',
  orphan: 'newArticle',
};

function addArticle(db: Db, op: Operation, options: ApplyOptions): boolean {
  const version = entityVersion(db, op.entity);
  // Here already, or removed by an operation later in the hub's order than this import.
  if (localId(db, 'article', op.entity) !== null || (version?.deletedBy && !isLater(orderOf(db, op.id), orderOf(db, version.deletedBy)))) {
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
    byline?: string;
  };
  insertArticle(db, { text, ...details, origin: `operation ${op.id}` }, op.analyst, { replicate: false });
  recordVersion(db, op, { wrote: true });
  return true;
}

/** An article removed on another device goes here too, unless it was imported again later in the hub's order. */
function removeArticle(db: Db, op: Operation): boolean {
  const id = localId(db, 'article', op.entity);
  const version = entityVersion(db, op.entity);
  const wrote = id !== null && (!version?.createdBy || isLater(orderOf(db, op.id), orderOf(db, version.createdBy)));
  if (wrote) removeArticleRows(db, id, op.id);
  recordVersion(db, op, { wrote });
  return wrote;
}

function eventTarget(db: Db, op: Operation): Pick<EventRecord, 'entity' | 'entityId' | 'entityUuid'> {
  const kind = OPERATION_KINDS[op.kind] as EntityKind;
  if (kind === 'projectOption' || kind === 'curator') return { entity: 'corpus', entityId: null, entityUuid: op.entity };
  if (kind === 'orphan') {
    const annotation = (op.payload as { annotation?: string } | null)?.annotation;
    return { entity: 'annotation', entityId: annotation ? localId(db, 'annotation', annotation) : null, entityUuid: op.entity };
  }
  if (kind === 'articleDone' || kind === 'keptNeither') {
    const article = (op.payload as { article?: string } | null)?.article;
    return { entity: 'article', entityId: article ? localId(db, 'article', article) : null, entityUuid: op.entity };
  }
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
