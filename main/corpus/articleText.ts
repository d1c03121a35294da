import { createHash } from 'node:crypto';

/**
 * The one normalisation an article's text ever gets, on import: no byte-order
 * mark, LF line endings, Unicode NFC. Every offset is taken against its result,
 * so it must never change for text already stored.
 */
export function normaliseText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
}

export function isNormalised(text: string): boolean {
  return normaliseText(text) === text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
