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

const SMALL = (norm: string) => {
  const v = NUMBER_WORDS.get(norm);
  return v !== undefined && v < 100 && v >= 0 && Number.isInteger(v) && !['dozen', 'dozens', 'several'].includes(norm) ? v : null;
};

/**
 * The number starting at token i and the index of its last token: digits
 * ("2,000", "4.5"), words ("sixty-two thousand", "four thousand one
 * hundred", "four and a half"), or both ("$9 million").
 */
function readNumber(tokens: readonly Token[], i: number): { value: number; last: number } | null {
  const first = tokens[i]!;
  const sameSentence = (j: number) => j < tokens.length && tokens[j]!.sentence === first.sentence;
  let total = 0;
  let current: number;
  let last = i;
  if (/^\d/.test(first.norm)) {
    current = Number(first.norm.replace(/[^\d.]/g, ''));
    if (Number.isNaN(current)) return null;
  } else {
    const v = NUMBER_WORDS.get(first.norm);
    if (v === undefined) return null;
    current = v;
  }
  for (let j = i + 1; sameSentence(j); j++) {
    const norm = tokens[j]!.norm;
    const small = SMALL(norm);
    if (small !== null && current % 100 >= 20 && current % 10 === 0 && small < 10 && !/^\d/.test(first.norm))
      current += small; // "sixty-two"
    else if (small !== null && current === 0) current = small;
    else if (norm === 'hundred' || norm === 'hundreds') current = (current || 1) * 100;
    else if (SCALES.has(norm)) {
      total += (current || 1) * NUMBER_WORDS.get(norm)!;
      current = 0;
    } else if (norm === 'and' && (SMALL(tokens[j + 1]?.norm ?? '') !== null || tokens[j + 2]?.norm === 'half') && sameSentence(j + 1)) continue;
    else if (norm === 'a' && tokens[j + 1]?.norm === 'half' && tokens[j - 1]?.norm === 'and') continue;
    else if (norm === 'half' && tokens[j - 1]?.norm === 'a') current += 0.5;
    else break;
    last = j;
  }
  return { value: total + current, last };
}

export function claimStructure(
  text: string,
  tokens: readonly Token[],
  first: number,
  last: number,
  offset = 0,
  exclude?: (i: number) => boolean,
): ClaimStructure {
  const numbers: string[] = [];
  let negations = 0;
  let modality: ClaimStructure['modality'] = null;
  const actors: Token[] = [];
  const words = lexicon();
  for (let i = first; i <= last; i++) {
    if (exclude?.(i)) continue;
    const t = tokens[i]!;
    const number = t.norm === 'one' ? null : readNumber(tokens, i);
    if (number !== null) {
      const next = tokens[Math.min(number.last, last) + 1];
      const after = text.slice(tokens[Math.min(number.last, last)]!.end - offset, (next?.start ?? t.end) - offset);
      const percent =
        after.trimStart().startsWith('%') ||
        ['percent', 'pct'].includes(next?.norm ?? '') ||
        (next?.norm === 'per' && tokens[number.last + 2]?.norm === 'cent');
      numbers.push(`${number.value}${percent ? '%' : ''}`);
      i = Math.min(number.last, last);
      continue;
    }
    if (isNegation(t.norm) && !COMPARATIVES.has(tokens[i + 1]?.norm ?? '')) negations++;
    modality ??= MODALITY.get(t.norm) ?? null;
    // A name: a noun WordNet knows only as a name ("Ukraine"), or a capitalised word WordNet lacks ("Velmora",
    // "Kirby"). Capitalised common words ("Islamic Republic", "Security Council") describe rather than name.
    if (t.content && ((t.lex >= 0 && words.isName(t.lex)) || (/^\p{Lu}/u.test(t.raw) && (t.lex < 0 || !words.inWordNet(t.lex))))) actors.push(t);
  }
  // Two negations in one claim rarely cancel in news copy ("never refused, and not refusing now"): any negation negates.
  return { numbers, negated: negations > 0, modality, actors };
}

export interface StructureChecks {
  /** Null when either side has no number: nothing to compare. */
  sameNumber: boolean | null;
  sameNegation: boolean;
  sameModality: boolean | null;
  sameActor: boolean | null;
}

export function compareStructure(a: ClaimStructure, b: ClaimStructure): StructureChecks {
  const sameNumber = a.numbers.length === 0 || b.numbers.length === 0 ? null : a.numbers.some((n) => b.numbers.some((m) => sameQuantity(n, m)));
  const sameModality = a.modality === null || b.modality === null ? null : a.modality === b.modality;
  // Another actor is a name on each side that the other side does not answer ("to Russia" / "to Ukraine");
  // a name only dropped (a truncation) or only added (context) is not.
  const answered = (x: Token, others: readonly Token[]) => others.some((y) => wordRelation(x, y) !== 'swap');
  const sameActor =
    a.actors.length === 0 || b.actors.length === 0 ? null : !(a.actors.some((x) => !answered(x, b.actors)) && b.actors.some((y) => !answered(y, a.actors)));
  return { sameNumber, sameNegation: a.negated === b.negated, sameModality, sameActor };
}

/**
 * Equal, or equal but for a scale word one side lost or misspelled ("$14
 * million" / "$14 milion"): a factor of a thousand or more. "200" and "2,000"
 * stay different.
 */
function sameQuantity(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.endsWith('%') !== b.endsWith('%')) return false;
  const [x, y] = [parseFloat(a), parseFloat(b)].sort((p, q) => p - q) as [number, number];
  return x > 0 && [1e3, 1e6, 1e9].includes(y / x);
}

/** A candidate whose structure contradicts the quote's is another claim, however close the words. */
export const contradicts = (checks: StructureChecks) => checks.sameNumber === false || !checks.sameNegation || checks.sameActor === false;
