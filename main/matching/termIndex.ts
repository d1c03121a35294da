import type { Db } from '../corpus/database.ts';
import { tokenize, type Token } from './tokens.ts';
import { cachedStatement } from '../corpus/statements.ts';
import { whenArticleStored } from '../corpus/articleStoredHooks.ts';

/**
 * The word index behind "find this claim elsewhere": for each article, the
 * set of its content-word keys (stems, see wordForms.ts).
 * Retrieval looks up a quote's rarer keys and ranks articles by the weight of
 * keys they share; only those articles are aligned word by word.
 */

/** Bump when tokenize() or wordKey() change what an article's keys are: the index is then rebuilt on first use. */
export const MATCH_INDEX_VERSION = '2';
const VERSION_KEY = 'match_index_version';

const indexVersion = (db: Db) => (cachedStatement(db, 'SELECT value FROM meta WHERE key = ?').get(VERSION_KEY) as { value: string } | undefined)?.value ?? null;
const markIndexCurrent = (db: Db) => db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(VERSION_KEY, MATCH_INDEX_VERSION);

/** SQLite's order for TEXT (BINARY collation compares UTF-8 bytes, which UTF-16 code units order alike outside surrogates). */
const byBinary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function articleTerms(tokens: readonly Token[]): string[] {
  return [...new Set(tokens.filter((t) => t.content).map((t) => t.key))];
}

/**
 * Called inside the transaction that stores an article, so the index never
 * lags the corpus. An index that is stale anyway is left for ensureMatchIndex
 * to rebuild whole, except in an empty corpus, which this article makes current.
 */
export function indexNewArticle(db: Db, articleId: number, text: string): void {
  if (indexVersion(db) !== MATCH_INDEX_VERSION) {
    const others = db.prepare('SELECT 1 FROM articles WHERE id <> ? LIMIT 1').get(articleId);
    if (others) return;
    markIndexCurrent(db);
  }
  indexArticleTerms(db, articleId, text);
}

// Loading the matcher is what keeps its index: every article stored from now on is indexed in its own transaction.
whenArticleStored(indexNewArticle);

function indexArticleTerms(db: Db, articleId: number, text: string): void {
  const insert = cachedStatement(db, 'INSERT OR IGNORE INTO match_terms (term, article_id) VALUES (?, ?)');
  for (const term of articleTerms(tokenize(text, 0, false))) insert.run(term, articleId);
}

/** Re-indexes every article when the index was built by another matcher version (or never). */
export function ensureMatchIndex(db: Db): void {
  if (indexVersion(db) === MATCH_INDEX_VERSION) return;
  db.transaction(() => {
    db.prepare('DELETE FROM match_terms').run();
    // Postings are gathered per term and written in key order: appending to the B-tree is many
    // times faster than inserting article by article, which touches a random page per word.
    const postings = new Map<string, number[]>();
    const page = db.prepare('SELECT id, text FROM articles WHERE id > ? ORDER BY id LIMIT 500');
    for (let after = 0, rows = page.all(after) as Array<{ id: number; text: string }>; rows.length > 0; rows = page.all(after) as typeof rows) {
      for (const { id, text } of rows) {
        for (const term of articleTerms(tokenize(text, 0, false))) {
          const list = postings.get(term);
          if (list) list.push(id);
          else postings.set(term, [id]);
        }
      }
      after = rows.at(-1)!.id;
    }
    const insert = db.prepare('INSERT INTO match_terms (term, article_id) VALUES (?, ?)');
    for (const term of [...postings.keys()].sort(byBinary)) for (const id of postings.get(term)!) insert.run(term, id);
    markIndexCurrent(db);
  }).immediate();
}

export interface TermStatistics {
  articles: number;
  /** Articles holding each key, counted up to `cap` (anything above is "everywhere"). */
  frequency: Map<string, number>;
  cap: number;
}

export function termStatistics(db: Db, keys: Iterable<string>): TermStatistics {
  const articles = (cachedStatement(db, 'SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  // Counting stops at the cap, so a word found in every article costs a bounded range scan.
  const cap = Math.max(50, Math.ceil(articles * 0.05));
  const count = cachedStatement(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM match_terms WHERE term = ? LIMIT ?)');
  const frequency = new Map<string, number>();
  for (const key of new Set(keys)) frequency.set(key, (count.get(key, cap + 1) as { n: number }).n);
  return { articles, frequency, cap };
}

/** Weight of a content word in [0.3, 1]: rare words decide matches, words every article has barely count. */
export function rarityWeight(stats: TermStatistics, key: string): number {
  const n = Math.max(stats.articles, 1);
  const df = Math.min(Math.max(stats.frequency.get(key) ?? 1, 1), n);
  return Math.max(0.3, Math.log(1 + n / df) / Math.log(1 + n));
}

export interface CandidateArticle {
  articleId: number;
  score: number;
  /** The quote's retrieving keys this article holds. */
  sharedKeys: string[];
}

/** Whether a key is rare enough to retrieve articles: in some articles, and not in more than the cap. */
export const retrieves = (stats: TermStatistics, key: string) => {
  const df = stats.frequency.get(key) ?? 0;
  return df > 0 && df <= stats.cap;
};

/**
 * Articles sharing the most (rarity-weighted) keys with the quote. Keys that
 * are in more than `cap` articles retrieve nothing on their own: they are the
 * statistical stopwords of this corpus. Needs at least two shared keys (one
 * for a one-word quote).
 */
export function candidateArticles(
  db: Db,
  quote: readonly Token[],
  stats: TermStatistics,
  limit = 40,
  expansions: ReadonlyMap<string, number> = new Map(),
): CandidateArticle[] {
  const keys = articleTerms(quote);
  const postings = cachedStatement(db, 'SELECT article_id AS id FROM match_terms WHERE term = ?').pluck();
  const scores = new Map<number, { score: number; keys: string[] }>();
  const weighted = [...keys.map((k) => [k, 1] as const), ...[...expansions].filter(([k]) => !keys.includes(k))];
  for (const [key, share] of weighted.filter(([k]) => retrieves(stats, k))) {
    const w = rarityWeight(stats, key) * share;
    for (const id of postings.all(key) as number[]) {
      const entry = scores.get(id) ?? { score: 0, keys: [] };
      entry.score += w;
      entry.keys.push(key);
      scores.set(id, entry);
    }
  }
  const needed = Math.min(2, keys.length);
  return [...scores]
    .filter(([, s]) => s.keys.length >= needed)
    .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
    .slice(0, limit)
    .map(([articleId, s]) => ({ articleId, score: s.score, sharedKeys: s.keys }));
}
