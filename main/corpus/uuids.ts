import { createHash, randomUUID } from 'node:crypto';

/*
 * Every entity has a lower-case UUID, the name it goes by in events, in the
 * history, in exchange files and in the operations other devices apply.
 * Integer ids stay the local handle (and are never reused), UUIDs travel.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const newUuid = (): string => randomUUID();

export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

/** A UUID as stored: lower case. Anything that is not a UUID in either case is refused by the caller. */
export const canonicalUuid = (value: string): string | null => {
  const lower = value.toLowerCase();
  return isUuid(lower) ? lower : null;
};

/**
 * A UUID that every device computes alike from the same name: the review of one
 * link by one analyst, a speaker registered from one typed name. Two devices
 * that record the same thing independently then name it the same way, so their
 * operations meet on one entity instead of making two. SHA-256 of the namespace
 * and the name, cut to 128 bits with the RFC 9562 version 8 (custom) and
 * variant bits set.
 */
export function nameUuid(namespace: string, name: string): string {
  const bytes = createHash('sha256').update(namespace).update('\u0000').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SQL for a column that must hold a lower-case UUID. */
export const UUID_CHECK = (column: string) =>
  `CHECK (length(${column}) = 36 AND ${column} GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-*' AND substr(${column}, 25) NOT GLOB '*[^0-9a-f]*')`;

/** SQL for a random (version 4) UUID, the default of every uuid column, so that rows written by hand still get one. */
export const RANDOM_UUID_SQL = `(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;

/** The SQL function the speaker triggers call, registered on every connection that writes (corpus/database.ts). */
export const NAME_UUID_FUNCTION = 'crosscheck_name_uuid';
