/**
 * Span boundaries in an article's text, in UTF-16 code units: trimming,
 * snapping to words, and growing or shrinking by one word. Boundaries never
 * fall inside a surrogate pair, because words are read code point by code point.
 */
export interface Span {
  start: number;
  end: number;
}

// Letters, digits, combining marks and in-word apostrophes make up a word.
const WORD_CHAR = /[\p{L}\p{N}\p{M}'’]/u;
const SPACE = /\s/u;

/** The code point that ends at `offset`, or '' at the start of the text. */
function charBefore(text: string, offset: number): string {
  if (offset <= 0) return '';
  const code = text.charCodeAt(offset - 1);
  return code >= 0xdc00 && code <= 0xdfff && offset >= 2 ? text.slice(offset - 2, offset) : text.slice(offset - 1, offset);
}

/** The code point that starts at `offset`, or '' at the end of the text. */
function charAt(text: string, offset: number): string {
  const point = text.codePointAt(offset);
  return point === undefined ? '' : String.fromCodePoint(point);
}

const isWord = (ch: string) => ch !== '' && WORD_CHAR.test(ch);

/** The span without leading or trailing whitespace; null when nothing but whitespace was selected. */
export function trimSpan(text: string, { start, end }: Span): Span | null {
  while (start < end && SPACE.test(charAt(text, start))) start += charAt(text, start).length;
  while (end > start && SPACE.test(charBefore(text, end))) end -= charBefore(text, end).length;
  return end > start ? { start, end } : null;
}

/** Widens a span so that it does not cut a word in two. */
export function snapToWords(text: string, { start, end }: Span): Span {
  if (isWord(charAt(text, start))) while (isWord(charBefore(text, start))) start -= charBefore(text, start).length;
  if (isWord(charBefore(text, end))) while (isWord(charAt(text, end))) end += charAt(text, end).length;
  return { start, end };
}

/** The first word end after `offset`, or the end of the text. */
export function nextWordEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isWord(charAt(text, i))) i += charAt(text, i).length;
  while (i < text.length && isWord(charAt(text, i))) i += charAt(text, i).length;
  return i;
}

/** The last word end before `offset`, or 0. */
export function previousWordEnd(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && isWord(charBefore(text, i))) i -= charBefore(text, i).length;
  while (i > 0 && !isWord(charBefore(text, i))) i -= charBefore(text, i).length;
  return i;
}

/** The last word start before `offset`, or 0. */
export function previousWordStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isWord(charBefore(text, i))) i -= charBefore(text, i).length;
  while (i > 0 && isWord(charBefore(text, i))) i -= charBefore(text, i).length;
  return i;
}

/** The first word start after `offset`, or the end of the text. */
export function nextWordStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isWord(charAt(text, i))) i += charAt(text, i).length;
  while (i < text.length && !isWord(charAt(text, i))) i += charAt(text, i).length;
  return i;
}

export type SpanEdge = 'start' | 'end';
export type Resize = 'grow' | 'shrink';

/**
 * Moves one edge of a span by one word. Returns null when the move would
 * leave the text or empty the span, so the caller can leave it unchanged.
 */
export function resizeSpan(text: string, span: Span, edge: SpanEdge, resize: Resize): Span | null {
  const next: Span =
    edge === 'end'
      ? { start: span.start, end: resize === 'grow' ? nextWordEnd(text, span.end) : previousWordEnd(text, span.end) }
      : { start: resize === 'grow' ? previousWordStart(text, span.start) : nextWordStart(text, span.start), end: span.end };
  const trimmed = trimSpan(text, next);
  if (!trimmed || (trimmed.start === span.start && trimmed.end === span.end)) return null;
  return trimmed;
}
