/**
 * How a word is compared when looking for the same claim in other wording:
 * its normal form (case, quotes, accents folded) and its key (a crude stem),
 * which the word index stores. Which words mean the same thing comes from
 * general English resources (lexicon/, WordNet and word vectors), never from
 * a list written for one story; the lists here are English grammar.
 */

/** Function words: they carry no claim, so they neither retrieve nor, alone, make a match. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with from into onto over under as than then that this these those ' +
    "is are was were be been being am do does did done has have had having it its it's he she they them their there " +
    'his her hers him we us our you your i me my so such also just very can could would should will shall may might must ' +
    'who whom whose which what when where why how all any some each other both more most few many much not no nor ' +
    'about after before during while up down out off again further once here only own same too s t'
  ).split(' '),
);

/** Words whose presence flips or cancels a claim. */
export const NEGATIONS: ReadonlySet<string> = new Set(
  "not no never nor neither none nobody nothing without deny denies denied denying refute refuted reject rejected false n't".split(' '),
);

/** English number words and their values; "dozens", "hundreds" stand for an order of magnitude. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'
    .split(' ')
    .map((w, i) => [w, i] as const),
  ...'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ').map((w, i) => [w, (i + 2) * 10] as const),
  ['hundred', 100],
  ['hundreds', 100],
  ['thousand', 1000],
  ['thousands', 1000],
  ['million', 1e6],
  ['millions', 1e6],
  ['billion', 1e9],
  ['billions', 1e9],
  ['trillion', 1e12],
  ['dozen', 12],
  ['dozens', 12],
  ['half', 0.5],
  ['several', 3],
]);

/** Case, quote marks and accents folded; what "the same word" means before any fuzziness. */
export function normaliseWord(raw: string): string {
  // Most words are plain ASCII, and importing a corpus tokenizes every word of it.
  const unaccented = /^[\x00-\x7f]*$/.test(raw) ? raw : raw.normalize('NFKD').replace(/\p{M}/gu, '');
  const folded = unaccented.toLowerCase().replace(/[’‘ʼ`´]/g, "'");
  // "2,000" and "2000" are one number.
  return /^\d/.test(folded) ? folded.replace(/,(?=\d{3}\b)/g, '') : folded;
}

/**
 * A crude stemmer: drop the possessive and the commonest suffixes, then keep
 * five letters. Good enough to meet "technique"/"technical" and
 * "transforms"/"transforming"; alignment, not the stem, decides a match.
 */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '').replace(/'/g, '');
  if (/^\d/.test(w)) return w;
  for (const suffix of ['ingly', 'ing', 'ied', 'ies', 'ed', 'es', 'ly', 's']) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.slice(0, 5);
}

/** The key the word index stores: the stem. Synonyms are found through the lexicon, not by sharing a key. */
export const wordKey = (norm: string): string => stem(norm);

export const isStopword = (norm: string) => STOPWORDS.has(norm);
export const isNegation = (norm: string) => NEGATIONS.has(norm) || norm.endsWith("n't");
export const isNumber = (norm: string) => /^\d/.test(norm) || NUMBER_WORDS.has(norm);
