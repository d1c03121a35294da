import { z } from 'zod';
import { CrosscheckError } from '../contract/errors.ts';
import type { Change } from './change.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { aliasKey, PROJECT_OPTION_NAMES, readState, speakerAliasUuid, type EntityKind, type EntityState } from './entityStates.ts';
import { newUuid } from './uuids.ts';

/*
 * Operations: every edit, as other devices replay it. The envelope is the one
 * agreed with the hub (docs/architecture.md, "Replication"): id, analyst,
 * device, kind, entity, baseVersion, payload, createdAt. The payload is the
 * entity's state after the change (corpus/entityStates.ts), or null when the
 * change removes it; an article's payload is its details, its text travels
 * separately by sha256.
 */

/** Operation kind → the kind of entity it writes. */
export const OPERATION_KINDS = {
  'article.add': 'article',
  'article.metadata': 'article',
  'article.delete': 'article',
  /** Not a value of the article: a relation between two versions, kept apart from its metadata's versions. */
  'article.supersede': null,
  'annotation.create': 'annotation',
  'annotation.update': 'annotation',
  'annotation.delete': 'annotation',
  'link.create': 'link',
  'link.update': 'link',
  'link.delete': 'link',
  'link.review': 'linkReview',
  'verdict.set': 'verdict',
  'suggestion.reject': 'rejection',
  'speaker.create': 'speaker',
  'speaker.update': 'speaker',
  'speaker.delete': 'speaker',
  'speaker.alias': 'speakerAlias',
  'conflict.resolve': null,
  /** A project switch (four-eyes review, blind annotation); null payload: back to off. */
  'project.option': 'projectOption',
  /** An analyst finished an article; null payload: they took it up again. */
  'article.done': 'articleDone',
  /** An annotation a new version could not place, waiting in the orphans queue; `orphan.leave` (null): placed or dropped. */
  'orphan.queue': 'orphan',
  'orphan.leave': 'orphan',
  /** An analyst named a curator; null payload: no longer one. */
  'team.curator': 'curator',
  /** A curator kept neither span of a pair; null payload: the pair was decided otherwise (or the decision undone). */
  'curation.neither': 'keptNeither',
} as const satisfies Record<string, EntityKind | null>;
export type OperationKind = keyof typeof OPERATION_KINDS;

/** Kinds whose payload says the whole entity exists: they bring back an entity removed before them. */
const CREATING_KINDS: ReadonlySet<OperationKind> = new Set([
  'article.add',
  'annotation.create',
  'link.create',
  'speaker.create',
  'link.review',
  'verdict.set',
  'suggestion.reject',
  'speaker.alias',
  'project.option',
  'article.done',
  'orphan.queue',
  'team.curator',
  'curation.neither',
]);
export const createsEntity = (kind: OperationKind) => CREATING_KINDS.has(kind);

const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a lower-case UUID');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in lower-case hex');
const Stamp = z.string().min(1).max(64);
const Name = z.string().min(1).max(300);

