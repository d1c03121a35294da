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
  /** Values of the numbers, a percentage marked by a trailing "%", a duration in days also as "~days". */
  numbers: string[];
  /**
   * Quantities said without a figure ("a year", "the third day"): compared with the other side's numbers, but a
   * claim holding only these does not count as stating a number (most "a year"s are not the claim's figure).
   */
  implied: string[];
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
const CLOCK_FRACTIONS = new Map([
  ['quarter', 15],
  ['half', 30],
]);
const PAST_OR_TO = new Set(['past', 'to']);
/** Units of time in days: "90 days" and "three months" are one duration. */
const DAYS_IN = new Map([
  ['minute', 1 / 1440],
  ['hour', 1 / 24],
  ['day', 1],
  ['week', 7],
  ['fortnight', 14],
  ['month', 30.44],
  ['year', 365.25],
  ['decade', 3652.5],
]);
const unitOf = (norm: string) => DAYS_IN.get(norm) ?? DAYS_IN.get(norm.replace(/s$/, ''));
/** Ordinals in words ("the third day"); "first" and "second" are left out: they are mostly not counts ("a second time"). */
const ORDINAL_NUMBER_WORDS = new Map(
  'third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth'
    .split(' ')
    .map((w, i) => [w, i + 3] as const),
);
const days = (value: number) => `~${Math.round(value * 1000) / 1000}`;

const SMALL = (norm: string) => {
  const v = NUMBER_WORDS.get(norm);
  return v !== undefined && v < 100 && v >= 0 && Number.isInteger(v) && !['dozen', 'dozens', 'several'].includes(norm) ? v : null;
};

/**
 * The number starting at token i and the index of its last token: digits
 * ("2,000", "4.5"), words ("sixty-two thousand", "four thousand one
 * hundred", "three hundred and forty", "four and a half"), or both ("$9 million").
 */
function readNumber(tokens: readonly Token[], i: number, gapAfter: (j: number) => string): { value: number; last: number } | null {
  const first = tokens[i]!;
  const sameSentence = (j: number) => j < tokens.length && tokens[j]!.sentence === first.sentence;
  let total = 0;
  let current: number;
  let last = i;
  if (/^\d/.test(first.norm)) {
    // A clock time, "9:15", reads as "9.15": the way "9.15pm" is written.
    if (/^\d{1,2}$/.test(first.norm) && gapAfter(i) === ':' && /^\d\d/.test(tokens[i + 1]?.norm ?? '') && sameSentence(i + 1))
      return { value: Number(`${first.norm}.${tokens[i + 1]!.norm.slice(0, 2)}`), last: i + 1 };
    current = Number(first.norm.replace(/[^\d.]/g, ''));
    if (Number.isNaN(current)) return null;
  } else if (CLOCK_FRACTIONS.has(first.norm) && PAST_OR_TO.has(tokens[i + 1]?.norm ?? '') && NUMBER_WORDS.has(tokens[i + 2]?.norm ?? '')) {
    // "a quarter past nine", "half past ten", "a quarter to ten": clock times in words.
    const hour = NUMBER_WORDS.get(tokens[i + 2]!.norm)!;
    const minutes = CLOCK_FRACTIONS.get(first.norm)!;
    return { value: tokens[i + 1]!.norm === 'past' ? hour + minutes / 100 : hour - 1 + (60 - minutes) / 100, last: i + 2 };
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
    else if (small !== null && current >= 100 && current % 100 === 0 && !/^\d/.test(first.norm))
      current += small; // "three hundred and forty", "two hundred five": not in figures, where "2000 and 20" are two numbers
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
  const implied: string[] = [];
  const gapAfter = (j: number) => (j + 1 < tokens.length ? text.slice(tokens[j]!.end - offset, tokens[j + 1]!.start - offset).trim() : '');
  let negations = 0;
  let modality: ClaimStructure['modality'] = null;
  const actors: Token[] = [];
  const words = lexicon();
  for (let i = first; i <= last; i++) {
    if (exclude?.(i)) continue;
    const t = tokens[i]!;
    const number = t.norm === 'one' ? null : readNumber(tokens, i, gapAfter);
    // A duration without a figure: "a fortnight", "a decade and a half" state one; "a year" only implies one, and
    // after a figure it is a rate ("$9 million a day").
    const unit = unitOf(tokens[i + 1]?.norm ?? '');
    if (number === null && unit !== undefined && ['a', 'an', 'one'].includes(t.norm) && i + 1 <= last && !tokens[i - 1]?.number) {
      const half = tokens[i + 2]?.norm === 'and' && tokens[i + 3]?.norm === 'a' && tokens[i + 4]?.norm === 'half' && i + 4 <= last;
      if (half) numbers.push(days(unit * 1.5));
      else (tokens[i + 1]!.norm.startsWith('fortnight') ? numbers : implied).push(days(unit));
      i += half ? 4 : 1;
      continue;
    }
    if (number === null && ORDINAL_NUMBER_WORDS.has(t.norm)) implied.push(`${ORDINAL_NUMBER_WORDS.get(t.norm)}`);
    if (number !== null) {
      const unitAfter = unitOf(tokens[Math.min(number.last, last) + 1]?.norm ?? '');
      if (unitAfter !== undefined) numbers.push(days(number.value * unitAfter));
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
  return { numbers, implied, negated: negations > 0, modality, actors };
}

export interface StructureChecks {
  /** Null when either side has no number: nothing to compare. */
  sameNumber: boolean | null;
  sameNegation: boolean;
  sameModality: boolean | null;
  sameActor: boolean | null;
}

export function compareStructure(a: ClaimStructure, b: ClaimStructure): StructureChecks {
  const [x, y] = [
    [...a.numbers, ...a.implied],
    [...b.numbers, ...b.implied],
  ];
  const sameNumber = x.length === 0 || y.length === 0 ? null : x.some((n) => y.some((m) => sameQuantity(n, m)));
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
  // Durations: "90 days" is "three months" (91.3 days), within what calendar months vary by.
  if (a.startsWith('~') !== b.startsWith('~')) return false;
  if (a.startsWith('~'))
    return Math.abs(parseFloat(a.slice(1)) - parseFloat(b.slice(1))) <= DURATION_TOLERANCE * Math.max(parseFloat(a.slice(1)), parseFloat(b.slice(1)));
  if (a.endsWith('%') !== b.endsWith('%')) return false;
  const [x, y] = [parseFloat(a), parseFloat(b)].sort((p, q) => p - q) as [number, number];
  return x > 0 && [1e3, 1e6, 1e9].includes(y / x);
}

/** Months are 28 to 31 days: "three months" is 89 to 92 days. */
const DURATION_TOLERANCE = 0.04;

/** A candidate whose structure contradicts the quote's is another claim, however close the words. */
export const contradicts = (checks: StructureChecks) => checks.sameNumber === false || !checks.sameNegation || checks.sameActor === false;
