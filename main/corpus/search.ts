import type { SearchResults } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from './database.ts';
import { splitsSurrogatePair } from './textAnchor.ts';

/** Code units of text shown either side of a match in a snippet. */
export const SNIPPET_CONTEXT = 40;

export interface SearchOptions {
  articleLimit?: number;
  matchesPerArticle?: number;
  /** Rank by relevance only when at most this many articles match (see RANKED_HITS_LIMIT). */
  rankUpTo?: number;
}

/**
 * Above this many matching articles the first page comes in corpus order,
 * unranked: bm25 must score every hit before the best can be known, which for
 * a one-letter query at 100,000 articles took 2.6–5.9 s against 47 ms for the
 * first 50 matches (measured on the 2-core benchmark machine). So many hits
 * mean the query is too short to rank usefully anyway; typing on narrows it.
 */
export const RANKED_HITS_LIMIT = 2_000;

/**
 * Turns what the analyst typed into an FTS5 query: every word must occur, the
 * last one as a prefix (so results appear while typing). Only letters and
 * digits pass, so no input can be an FTS5 syntax error.
 */
export function toFtsQuery(typed: string): string {
  const words = typed.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  if (words.length === 0) throw new CrosscheckError('invalid_input', 'Type at least one word or number to search for.');
  const last = words.length - 1;
  return words.map((word, i) => `"${word}"${i === last && isLongEnoughForPrefix(word) ? '*' : ''}`).join(' ');
}

/**
 * A last word shorter than this is searched as a whole word, not as a prefix:
 * FTS5 has no prefix index here, so a prefix query merges the posting list of
 * every indexed word it begins — for one letter at 100,000 articles most of the
 * vocabulary: "a"* took 841 ms, "th"* 574 ms and "the"* 137 ms against 8 ms for the
 * whole word "a" (first 50 matches, tests/bench/scale corpus, shared machine under
 * load), and 13.9 s end to end in browser mode. The answer says so (`prefixSkipped`).
 */
export const MIN_PREFIX_LENGTH = 3;
const isLongEnoughForPrefix = (word: string) => [...fold(word)].length >= MIN_PREFIX_LENGTH;

/**
 * A last word shorter than this expands, as a prefix, to a large share of the
 * vocabulary: ranking every hit with bm25 then dominates a keystroke (830 ms for
 * "a" over five 2 MB articles, against 150 ms to find them unranked; measured with
 * tests/bench/hostileInputs.ts). Such a query returns its first page unranked.
 */
export const MIN_RANKED_PREFIX = 3;
/**
 * Matches counted per article before counting stops: far more than a person
 * reads, and what keeps one keystroke over a 10 MiB article cheap (counting all
 * 2.2 million hits of "a" in one took 1.7 s). Beyond it the count is a lower bound.
 */
export const MAX_COUNTED_MATCHES = 10_000;

