import { CONTEXT_LENGTH, type Anchor } from '../corpus/textAnchor.ts';

/**
 * Where an annotation belongs in a changed version of its article. Only a
 * confident placement is applied automatically; anything else is a suggestion
 * for the analyst, because moving a claim onto a lookalike passage silently
 * would corrupt the evidence.
 */
export type Placement =
  | { confident: true; start: number; end: number; score: number }
  | { confident: false; start: number | null; end: number | null; score: number | null; reason: string };

/** Context agreement a unique quote needs before it is moved without asking. */
const CONFIDENT_CONTEXT = 0.5;
/** How much better than the runner-up the best occurrence's context must be. */
const CONTEXT_MARGIN = 0.25;
/** Occurrences of a quote worth comparing; a quote found more often tells nothing. */
const MAX_OCCURRENCES = 200;
/** Longest quote compared character by character when its wording changed. */
const MAX_FUZZY_LENGTH = 2000;
/** Shortest context that is worth searching for on its own. */
const MIN_CONTEXT_SEARCH = 8;

export function reanchor(anchor: Anchor, text: string): Placement {
  const occurrences = findAll(text, anchor.quote, MAX_OCCURRENCES + 1);
  if (occurrences.length > MAX_OCCURRENCES) {
    return { confident: false, start: null, end: null, score: null, reason: `the quote appears more than ${MAX_OCCURRENCES} times in the new version` };
  }
  if (occurrences.length > 0) return placeExactQuote(anchor, text, occurrences);
  return placeChangedQuote(anchor, text);
}

function placeExactQuote(anchor: Anchor, text: string, occurrences: number[]): Placement {
  const scored = occurrences
    .map((start) => ({ start, end: start + anchor.quote.length, score: contextScore(anchor, text, start, start + anchor.quote.length) }))
    .sort((a, b) => b.score - a.score || a.start - b.start);
  const [best, second] = [scored[0]!, scored[1]];
  const distinct = second === undefined || best.score - second.score >= CONTEXT_MARGIN;
  const sameClause = clauseAgrees(anchor, text, best.start, best.end);
  if (best.score >= CONFIDENT_CONTEXT && distinct && sameClause) return { confident: true, start: best.start, end: best.end, score: best.score };
  const reason = !distinct
    ? `the quote appears ${occurrences.length} times and its context does not tell them apart`
    : best.score >= CONFIDENT_CONTEXT
      ? 'the quote is still there but the words around it in its sentence changed (a negation, a denial or another speaker may now frame it)'
      : 'the quote is still there but the text around it changed';
  return { confident: false, start: best.start, end: best.end, score: best.score, reason };
}

/**
 * The quote's own wording changed: look for the old context on both sides and
 * suggest what lies between, with how similar it is to the old quote.
 */
function placeChangedQuote(anchor: Anchor, text: string): Placement {
  const notFound = { confident: false as const, start: null, end: null, score: null, reason: 'the quote is no longer in the text' };
  if (anchor.prefix.length < MIN_CONTEXT_SEARCH && anchor.suffix.length < MIN_CONTEXT_SEARCH) return notFound;
  const lengthLimit = anchor.quote.length * 2 + 16;
  let best: { start: number; end: number; score: number } | null = null;
  const prefixEnds = anchor.prefix.length >= MIN_CONTEXT_SEARCH ? findAll(text, anchor.prefix, MAX_OCCURRENCES).map((p) => p + anchor.prefix.length) : [];
  for (const start of prefixEnds) {
    const end = anchor.suffix.length >= MIN_CONTEXT_SEARCH ? text.indexOf(anchor.suffix, start) : Math.min(text.length, start + anchor.quote.length);
    if (end <= start || end - start > lengthLimit) continue;
    const score = similarity(anchor.quote, text.slice(start, end));
    if (!best || score > best.score) best = { start, end, score };
  }
  if (!best && anchor.suffix.length >= MIN_CONTEXT_SEARCH) {
    for (const end of findAll(text, anchor.suffix, MAX_OCCURRENCES)) {
      const start = Math.max(0, end - anchor.quote.length);
      if (end <= start) continue;
      const score = similarity(anchor.quote, text.slice(start, end));
      if (!best || score > best.score) best = { start, end, score };
    }
  }
  if (!best) return notFound;
  return { confident: false, ...best, reason: 'the quoted words changed; the suggestion is the passage between the old context' };
}

/**
 * Ends of a clause in any script: what frames a quote — who says it, whether it
 * is affirmed, denied or negated — lies between it and these, so that stretch
 * must be unchanged for a move. Punctuation, not words: it holds for any language.
 */
const CLAUSE_END = /[.!?;\n\u3002\uff01\uff1f\uff1b\u061f\u06d4\u0964]/;

/**
 * Whether the quote's own clause reads as it did: the stored context from the
 * nearest clause end up to the quote, and from the quote to the next, is
 * unchanged in the new text. Where the stored context met the start or end of
 * the old text, the new text must also start (or end, or break the clause) there,
 * so "it is false that" put in front of an opening sentence is noticed too.
 */
export function clauseAgrees(anchor: Anchor, text: string, start: number, end: number): boolean {
  const boundaryBefore = lastIndexMatching(anchor.prefix, CLAUSE_END);
  const before = anchor.prefix.slice(boundaryBefore + 1);
  if (text.slice(start - before.length, start) !== before || start - before.length < 0) return false;
  const prefixReachedStart = boundaryBefore === -1 && anchor.prefix.length < CONTEXT_LENGTH;
  if (prefixReachedStart) {
    let at = start - before.length;
    while (at > 0 && /\s/.test(text[at - 1]!) && text[at - 1] !== '\n') at--;
    if (at > 0 && !CLAUSE_END.test(text[at - 1]!)) return false;
  }
  const boundaryAfter = anchor.suffix.search(CLAUSE_END);
  const after = boundaryAfter === -1 ? anchor.suffix : anchor.suffix.slice(0, boundaryAfter);
  if (text.slice(end, end + after.length) !== after) return false;
  const suffixReachedEnd = boundaryAfter === -1 && anchor.suffix.length < CONTEXT_LENGTH;
  if (suffixReachedEnd) {
    let at = end + after.length;
    while (at < text.length && /\s/.test(text[at]!) && text[at] !== '\n') at++;
    if (at < text.length && !CLAUSE_END.test(text[at]!)) return false;
  }
  return true;
}

function lastIndexMatching(value: string, pattern: RegExp): number {
  for (let i = value.length - 1; i >= 0; i--) if (pattern.test(value[i]!)) return i;
  return -1;
}

/** Share of the stored context (prefix read backwards, suffix forwards) that the new text repeats. */
export function contextScore(anchor: Anchor, text: string, start: number, end: number): number {
  const total = anchor.prefix.length + anchor.suffix.length;
  if (total === 0) return 1;
  let before = 0;
  while (before < anchor.prefix.length && start - before - 1 >= 0 && text[start - before - 1] === anchor.prefix[anchor.prefix.length - before - 1]) before++;
  let after = 0;
  while (after < anchor.suffix.length && end + after < text.length && text[end + after] === anchor.suffix[after]) after++;
  return (before + after) / total;
}

function findAll(text: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  if (!needle) return found;
  for (let at = text.indexOf(needle); at !== -1 && found.length < limit; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** 1 − normalised edit distance; 0 for quotes too long to compare cheaply. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length > MAX_FUZZY_LENGTH || b.length > MAX_FUZZY_LENGTH) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return 1 - previous[b.length]! / Math.max(a.length, b.length);
}
