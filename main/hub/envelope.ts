/**
 * The operation envelope as the hub sees it: validated strictly on the way in,
 * stored opaquely (the payload is the device's business), and fingerprinted so a
 * replay can be told from a different operation reusing an id.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Lower-case UUID; the devices make them with crypto.randomUUID. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** An article is named by the sha256 of its text. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const MAX_OPERATIONS_PER_PUSH = 1000;
export const MAX_PUSH_BYTES = 8 * 1024 * 1024;
/** One operation's payload, serialised. Annotations, links and metadata are a few hundred bytes; article text never rides in a payload. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
export const MAX_PULL_LIMIT = 5000;

const uuid = z.string().regex(UUID_PATTERN, 'must be a lower-case UUID');

export const operationSchema = z.strictObject({
  id: uuid,
  analyst: z.string().min(1).max(64),
  device: uuid,
  kind: z
    .string()
    .regex(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/, 'must look like "annotation.create"')
    .max(64),
  entity: z.string().refine((value) => UUID_PATTERN.test(value) || SHA256_PATTERN.test(value), 'must be a lower-case UUID or an article sha256'),
  baseVersion: uuid.nullable(),
  payload: z.unknown().refine((value) => value !== undefined, 'is required'),
  createdAt: z
    .string()
    .regex(ISO_WITH_ZONE, 'must be an ISO 8601 time with its zone')
    .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real time'),
});

export type Operation = Omit<z.infer<typeof operationSchema>, 'payload'> & { payload: unknown };
export type SequencedOperation = Operation & { seq: number };

export const pushBodySchema = z.strictObject({
  operations: z.array(operationSchema).min(1).max(MAX_OPERATIONS_PER_PUSH),
});

/** JSON with object keys sorted at every depth, so one value has one text whatever order a device wrote its keys in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as object)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** What "the same operation" means for a replay: every field of the envelope. */
export function operationFingerprint(op: Operation): Buffer {
  const { id, analyst, device, kind, entity, baseVersion, payload, createdAt } = op;
  return createHash('sha256').update(canonicalJson({ id, analyst, device, kind, entity, baseVersion, payload, createdAt })).digest();
}