const ArticleDetails = z.strictObject({
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
});
const PAYLOADS: Record<OperationKind, z.ZodType> = {
  'article.add': ArticleDetails.extend({ fileName: z.string().nullable(), importedAt: Stamp, byline: z.string().min(1).max(2_000).optional() }),
  'article.metadata': ArticleDetails,
  'article.delete': z.null(),
  'article.supersede': z.strictObject({ by: Sha256, at: Stamp }),
  'annotation.create': z.strictObject({
    article: Sha256,
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    tag: z.enum(['claim', 'denial', 'attribution']),
    note: z.string().max(20_000),
    speaker: Name.nullable(),
    author: Name,
    createdAt: Stamp,
    updatedAt: Stamp,
    // Present only on a curated span (schema 18).
    curatedFrom: Uuid.optional(),
  }),
  'annotation.update': z.unknown(),
  'annotation.delete': z.null(),
  'link.create': z.strictObject({
    from: Uuid,
    to: Uuid,
    type: z.enum(['same-claim', 'paraphrase', 'contradicts', 'denies', 'attributed-to', 'cites']),
    method: z.enum(['manual', 'matcher', 'import']),
    score: z.number().min(0).max(1).nullable(),
    createdBy: Name,
    createdAt: Stamp,
  }),
  'link.update': z.unknown(),
  'link.delete': z.null(),
  'link.review': z.strictObject({ link: Uuid, reviewer: Name, status: z.enum(['confirmed', 'rejected']), reviewedAt: Stamp }).nullable(),
  'verdict.set': z
    .strictObject({
      annotation: Uuid,
      reviewer: Name,
      ratingValue: z.number().int().min(1).max(5).nullable(),
      alternateName: z.string().min(1).max(300),
      reviewedAt: Stamp,
      claimReviewed: z.string().trim().min(1).max(2_000).nullable().optional(),
      reviewUrl: z
        .url({ protocol: /^https?$/ })
        .max(2_000)
        .nullable()
        .optional(),
    })
    .nullable(),
  'suggestion.reject': z
    .strictObject({
      annotation: Uuid,
      article: Sha256,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      reviewer: Name,
      rejectedAt: Stamp,
    })
    .nullable(),
  // Who the speaker is (schema 16): present only when set, so a speaker without them travels as before.
  'speaker.create': z.strictObject({
    name: Name,
    createdAt: Stamp,
    role: Name.optional(),
    affiliation: Name.optional(),
    wikidata: z
      .string()
      .regex(/^Q[1-9][0-9]{0,11}$/)
      .optional(),
  }),
  'speaker.update': z.unknown(),
  'speaker.delete': z.null(),
  'speaker.alias': z.strictObject({ alias: Name, speaker: Uuid }).nullable(),
  'conflict.resolve': z.strictObject({ keep: Uuid, by: Name }),
  'project.option': z.strictObject({ name: z.enum(PROJECT_OPTION_NAMES), enabled: z.boolean(), setBy: Name, setAt: Stamp }).nullable(),
  'article.done': z.strictObject({ article: Sha256, analyst: Name, doneAt: Stamp }).nullable(),
  'orphan.queue': z.strictObject({
    annotation: Uuid,
    newArticle: Sha256,
    start: z.number().int().nonnegative().nullable(),
    end: z.number().int().positive().nullable(),
    score: z.number().min(0).max(1).nullable(),
    reason: z.string().min(1).max(2_000),
    createdAt: Stamp,
  }),
  'orphan.leave': z.null(),
  'team.curator': z.strictObject({ analyst: Name, addedBy: Name, addedAt: Stamp }).nullable(),
  'curation.neither': z.strictObject({ article: Sha256, first: Uuid.nullable(), second: Uuid.nullable(), decidedBy: Name, decidedAt: Stamp }).nullable(),
};
PAYLOADS['annotation.update'] = PAYLOADS['annotation.create'];
PAYLOADS['link.update'] = PAYLOADS['link.create'];
PAYLOADS['speaker.update'] = PAYLOADS['speaker.create'];

/** The envelope, validated at the device's boundary: anything else is refused before it touches the corpus. */
export const Operation = z
  .strictObject({
    id: Uuid,
    analyst: Name,
    device: Uuid,
    kind: z.enum(Object.keys(OPERATION_KINDS) as [OperationKind, ...OperationKind[]]),
    entity: z.union([Uuid, Sha256]),
    baseVersion: Uuid.nullable(),
    payload: z.unknown(),
    createdAt: Stamp,
  })
  .superRefine((op, ctx) => {
    const payload = PAYLOADS[op.kind].safeParse(op.payload);
    if (!payload.success) ctx.addIssue({ code: 'custom', path: ['payload', ...payload.error.issues[0]!.path], message: payload.error.issues[0]!.message });
    const entityKind = OPERATION_KINDS[op.kind];
    if ((entityKind === 'article' || op.kind === 'article.supersede') !== /^[0-9a-f]{64}$/.test(op.entity))
      ctx.addIssue({ code: 'custom', path: ['entity'], message: 'an article is named by its sha256, everything else by a UUID' });
  });
export type Operation = z.infer<typeof Operation>;
/** An operation as the hub orders it: seq is assigned by the hub alone, strictly increasing. */
export type SequencedOperation = Operation & { seq: number };

export function parseOperation(value: unknown): Operation {
  const parsed = Operation.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CrosscheckError('invalid_input', `not a valid operation: ${issue.path.join('.') || 'operation'}: ${issue.message}`);
  }
  return parsed.data;
}

/** The operation kind of a local change. */
export function operationKind(change: Pick<Change, 'kind' | 'before' | 'after'>): OperationKind {
  const verb = change.after === null ? 'delete' : change.before === null ? 'create' : 'update';
  switch (change.kind) {
    case 'article':
      return change.before === null ? 'article.add' : change.after === null ? 'article.delete' : 'article.metadata';
    case 'annotation':
      return `annotation.${verb}`;
    case 'link':
      return `link.${verb}`;
    case 'speaker':
      return `speaker.${verb}`;
    case 'linkReview':
      return 'link.review';
    case 'verdict':
      return 'verdict.set';
    case 'rejection':
      return 'suggestion.reject';
    case 'speakerAlias':
      return 'speaker.alias';
    case 'projectOption':
      return 'project.option';
    case 'articleDone':
      return 'article.done';
    case 'orphan':
      return change.after === null ? 'orphan.leave' : 'orphan.queue';
    case 'curator':
      return 'team.curator';
    case 'keptNeither':
      return 'curation.neither';
  }
}

const devices = new WeakMap<Db, string>();

