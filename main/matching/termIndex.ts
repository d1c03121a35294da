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

/** Bump when tokenize() or wordKey() change what an article's keys are: the index is then rebuilt in the background (rebuildMatchIndexStep). */
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
 * lags the corpus. An index that is stale anyway is left to the rebuild
 * (rebuildMatchIndexStep), which indexes articles stored after its cursor at
 * the swap, except in an empty corpus, which this article makes current.
 */
export function indexNewArticle(db: Db, articleId: number, text: string): void {
  if (indexVersion(db) !== MATCH_INDEX_VERSION) {
    const others = db.prepare('SELECT 1 FROM articles WHERE id <> ? LIMIT 1').get(articleId);
    // Article ids are never reused (AUTOINCREMENT), so a rebuild under way meets this one after its cursor.
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

/** Whether the word index was built by this matcher version; while it is not, retrieval uses the index as it is. */
export const matchIndexCurrent = (db: Db): boolean => indexVersion(db) === MATCH_INDEX_VERSION;

/**
 * A rebuild in progress, kept in meta so a killed process resumes it: the
 * version being built, and the last article already in match_terms_next
 * ('clearing' first empties what an earlier rebuild left there).
 */
interface RebuildState {
  version: string;
  phase: 'clearing' | 'building';
  cursor: number;
}
const REBUILD_KEY = 'match_index_rebuild';
const rebuildState = (db: Db): RebuildState | null => {
  const row = cachedStatement(db, 'SELECT value AS state FROM meta WHERE key = ?').get(REBUILD_KEY) as { state: string } | undefined;
  return row === undefined ? null : (JSON.parse(row.state) as RebuildState);
};
const saveRebuildState = (db: Db, state: RebuildState) =>
  cachedStatement(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(REBUILD_KEY, JSON.stringify(state));

/**
 * Articles read per step of the rebuild, at most. Their words are gathered
 * before the write transaction opens, so the lock is held only to insert
 * them. bench:reindex (10,000 generated articles of ~1,100 characters, load
 * average 3–7 on 2 cores): 200 articles held the lock 127 ms at p95; 100
 * (with CLEAR_ROWS 5,000) hold it 55 ms at p95, 177 ms at most.
 */
const SLICE_ARTICLES = 100;
/** Old postings removed per transaction when the replaced index is emptied: 20,000 held the lock up to 443 ms in the same run. */
const CLEAR_ROWS = 5_000;

export interface RebuildProgress {
  /** The index matches this matcher version (postings of the replaced one may still be being cleared). */
  current: boolean;
  /** Nothing is left to do: current, and the replaced index emptied. */
  done: boolean;
}

/**
 * One step of rebuilding the word index beside the live one, in a short
 * write transaction: empty match_terms_next, then index a slice of articles
 * into it (cursor in meta), then swap the two tables (indexing any article
 * stored after the cursor) and finally empty the replaced index. Retrieval
 * reads the old index until the swap. `budgetMs` bounds how long a slice
 * spends reading articles (at least one is read).
 */
export function rebuildMatchIndexStep(db: Db, budgetMs = Number.POSITIVE_INFINITY): RebuildProgress {
  const state = rebuildState(db);
  if (!state || state.version !== MATCH_INDEX_VERSION) {
    if (!state && matchIndexCurrent(db)) {
      if (!cachedStatement(db, 'SELECT 1 FROM match_terms_next LIMIT 1').get()) return { current: true, done: true };
      const left = db.transaction(() => clearShadow(db)).immediate();
      return { current: true, done: !left };
    }
    db.transaction(() => saveRebuildState(db, { version: MATCH_INDEX_VERSION, phase: 'clearing', cursor: 0 })).immediate();
    return { current: false, done: false };
  }
  if (state.phase === 'clearing') {
    db.transaction(() => {
      if (!clearShadow(db)) saveRebuildState(db, { ...state, phase: 'building' });
    }).immediate();
    return { current: false, done: false };
  }
  // Read and split outside the write transaction: only the inserts hold the lock.
  const deadline = performance.now() + budgetMs;
  const slice: Array<{ id: number; terms: string[] }> = [];
  for (const { id, text } of cachedStatement(db, 'SELECT id, text FROM articles WHERE id > ? ORDER BY id LIMIT ?').iterate(
    state.cursor,
    SLICE_ARTICLES,
  ) as Iterable<{
    id: number;
    text: string;
  }>) {
    slice.push({ id, terms: articleTerms(tokenize(text, 0, false)) });
    if (performance.now() >= deadline) break;
  }
  if (slice.length === 0) {
    db.transaction(() => swapIn(db, state)).immediate();
    return { current: matchIndexCurrent(db), done: false };
  }
  db.transaction(() => {
    // Another connection may have taken this slice meanwhile; then this one is dropped.
    const now = rebuildState(db);
    if (!now || now.version !== state.version || now.phase !== 'building' || now.cursor !== state.cursor) return;
    // An article deleted since it was read is not indexed: its deletion already cleared match_terms_next.
    const exists = cachedStatement(db, 'SELECT 1 FROM articles WHERE id = ?').pluck();
    writeShadowPostings(
      db,
      slice.filter(({ id }) => exists.get(id)),
    );
    saveRebuildState(db, { ...state, cursor: slice.at(-1)!.id });
  }).immediate();
  return { current: false, done: false };
}

/**
 * How far a rebuild of the word index has got, for the app to say why
 * suggestions wait: articles indexed so far of all articles, or null when the
 * index is current (emptying the replaced index afterwards hides nothing).
 */
export function matchIndexRebuildProgress(db: Db): { indexed: number; articles: number } | null {
  if (matchIndexCurrent(db)) return null;
  const articles = cachedStatement(db, 'SELECT count(*) FROM articles').pluck().get() as number;
  const state = rebuildState(db);
  const building = state?.version === MATCH_INDEX_VERSION && state.phase === 'building';
  const indexed = building ? (cachedStatement(db, 'SELECT count(*) FROM articles WHERE id <= ?').pluck().get(state.cursor) as number) : 0;
  return { indexed, articles };
}

/** Rebuild steps until the index is current or `budgetMs` has passed (checked between steps); whether it is current. */
export function rebuildMatchIndex(db: Db, options: { budgetMs?: number } = {}): boolean {
  const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  let progress = rebuildMatchIndexStep(db, deadline - performance.now());
  while (!progress.done && performance.now() < deadline) progress = rebuildMatchIndexStep(db, deadline - performance.now());
  return progress.current;
}

/** Re-indexes every article when the index was built by another matcher version (or never), to the end. For the CLI and benchmarks. */
export function ensureMatchIndex(db: Db): void {
  rebuildMatchIndex(db);
}

/** Removes up to CLEAR_ROWS postings from match_terms_next; whether any were left. Inside the caller's transaction. */
function clearShadow(db: Db): boolean {
  const removed = cachedStatement(db, 'DELETE FROM match_terms_next WHERE (term, article_id) IN (SELECT term, article_id FROM match_terms_next LIMIT ?)').run(
    CLEAR_ROWS,
  ).changes;
  return removed === CLEAR_ROWS;
}

/**
 * Postings gathered per term and written in key order: appending to the
 * B-tree is many times faster than inserting article by article, which
 * touches a random page per word.
 */
function writeShadowPostings(db: Db, articles: ReadonlyArray<{ id: number; terms: readonly string[] }>): void {
  const postings = new Map<string, number[]>();
  for (const { id, terms } of articles)
    for (const term of terms) {
      const list = postings.get(term);
      if (list) list.push(id);
      else postings.set(term, [id]);
    }
  const insert = cachedStatement(db, 'INSERT OR IGNORE INTO match_terms_next (term, article_id) VALUES (?, ?)');
  for (const term of [...postings.keys()].sort(byBinary)) for (const id of postings.get(term)!) insert.run(term, id);
}

/**
 * The rebuilt index becomes match_terms by renaming (the replaced one becomes
 * match_terms_next, emptied in later steps). Articles stored after the cursor
 * were not indexed by the stale index's hook, so they are indexed here: only
 * those of the last moments, as the cursor had reached the end just before.
 */
function swapIn(db: Db, state: RebuildState): void {
  const now = rebuildState(db);
  if (!now || now.version !== state.version || now.phase !== 'building') return;
  const late = db.prepare('SELECT id, text FROM articles WHERE id > ? ORDER BY id').all(now.cursor) as Array<{ id: number; text: string }>;
  writeShadowPostings(
    db,
    late.map(({ id, text }) => ({ id, terms: articleTerms(tokenize(text, 0, false)) })),
  );
  db.exec(
    'ALTER TABLE match_terms RENAME TO match_terms_replaced; ALTER TABLE match_terms_next RENAME TO match_terms; ALTER TABLE match_terms_replaced RENAME TO match_terms_next;',
  );
  db.prepare('DELETE FROM meta WHERE key = ?').run(REBUILD_KEY);
  markIndexCurrent(db);
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
