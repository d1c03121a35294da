import { lexicon } from './lexicon/lexicon.ts';
import type { Token } from './tokens.ts';

/**
 * Whether two words say the same thing, from general English knowledge: the
 * same stem, a WordNet relation (synonym, derivation, a place and its
 * country), or word vectors close enough. Never for numbers (3 is not 4
 * however close their vectors), antonyms (vectors put "rise" next to "fall"),
 * or two names (vectors put "Russia" next to "Ukraine"; only WordNet may tie
 * names).
 */

/**
 * Cosine above which two words' vectors make them a rewording of each other.
 * Measured on the seed set and the development stories: 0.75 keeps
 * said/told (0.85), sold/sell (0.81), jobs/workers (0.78) and leaves
 * assembly/production (0.36), percent/per (0.66) apart.
 */
export const NEAR_VECTOR = 0.75;
/** Below this cosine, two words share nothing in the graded meaning score (most unrelated pairs of common words score 0.3–0.55). */
const VECTOR_FLOOR = 0.55;
/**
 * Vectors also put words of one kind side by side ("year"/"week" 0.85,
 * "Monday"/"Tuesday"), which are not rewordings: a vector alone earns at most
 * VECTOR_CREDIT, reached at cosine VECTOR_FULL, and never counts as saying a word.
 */
const VECTOR_CREDIT = 0.75;
const VECTOR_FULL = 0.85;
/** Credit in the graded score for a lexical (stem or WordNet) match, relative to the same word. */
const RELATED_CREDIT = 0.9;

const capitalised = (t: Token) => /^\p{Lu}/u.test(t.raw);

let memo = new Map<number, number>();

function vectorSimilarity(a: Token, b: Token): number {
  // Function words are close to one another in any vector space ("for"/"he"); they match only themselves.
  if (a.lex < 0 || b.lex < 0 || !a.content || !b.content) return 0;
  const words = lexicon();
  const key = a.lex < b.lex ? a.lex * 65536 + b.lex : b.lex * 65536 + a.lex;
  let value = memo.get(key);
  if (value === undefined) {
    if (words.antonyms(a.lex, b.lex)) value = -1;
    else if (words.related(a.lex, b.lex)) value = 2;
    else if (words.isName(a.lex) || words.isName(b.lex)) value = 0;
    else value = words.similarity(a.lex, b.lex);
    if (memo.size > 1_000_000) memo = new Map();
    memo.set(key, value);
  }
  return value;
}

/** 1 for the same word, RELATED_CREDIT for a rewording the dictionary knows, a graded share for close vectors, 0 otherwise. */
export function wordSimilarity(a: Token, b: Token): number {
  if (a.norm === b.norm) return 1;
  if (a.number || b.number) return 0;
  if (a.key === b.key) return RELATED_CREDIT;
  const cosine = vectorSimilarity(a, b);
  if (cosine === 2) return RELATED_CREDIT;
  if (cosine <= VECTOR_FLOOR || (capitalised(a) && capitalised(b))) return 0;
  return VECTOR_CREDIT * Math.min(1, (cosine - VECTOR_FLOOR) / (VECTOR_FULL - VECTOR_FLOOR));
}

/** At most `limit` single-letter edits apart (insert, delete, substitute), for short words. */
function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...current) > limit) return false;
    previous = current;
  }
  return previous[b.length]! <= limit;
}

/**
 * One word spelled two ways: British and American spelling ("defence"/"defense",
 * "neighbours"/"neighbors") or an adverb for its adjective in a compound
 * ("fully fledged"/"full-fledged"). A word with an ending added is another
 * form of it ("drone"/"drones"), not another spelling.
 */
function sameWordSpelledOtherwise(a: string, b: string): boolean {
  if (a.length < 4 || b.length < 4) return false;
  const adverbOf = (adjective: string, adverb: string) => adverb === `${adjective}ly` || (adjective.endsWith('l') && adverb === `${adjective}y`);
  if (adverbOf(a, b) || adverbOf(b, a)) return true;
  if (a.startsWith(b) || b.startsWith(a)) return false;
  return a.slice(0, 3) === b.slice(0, 3) && withinEdits(a, b, 2);
}

/** How the alignment pairs two words: the same word, a rewording, or a swap for another word. */
export function wordRelation(a: Token, b: Token): 'equal' | 'near' | 'swap' {
  if (a.norm === b.norm) return 'equal';
  if (a.number || b.number) return 'swap';
  // Most pairs of an alignment are two unrelated words outside the lexicon: no lookup for them.
  if (a.key !== b.key && (a.lex < 0 || b.lex < 0)) return 'swap';
  const cosine = vectorSimilarity(a, b);
  if ((a.key === b.key || cosine === 2 || cosine >= NEAR_VECTOR) && sameWordSpelledOtherwise(a.norm, b.norm)) return 'equal';
  if (a.key === b.key || cosine === 2) return 'near';
  if (cosine >= NEAR_VECTOR && !(capitalised(a) && capitalised(b))) return 'near';
  return 'swap';
}