/** This corpus's device id (one per corpus file, drawn by migration 006; it never changes). */
export function deviceId(db: Db): string {
  let device = devices.get(db);
  if (device === undefined) devices.set(db, (device = cachedStatement(db, 'SELECT device FROM sync_state WHERE id = 1').pluck().get() as string));
  return device;
}

export interface EntityVersion {
  entity: string;
  kind: EntityKind;
  head: string;
  createdBy: string | null;
  deletedBy: string | null;
}

export function entityVersion(db: Db, entity: string): EntityVersion | null {
  return (
    (cachedStatement(db, 'SELECT entity, kind, head, created_by AS createdBy, deleted_by AS deletedBy FROM entity_versions WHERE entity = ?').get(entity) as
      EntityVersion | undefined) ?? null
  );
}

/**
 * Where an operation stands in the one order every device converges to: the
 * hub's seq, and for an operation not yet pushed, after every sequenced one (it
 * will get a larger seq than anything already pulled), in local order.
 */
export function orderOf(db: Db, opId: string | null): [number, number] {
  if (opId === null) return [-1, -1];
  const row = cachedStatement(db, 'SELECT hub_seq AS seq, position FROM operations WHERE id = ?').get(opId) as
    { seq: number | null; position: number } | undefined;
  if (!row) return [-1, -1];
  return [row.seq ?? Number.MAX_SAFE_INTEGER, row.position];
}

export const isLater = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** Whether the entity exists by its versions: its latest creation is ordered after its latest removal. */
export function aliveByVersions(db: Db, version: EntityVersion): boolean {
  if (version.deletedBy === null) return true;
  return version.createdBy !== null && isLater(orderOf(db, version.createdBy), orderOf(db, version.deletedBy));
}

/** Keeps an entity's versions in step with an operation that was applied to it. */
export function recordVersion(db: Db, op: { id: string; kind: OperationKind; entity: string; payload: unknown }, outcome: { wrote: boolean }): void {
  const entityKind = OPERATION_KINDS[op.kind];
  if (entityKind === null) return;
  const current = entityVersion(db, op.entity);
  const removes = op.payload === null;
  const later = (a: string | null | undefined, candidate: string) => (a && isLater(orderOf(db, a), orderOf(db, candidate)) ? a : candidate);
  const next: EntityVersion = {
    entity: op.entity,
    kind: entityKind,
    head: outcome.wrote || !current ? op.id : current.head,
    createdBy: removes ? (current?.createdBy ?? null) : createsEntity(op.kind) ? later(current?.createdBy, op.id) : (current?.createdBy ?? null),
    deletedBy: removes ? later(current?.deletedBy, op.id) : (current?.deletedBy ?? null),
  };
  cachedStatement(
    db,
    `INSERT INTO entity_versions (entity, kind, head, created_by, deleted_by) VALUES (@entity, @kind, @head, @createdBy, @deletedBy)
     ON CONFLICT (entity) DO UPDATE SET head = excluded.head, created_by = excluded.created_by, deleted_by = excluded.deleted_by`,
  ).run(next);
}

/** Marks entities that went with another (an annotation's links, a link's reviews) as removed by the same operation. */
export function recordCascade(db: Db, entities: ReadonlyArray<{ kind: EntityKind; uuid: string }>, opId: string): void {
  for (const { kind, uuid } of entities) {
    const current = entityVersion(db, uuid);
    const deletedBy = current?.deletedBy && isLater(orderOf(db, current.deletedBy), orderOf(db, opId)) ? current.deletedBy : opId;
    cachedStatement(
      db,
      `INSERT INTO entity_versions (entity, kind, head, created_by, deleted_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity) DO UPDATE SET deleted_by = excluded.deleted_by`,
    ).run(uuid, kind, current?.head ?? opId, current?.createdBy ?? null, deletedBy);
  }
}

/**
 * Appends this device's change to the outbox, in the transaction of the change.
 * Its base version is the operation this device last applied to the entity.
 */
export function appendLocalOperation(db: Db, analyst: string, change: Change): Operation {
  writeBaseline(db, analyst, change.uuid);
  const kind = operationKind(change);
  const op: Operation = {
    id: newUuid(),
    analyst,
    device: deviceId(db),
    kind,
    entity: change.uuid,
    baseVersion: entityVersion(db, change.uuid)?.head ?? null,
    payload: change.after,
    createdAt: new Date().toISOString(),
  };
  insertOperation(db, op, null, 'local');
  recordVersion(db, op, { wrote: true });
  return op;
}

