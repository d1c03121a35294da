import { lexicon } from './lexicon/lexicon.ts';
import type { Token } from './tokens.ts';
import { wordRelation } from './wordSimilarity.ts';
import { isNegation, NUMBER_WORDS } from './wordForms.ts';

/**
 * The parts of a claim that rewording must keep: its numbers (with percent),
 * whether it is negated, its modality (will / may / must) and its actors (the
 * names in it). In a corpus where every article tells one story, two
 * sentences share most words; these parts tell "could cost 2,000 jobs" from
 * "could cost 200 jobs" and "will reopen" from "will not reopen".
 */
export interface ClaimStructure {
  /** Values of the numbers, a percentage marked by a trailing "%". */
  numbers: string[];
  negated: boolean;
  modality: 'will' | 'may' | 'must' | null;
  /** Names: capitalised words inside a sentence, or words the lexicon knows only as names. */
  actors: Token[];
}

const MODALITY: ReadonlyMap<string, ClaimStructure['modality']> = new Map([
  ...['will', 'would', 'shall', "'ll", 'wo'].map((w) => [w, 'will'] as const),
  ...['may', 'might', 'could', 'can', 'possibly', 'perhaps', 'likely'].map((w) => [w, 'may'] as const),
  ...['must', 'should', 'ought'].map((w) => [w, 'must'] as const),
]);
/** "no more than", "not less than" bound a number; they do not negate the claim. */
const COMPARATIVES = new Set(['more', 'less', 'fewer', 'longer', 'later', 'earlier', 'sooner']);
const SCALES = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);

function numberValue(tokens: readonly Token[], i: number): number | null {
  const norm = tokens[i]!.norm;
  let value = /^\d/.test(norm) ? Number(norm.replace(/[^\d.]/g, '')) : (NUMBER_WORDS.get(norm) ?? null);
  if (value === null || Number.isNaN(value)) return null;
  // "2 million", "twenty thousand": a scale word multiplies the number before it.
  const next = tokens[i + 1];
  if (next && SCALES.has(next.norm) && next.sentence === tokens[i]!.sentence) value *= NUMBER_WORDS.get(next.norm)!;
  return value;
}

export function claimStructure(text: string, tokens: readonly Token[], first: number, last: number, offset = 0, exclude?: (i: number) => boolean): ClaimStructure {
  const numbers: string[] = [];
  let negations = 0;
  let modality: ClaimStructure['modality'] = null;
  const actors: Token[] = [];
  const words = lexicon();
  for (let i = first; i <= last; i++) {
    if (exclude?.(i)) continue;
    const t = tokens[i]!;
    const previous = tokens[i - 1];
    // A scale word after a number is part of that number.
    if (SCALES.has(t.norm) && previous && i > first && numberValue(tokens, i - 1) !== null) continue;
    const value = numberValue(tokens, i);
    if (value !== null && !(t.norm === 'one' && !/^\d/.test(t.norm))) {
      const after = text.slice(t.end - offset, (tokens[i + 1]?.start ?? t.end) - offset);
      const percent = after.trimStart().startsWith('%') || ['percent', 'pct'].includes(tokens[i + 1]?.norm ?? '') || (tokens[i + 1]?.norm === 'per' && tokens[i + 2]?.norm === 'cent');
      numbers.push(`${value}${percent ? '%' : ''}`);
      continue;
    }
    if (isNegation(t.norm) && !COMPARATIVES.has(tokens[i + 1]?.norm ?? '')) negations++;
    modality ??= MODALITY.get(t.norm) ?? null;
    const startsSentence = i === 0 || previous!.sentence !== t.sentence;
    // A capital inside a sentence marks a name; at its start, only a word the lexicon does not know as a common word.
    if (t.content && /^\p{Lu}/u.test(t.raw) && (!startsSentence || t.lex < 0 || words.isName(t.lex))) actors.push(t);
    else if (t.content && t.lex >= 0 && words.isName(t.lex)) actors.push(t);
  }
  return { numbers, negated: negations % 2 === 1, modality, actors };
}

export interface StructureChecks {
  /** Null when either side has no number: nothing to compare. */
  sameNumber: boolean | null;
  sameNegation: boolean;
  sameModality: boolean | null;
  sameActor: boolean | null;
}

export function compareStructure(a: ClaimStructure, b: ClaimStructure): StructureChecks {
  const sameNumber = a.numbers.length === 0 || b.numbers.length === 0 ? null : a.numbers.some((n) => b.numbers.includes(n));
  const sameModality = a.modality === null || b.modality === null ? null : a.modality === b.modality;
  // Another actor is a name on each side that the other side does not answer ("to Russia" / "to Ukraine");
  // a name only dropped (a truncation) or only added (context) is not.
  const answered = (x: Token, others: readonly Token[]) => others.some((y) => wordRelation(x, y) !== 'swap');
  const sameActor =
    a.actors.length === 0 || b.actors.length === 0 ? null : !(a.actors.some((x) => !answered(x, b.actors)) && b.actors.some((y) => !answered(y, a.actors)));
  return { sameNumber, sameNegation: a.negated === b.negated, sameModality, sameActor };
}

/** A candidate whose structure contradicts the quote's is another claim, however close the words. */
export const contradicts = (checks: StructureChecks) => checks.sameNumber === false || !checks.sameNegation || checks.sameActor === false;
