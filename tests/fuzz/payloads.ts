/**
 * Payload generators for fuzzing the contract. Nothing here knows a request by
 * name: valid-looking payloads are sampled from each request's zod schema (via
 * its JSON Schema), so a request added to the contract is fuzzed as it lands.
 */
import { z } from 'zod';

export type Random = () => number;
type JsonSchema = { [key: string]: unknown };

const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)]!;

const NASTY_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  "'; DROP TABLE articles; --",
  '" OR 1=1 --',
  '\u0000',
  '\ud800',
  '\u202e\u0041',
  '👩🏽‍⚖️',
  'e\u0301',
  '\r\n',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '9'.repeat(400),
  'NaN',
  'claim ',
  'CLAIM',
  '1',
];
const CHARS = 'abcXYZ019 _-.,;:\'"\\/<>{}[]\n\t\u00e9\u4e2d\u0416\u{1F600}\u0000\u200b';

export function randomString(random: Random, maxLength = 40): string {
  if (random() < 0.3) return pick(random, NASTY_STRINGS);
  const length = random() < 0.05 ? maxLength + int(random, 3) : int(random, maxLength + 1);
  let text = '';
  for (let i = 0; i < length; i++) text += pick(random, [...CHARS]);
  return text;
}

const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  1,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 31 + 1,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  5e-324,
];

export function randomNumber(random: Random): number {
  const roll = random();
  if (roll < 0.4) return pick(random, NASTY_NUMBERS);
  if (roll < 0.8) return int(random, 200) - 20;
  return (random() - 0.5) * 10 ** int(random, 20);
}

/** Any JSON value, with the keys and shapes that break naive handlers. */
export function randomJson(random: Random, depth = 0): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.15) return pick(random, [null, true, false]);
  if (roll < 0.35) return randomNumber(random);
  if (roll < 0.55) return randomString(random);
  if (roll < 0.7) return Array.from({ length: int(random, 4) }, () => randomJson(random, depth + 1));
  const value: Record<string, unknown> = {};
  for (let i = int(random, 5); i > 0; i--) {
    Object.defineProperty(value, randomString(random, 10), { value: randomJson(random, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return value;
}

/**
 * Values a structured-clone IPC message can carry but JSON cannot: what a
 * compromised renderer could send through the preload.
 */
export function randomCloneable(random: Random): unknown {
  return pick(random, [
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    10n,
    new Date(0),
    new Map([['id', 1]]),
    new Set([1]),
    new Uint8Array([1, 2, 3]),
    [, 1],
    Object.create(null),
    /id/,
    new Error('x'),
  ]);
}

/** The JSON Schema of a request's input, or null where zod cannot express it (then only random payloads are sent). */
export function inputJsonSchema(schema: z.ZodType): JsonSchema | null {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

/** A value shaped by the schema, leaning towards values the handlers accept (small ids, short spans). */
export function sampleFromSchema(random: Random, schema: JsonSchema, root: JsonSchema = schema, depth = 0): unknown {
  if (depth > 6) return null;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = ref
      .replace(/^#\/?/, '')
      .split('/')
      .filter(Boolean)
      .reduce<unknown>((node, key) => (node as JsonSchema | undefined)?.[key], root);
    return target ? sampleFromSchema(random, target as JsonSchema, root, depth + 1) : null;
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return pick(random, schema.enum);
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives?.length) return sampleFromSchema(random, pick(random, alternatives), root, depth + 1);
  if (Array.isArray(schema.allOf) && schema.allOf.length) return sampleFromSchema(random, schema.allOf[0] as JsonSchema, root, depth + 1);
  const type = Array.isArray(schema.type) ? pick(random, schema.type as string[]) : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(properties)) {
        if (required.has(key) || random() < 0.5) value[key] = sampleFromSchema(random, property, root, depth + 1);
      }
      return value;
    }
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      const min = (schema.minItems as number | undefined) ?? 0;
      const max = Math.min((schema.maxItems as number | undefined) ?? min + 4, min + 4);
      return Array.from({ length: min + int(random, max - min + 1) }, () => sampleFromSchema(random, items, root, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum !== undefined ? (schema.exclusiveMinimum as number) + 1 : 0);
      const max = (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum !== undefined ? (schema.exclusiveMaximum as number) - 1 : min + 5000);
      // Mostly near the bottom of the range, where the rows and offsets that exist are.
      const span = random() < 0.8 ? Math.min(max - min, random() < 0.5 ? 12 : 3000) : max - min;
      const value = min + random() * span;
      return type === 'integer' ? Math.floor(value) : value;
    }
    case 'string':
      return sampleString(random, schema);
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    default:
      return randomJson(random, depth);
  }
}

function sampleString(random: Random, schema: JsonSchema): string {
  const format = schema.format;
  if (format === 'date' || (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{4}-\\d{2}-\\d{2}'))) {
    return `20${10 + int(random, 20)}-0${1 + int(random, 9)}-1${int(random, 10)}`;
  }
  if (format === 'date-time') return new Date(int(random, 2 ** 41)).toISOString();
  if (format === 'uuid') {
    const hex = (length: number) => Array.from({ length }, () => int(random, 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  }
  if (format === 'uri' || format === 'url') return `https://example.org/${int(random, 1000)}`;
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = Math.min((schema.maxLength as number | undefined) ?? 60, 60);
  let text = randomString(random, max);
  while (text.length < min) text += 'a';
  return text.slice(0, Math.max(min, max));
}

/** A near-miss of a valid payload: one field dropped, retyped, pushed past its bounds, or one field added. */
export function mutate(random: Random, payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return randomJson(random);
  const copy: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys.length ? pick(random, keys) : 'id';
  switch (int(random, 7)) {
    case 0:
      delete copy[key];
      break;
    case 1:
      copy[randomString(random, 12) || 'extra'] = randomJson(random);
      break;
    case 2:
      copy[key] = randomJson(random);
      break;
    case 3:
      copy[key] = pick(random, NASTY_NUMBERS.map((n) => -n - 1).concat([1.5, 2 ** 31 + 1, 2 ** 53 + 2, -1]));
      break;
    case 4:
      copy[key] = String(copy[key]);
      break;
    case 5:
      copy[key] = [copy[key]];
      break;
    default:
      return pick(random, [[copy], JSON.stringify(copy), null, keys.length ? copy[key] : 0]);
  }
  return copy;
}

export interface Payloads {
  /** What a request could carry: schema samples, near misses and random values, in a fixed mix. */
  next(): unknown;
}

export function payloadSource(random: Random, schema: z.ZodType, extra: (random: Random) => unknown = randomJson): Payloads {
  const jsonSchema = inputJsonSchema(schema);
  return {
    next() {
      const roll = random();
      if (jsonSchema && roll < 0.4) return sampleFromSchema(random, jsonSchema);
      if (jsonSchema && roll < 0.8) return mutate(random, sampleFromSchema(random, jsonSchema));
      return roll < 0.9 ? extra(random) : randomJson(random);
    },
  };
}
