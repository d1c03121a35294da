import type { SearchResults } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
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
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

// Markers FTS5 wraps around each matched token; chosen per article from characters its text lacks.
const MARKER_PAIRS = [['\u0001', '\u0002'], ['\uE000', '\uE001'], ['\uFDD0', '\uFDD1']] as const;

/** Articles matching every word, best first, with each match's offsets in the stored text and a snippet around it. */
export function searchArticles(db: Db, typed: string, { articleLimit = 50, matchesPerArticle = 20, rankUpTo = RANKED_HITS_LIMIT }: SearchOptions = {}): SearchResults {
  const query = toFtsQuery(typed);
  // Counting stops one past the limit: FTS5 walks the doclist without scoring it.
  const counted = db.prepare('SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT ?)').pluck().get(query, rankUpTo + 1) as number;
  const ranked = counted <= rankUpTo;
  const hits = db
    .prepare(
      `SELECT a.id AS articleId, a.title, a.outlet, a.text FROM articles_fts f JOIN articles a ON a.id = f.rowid
       WHERE articles_fts MATCH ? ${ranked ? 'ORDER BY bm25(articles_fts), a.id' : ''} LIMIT ?`,
    )
    .all(query, articleLimit) as Array<{ articleId: number; title: string | null; outlet: string | null; text: string }>;
  const highlight = db.prepare('SELECT highlight(articles_fts, 1, ?, ?) FROM articles_fts WHERE rowid = ? AND articles_fts MATCH ?').pluck();
  return {
    query: typed,
    ranked,
    articles: hits.map(({ text, ...article }) => {
      const [open, close] = MARKER_PAIRS.find(([o, c]) => !text.includes(o) && !text.includes(c)) ?? MARKER_PAIRS[0];
      // Bound as BigInt: with a plain number the FTS5 rowid constraint is not applied (seen with SQLite 3.54).
      const marked = highlight.get(open, close, BigInt(article.articleId), query) as string;
      const spans = markedSpans(marked, open, close);
      return {
        ...article,
        matchCount: spans.length,
        matches: spans.slice(0, matchesPerArticle).map((span) => ({ ...span, ...snippetAround(text, span.start, span.end) })),
      };
    }),
  };
}

/** Offsets in the unmarked text of every stretch between an open and a close marker. */
function markedSpans(marked: string, open: string, close: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let offset = 0;
  let start = -1;
  for (const ch of marked) {
    if (ch === open) start = offset;
    else if (ch === close) spans.push({ start, end: offset });
    else offset += ch.length;
  }
  return spans;
}

function snippetAround(text: string, start: number, end: number): { before: string; match: string; after: string } {
  let from = Math.max(0, start - SNIPPET_CONTEXT);
  if (splitsSurrogatePair(text, from)) from += 1;
  let to = Math.min(text.length, end + SNIPPET_CONTEXT);
  if (splitsSurrogatePair(text, to)) to -= 1;
  return { before: text.slice(from, start), match: text.slice(start, end), after: text.slice(end, to) };
}