/** Articles matching every word, best first, with each match's offsets in the stored text and a snippet around it. */
export function searchArticles(
  db: Db,
  typed: string,
  { articleLimit = 50, matchesPerArticle = 20, rankUpTo = RANKED_HITS_LIMIT }: SearchOptions = {},
): SearchResults {
  const query = toFtsQuery(typed);
  const words = queryWords(typed);
  const prefixSkipped = words.prefix !== '' && !isLongEnoughForPrefix(words.prefix);
  if (prefixSkipped) {
    words.whole.add(words.prefix);
    words.prefix = '';
  }
  // Ranking scores every hit with bm25: skipped for a short last word (MIN_RANKED_PREFIX) and for a query
  // matching more articles than rankUpTo, whose hits are counted one past the limit without scoring them.
  const ranked =
    (prefixSkipped || words.prefix.length >= MIN_RANKED_PREFIX) &&
    (db
      .prepare('SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)')
      .pluck()
      .get(query, rankUpTo + 1) as number) <= rankUpTo;
  const ids = db
    .prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY ${ranked ? 'bm25(articles_fts), rowid' : 'rowid'} LIMIT ?`)
    .pluck()
    .all(query, articleLimit) as number[];
  const read = db.prepare('SELECT id AS articleId, title, outlet, text FROM articles WHERE id = ?');
  const finder = wordFinder(words);
  const articles = ids.map((id) => {
    const { text, ...article } = read.get(id) as { articleId: number; title: string | null; outlet: string | null; text: string };
    const { count, spans } = matchingWords(text, words, finder, matchesPerArticle);
    return {
      ...article,
      matchCount: count,
      ...(count >= MAX_COUNTED_MATCHES ? { moreMatches: true as const } : {}),
      matches: spans.map((span) => ({ ...span, ...snippetAround(text, span.start, span.end) })),
    };
  });
  return { query: typed, ranked, articles, ...(prefixSkipped ? { prefixSkipped: true as const } : {}) };
}

/**
 * Words as the index compares them: the tokenizer is unicode61 with
 * remove_diacritics 2, so case and diacritics are folded away.
 */
const TOKEN_CHAR = /[\p{L}\p{N}\p{M}\p{Co}]/u;
const ASCII = /^[\x00-\x7f]*$/;
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

interface QueryWords {
  whole: Set<string>;
  prefix: string;
}

function queryWords(typed: string): QueryWords {
  const words = (typed.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map(fold);
  return { whole: new Set(words.slice(0, -1)), prefix: words.at(-1) ?? '' };
}

/** Every precomposed character that folds to a given one (é, É, È… for e), for the letters a query can hold. */
let foldedFrom: Map<string, string[]> | null = null;
function variantsOf(ch: string): string[] {
  if (!foldedFrom) {
    foldedFrom = new Map();
    // Latin-1 Supplement to Latin Extended Additional, Greek and Cyrillic: where precomposed letters with diacritics live.
    for (const [from, to] of [
      [0x00c0, 0x024f],
      [0x0370, 0x04ff],
      [0x1e00, 0x1fff],
    ] as const) {
      for (let code = from; code <= to; code++) {
        const original = String.fromCodePoint(code);
        const folded = fold(original);
        if (folded.length === 1 && folded !== original) foldedFrom.set(folded, [...(foldedFrom.get(folded) ?? []), original]);
      }
    }
  }
  return [...new Set([ch, ch.toUpperCase(), ...(foldedFrom.get(ch) ?? [])])];
}

const escapeClass = (ch: string) => ch.replace(/[\\\]\[^-]/g, '\\$&');

/**
 * One regular expression finding every place a query word may start: each
 * folded letter stands for its case and diacritic variants, optionally
 * followed by combining marks. Candidates are confirmed against the fold.
 */
function wordFinder(words: QueryWords): RegExp {
  const pattern = (word: string) => [...word].map((ch) => `[${variantsOf(ch).map(escapeClass).join('')}]\\p{M}*`).join('');
  return new RegExp([...words.whole, words.prefix].filter(Boolean).map(pattern).join('|'), 'gu');
}

/**
 * Every token of the text that is one of the query's words (the last as a
 * prefix), found in one pass of a regular expression over the text: the work
 * grows with the text, not with hits times text, and the offsets are the stored
 * text's own, whatever characters it contains. Counts them all, keeps the first `keep`.
 */
function matchingWords(text: string, words: QueryWords, finder: RegExp, keep: number): { count: number; spans: Array<{ start: number; end: number }> } {
  const spans: Array<{ start: number; end: number }> = [];
  let count = 0;
  finder.lastIndex = 0;
  for (let found = finder.exec(text); found !== null; found = finder.exec(text)) {
    const start = found.index;
    if (start > 0 && isTokenChar(text, start - 1)) continue;
    let end = start + found[0].length;
    while (end < text.length && isTokenChar(text, end)) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
    finder.lastIndex = end;
    const token = text.slice(start, end);
    const folded = ASCII.test(token) ? token.toLowerCase() : fold(token);
    if (!words.whole.has(folded) && (words.prefix === '' || !folded.startsWith(words.prefix))) continue;
    count++;
    if (spans.length < keep) spans.push({ start, end });
    if (count >= MAX_COUNTED_MATCHES) break;
  }
  return { count, spans };
}

function isTokenChar(text: string, at: number): boolean {
  let code = text.charCodeAt(at);
  // The second half of a surrogate pair: look at the whole character.
  if (code >= 0xdc00 && code <= 0xdfff && at > 0) code = text.codePointAt(at - 1)!;
  else code = text.codePointAt(at)!;
  return TOKEN_CHAR.test(String.fromCodePoint(code));
}

function snippetAround(text: string, start: number, end: number): { before: string; match: string; after: string } {
  let from = Math.max(0, start - SNIPPET_CONTEXT);
  if (splitsSurrogatePair(text, from)) from += 1;
  let to = Math.min(text.length, end + SNIPPET_CONTEXT);
  if (splitsSurrogatePair(text, to)) to -= 1;
  return { before: text.slice(from, start), match: text.slice(start, end), after: text.slice(end, to) };
}
