import type { Token } from './tokens.ts';

/**
 * Where a fact-checker would cut: sentence ends and clause punctuation
 * (commas, semicolons, colons, dashes, brackets, quote marks). Spans snap to
 * these so a suggestion is a whole clause or sentence, never half a phrase
 * ("jet, which Tehran could receive “within").
 */

const CLAUSE_MARK = /[,;:()\[\]"“”«»—–]|\s[-‘’']|[-‘’']\s/;

/** Whether a clause boundary separates token i from token i + 1. */
export function boundaryAfter(text: string, tokens: readonly Token[], i: number, offset = 0): boolean {
  if (i < 0 || i >= tokens.length - 1) return true;
  if (tokens[i]!.sentence !== tokens[i + 1]!.sentence) return true;
  const gap = text.slice(tokens[i]!.end - offset, tokens[i + 1]!.start - offset);
  // "dockworkers' union": a plural possessive, not a closing quote.
  if (/^['’]\s+$/.test(gap) && /s$/i.test(tokens[i]!.raw)) return false;
  // "9:15": a clock time, not a colon.
  if (gap === ':' && /^\d+$/.test(tokens[i]!.raw) && /^\d/.test(tokens[i + 1]!.raw)) return false;
  return CLAUSE_MARK.test(gap);
}

/**
 * Words a span may grow by to reach the clause's edge. A span further from a
 * boundary than this is inside a long clause and stays as aligned. Measured on
 * the seed set: 6 reaches the end of every cut clause in it.
 */
export const SNAP_WORDS = 6;
/**
 * Backwards a span grows by less: the words before a claim are mostly its
 * subject and attribution ("Russia's UN ambassador Vassily Nebenzia again
 * denied that…"), which the analyst leaves out as often as not; what a cut
 * at the start loses is an article or an adjective ("the", "joint").
 */
export const SNAP_BACK_WORDS = 2;

/** Widens [first, last] to the edges of the clauses they sit in, when those are near. `offset` is where `text` starts in the tokens' coordinates. */
export function snapToClauses(text: string, tokens: readonly Token[], first: number, last: number, offset = 0): [number, number] {
  let end = last;
  for (let k = 0; k < SNAP_WORDS && !boundaryAfter(text, tokens, end, offset); k++) end++;
  if (!boundaryAfter(text, tokens, end, offset)) end = last;
  let start = first;
  for (let k = 0; k < SNAP_BACK_WORDS && !boundaryAfter(text, tokens, start - 1, offset); k++) start--;
  if (!boundaryAfter(text, tokens, start - 1, offset)) start = first;
  return [start, end];
}

/** Words that open a reported or subordinate clause without punctuation: "reports that Moscow…". */
const CLAUSE_OPENERS = new Set(['that']);

/** The clauses of one sentence, as token index ranges [first, last]. */
export function clausesOf(text: string, tokens: readonly Token[], first: number, last: number, offset = 0): Array<[number, number]> {
  const clauses: Array<[number, number]> = [];
  let start = first;
  for (let i = first; i <= last; i++) {
    if (i === last || boundaryAfter(text, tokens, i, offset) || CLAUSE_OPENERS.has(tokens[i + 1]!.norm)) {
      clauses.push([start, i]);
      start = i + 1;
    }
  }
  return clauses;
}

/** Sentences as token index ranges, in order. */
export function sentencesOf(tokens: readonly Token[]): Array<[number, number]> {
  const sentences: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i === tokens.length - 1 || tokens[i + 1]!.sentence !== tokens[i]!.sentence) {
      sentences.push([start, i]);
      start = i + 1;
    }
  }
  return sentences;
}
