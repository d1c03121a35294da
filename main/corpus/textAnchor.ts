import { CrosscheckError } from '../contract/errors.ts';

/** How much context is kept on each side of a span, in UTF-16 code units. */
export const CONTEXT_LENGTH = 32;

export interface Anchor {
  quote: string;
  prefix: string;
  suffix: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/**
 * Checks a span against its text and returns the three ways it is stored besides
 * its offsets: the exact quote and up to 32 code units of context either side,
 * trimmed so that no context string starts or ends inside a character.
 */
export function anchorSpan(text: string, start: number, end: number): Anchor {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0) {
    throw new CrosscheckError('invalid_input', `A span needs whole-number offsets from 0; got ${start}–${end}.`);
  }
  if (end <= start) throw new CrosscheckError('invalid_input', `A span must end after it starts; got ${start}–${end}.`);
  if (end > text.length) {
    throw new CrosscheckError('invalid_input', `The span ${start}–${end} runs past the end of the article (length ${text.length}).`);
  }
  for (const offset of [start, end]) {
    if (splitsSurrogatePair(text, offset)) {
      throw new CrosscheckError('invalid_input', `Offset ${offset} falls inside a character (between the halves of a surrogate pair).`);
    }
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return { quote: text.slice(start, end), prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) };
}