export function insertOperation(db: Db, op: Operation, seq: number | null, origin: 'local' | 'remote'): void {
  cachedStatement(
    db,
    `INSERT INTO operations (id, analyst, device, kind, entity, base_version, payload, created_at, hub_seq, origin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(op.id, op.analyst, op.device, op.kind, op.entity, op.baseVersion, JSON.stringify(op.payload ?? null), op.createdAt, seq, origin);
}

interface OperationRow {
  id: string;
  analyst: string;
  device: string;
  kind: OperationKind;
  entity: string;
  baseVersion: string | null;
  payload: string;
  createdAt: string;
  seq: number | null;
}

const OPERATION_COLUMNS = 'id, analyst, device, kind, entity, base_version AS baseVersion, payload, created_at AS createdAt, hub_seq AS seq';

export const toOperation = ({ payload, seq: _seq, ...row }: OperationRow): Operation => ({ ...row, payload: JSON.parse(payload) as unknown });

export function getOperation(db: Db, id: string): (Operation & { seq: number | null }) | null {
  const row = cachedStatement(db, `SELECT ${OPERATION_COLUMNS} FROM operations WHERE id = ?`).get(id) as OperationRow | undefined;
  return row ? { ...toOperation(row), seq: row.seq } : null;
}

/** Operations on one entity made from one version, for conflict detection. */
export function operationsFromBase(db: Db, entity: string, baseVersion: string | null): Array<Operation & { seq: number | null }> {
  const rows = cachedStatement(db, `SELECT ${OPERATION_COLUMNS} FROM operations WHERE entity = ? AND base_version IS ? ORDER BY position`).all(
    entity,
    baseVersion,
  ) as OperationRow[];
  return rows.map((row) => ({ ...toOperation(row), seq: row.seq }));
}

/** This device's operations the hub has not yet acknowledged, oldest first. */
export function listPendingOperations(db: Db, limit: number): Operation[] {
  const rows = cachedStatement(
    db,
    `SELECT ${OPERATION_COLUMNS} FROM operations WHERE hub_seq IS NULL AND pushed = 0 AND origin = 'local' ORDER BY position LIMIT ?`,
  ).all(limit) as OperationRow[];
  return rows.map(toOperation);
}

/** Entities with no operation yet, in an order another device can apply (what a row points at comes first). */
const BASELINE: ReadonlyArray<{ kind: EntityKind; sql: string }> = [
  { kind: 'article', sql: 'SELECT sha256 FROM articles ORDER BY id' },
  { kind: 'speaker', sql: 'SELECT uuid FROM speakers ORDER BY id' },
  { kind: 'speakerAlias', sql: 'SELECT key FROM speaker_aliases ORDER BY key' },
  { kind: 'annotation', sql: 'SELECT uuid FROM annotations ORDER BY id' },
  { kind: 'link', sql: 'SELECT uuid FROM links ORDER BY id' },
  { kind: 'linkReview', sql: 'SELECT uuid FROM link_reviews ORDER BY id' },
  { kind: 'verdict', sql: 'SELECT uuid FROM claim_reviews ORDER BY id' },
  { kind: 'rejection', sql: 'SELECT uuid FROM suggestion_rejections ORDER BY id' },
];

/**
 * Writes the corpus as it was before this device kept operations (migration 006)
 * as operations of `analyst`, once, ahead of any later operation, so another
 * device can apply everything in outbox order (`except`: the entity whose own
 * operation is being written). Runs inside the caller's transaction.
 */
const baselineWritten = new WeakSet<Db>();

export function writeBaseline(db: Db, analyst: string, except?: string): void {
  if (baselineWritten.has(db)) return;
  if (cachedStatement(db, 'SELECT baseline_done FROM sync_state WHERE id = 1').pluck().get() === 1) {
    baselineWritten.add(db);
    return;
  }
  {
    const device = deviceId(db);
    const hasVersion = cachedStatement(db, 'SELECT 1 FROM entity_versions WHERE entity = ?');
    for (const { kind, sql } of BASELINE) {
      for (const name of cachedStatement(db, sql).pluck().all() as string[]) {
        const uuid = kind === 'speakerAlias' ? speakerAliasUuid(aliasKey(name)) : name;
        if (uuid === except || hasVersion.get(uuid)) continue;
        const state = kind === 'article' ? articleDetails(db, uuid) : readState(db, kind, uuid);
        if (!state) continue;
        const op: Operation = {
          id: newUuid(),
          analyst,
          device,
          kind: operationKind({ kind, before: null, after: state as EntityState }),
          entity: uuid,
          baseVersion: null,
          payload: state,
          createdAt: new Date().toISOString(),
        };
        insertOperation(db, op, null, 'local');
        recordVersion(db, op, { wrote: true });
      }
    }
    cachedStatement(db, 'UPDATE sync_state SET baseline_done = 1 WHERE id = 1').run();
    baselineWritten.add(db);
  }
}

function articleDetails(db: Db, sha256: string) {
  return cachedStatement(db, 'SELECT title, outlet, url, published, file_name AS fileName, imported_at AS importedAt FROM articles WHERE sha256 = ?').get(
    sha256,
  ) as Record<string, unknown> | null;
}
