import { lexicon } from './lexicon/lexicon.ts';
import { isNumber, isStopword, normaliseWord, wordKey } from './wordForms.ts';

/** One word of a text, with where it is (UTF-16 offsets into that text) and how it compares. */
export interface Token {
  start: number;
  end: number;
  raw: string;
  norm: string;
  key: string;
  /** The word's index in the lexicon (lexicon/lexicon.ts), or -1 when it has none (most names, rare words). */
  lex: number;
  /** A number in digits or words ("2,000", "twelve"): never a rewording of another word. */
  number: boolean;
  /** False for function words, which carry less weight everywhere. */
  content: boolean;
  /** How much the word counts in a match: 1 for a content word, less for a function word or a word every text has. */
  weight: number;
  /** Counters that change at each blank-line paragraph and each sentence end, so a match can stay inside them. */
  paragraph: number;
  sentence: number;
}

/**
 * A function word counts about a third of a content word: enough that a quote's wording holds its
 * order in an alignment, too little for a run of "of the to" to make a match alone. Set by hand with
 * the alignment scores (alignment.ts) and measured, like them, by `npm run eval:matcher`.
 */
export const FUNCTION_WORD_WEIGHT = 0.35;

/**
 * Words are runs of letters and digits, with an inner apostrophe ("Iran's",
 * "doesn’t") or dot ("U.S.") kept; hyphens and dashes split words, so
 * "full-fledged" reads as "full fledged" and "—" is never a word. A number
 * keeps its thousands separators and decimals ("2,000", "4.5").
 */
const WORD = /\p{N}+(?:[.,]\p{N}+)*(?:[\p{L}]+)?|[\p{L}\p{N}]+(?:['’.][\p{L}\p{N}]+)*/gu;

/**
 * Tokenizes `text`. `withLexicon` (default true) looks each word up in the
 * lexicon; the word index, which needs only keys, skips it.
 */
export function tokenize(text: string, offset = 0, withLexicon = true): Token[] {
  const tokens: Token[] = [];
  const words = withLexicon ? lexicon() : null;
  let paragraph = 0;
  let sentence = 0;
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const gap = text.slice(previousEnd, match.index);
    if (tokens.length > 0 && gap.includes('\n')) {
      paragraph++;
      sentence++;
    } else if (tokens.length > 0 && /[.!?]/.test(gap) && !/^\p{Ll}/u.test(raw)) sentence++;
    previousEnd = match.index + raw.length;
    // "US" in capitals is the country, not the pronoun.
    const norm = raw === 'US' || raw === 'U.S' ? 'usa' : normaliseWord(raw);
    const content = !isStopword(norm);
    const start = offset + match.index;
    const lex = words?.id(norm.replace(/'s$/, '')) ?? -1;
    tokens.push({
      start,
      end: start + raw.length,
      raw,
      norm,
      key: wordKey(norm),
      lex,
      number: isNumber(norm),
      content,
      weight: content ? 1 : FUNCTION_WORD_WEIGHT,
      paragraph,
      sentence,
    });
  }
  return tokens;
}

/** The same tokens with content words weighted by how rare their key is (function words keep their weight). */
export function weighTokens(tokens: readonly Token[], weightOfKey: (key: string) => number): Token[] {
  return tokens.map((t) => (t.content ? { ...t, weight: weightOfKey(t.key) } : t));
}
