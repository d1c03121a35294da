import type { Db } from '../corpus/database.ts';
import { cachedStatement } from '../corpus/statements.ts';
import { batchShingler, REUSE_METHOD, reuseBetween, type Reuse, type SharedPassage, type Shingler } from './textReuse.ts';

/*
 * Text reuse between the reports of a claim group, read from the store of
 * migration 024 (`text_reuse_pairs`, by the two texts' sha256) and worked out
 * only for pairs it lacks. A stored pair is a pure function of the two texts,
 * so it never goes out of date; what a group's origins are made of (its
 * members, their articles, cites links, attributions) is still read live.
 */

/** A report as reuse needs it: its article and the sha256 of its text. */
export interface ReuseReport {
  articleId: number;
  sha256: string;
}

interface StoredReuse {
  passages: SharedPassage[];
  sharedWords: number;
  coverage: number;
}

interface PairRow {
  first: string;
  second: string;
  method: string;
  reuse: string | null;
}

const pairKey = (first: string, second: string) => `${first} ${second}`;

/** Passages in the order the comparison gives them: by start in the first text, then in the second. */
const inOrder = (passages: SharedPassage[]) => passages.sort((x, y) => x.aStart - y.aStart || x.bStart - y.bStart);

const flipped = (passages: readonly SharedPassage[]): SharedPassage[] =>
  inOrder(passages.map((p) => ({ aStart: p.bStart, aEnd: p.bEnd, bStart: p.aStart, bEnd: p.aEnd, words: p.words })));

/** Whether this connection may write: a reader opened `query_only` works a missing pair out without storing it. */
function mayWrite(db: Db): boolean {
  return !db.readonly && db.pragma('query_only', { simple: true }) === 0;
}

/**
 * Every pair of `reports` that reuses text, earlier report first (`a` is the
 * report that comes first in the list), as `findReuse` over their texts gives
 * it. Pairs the store lacks are compared (texts read by `textOf`, shingled by
 * `shingled`, the recently shingled texts by default) and stored when this
 * connection may write.
 */
export function reuseAmong(db: Db, reports: readonly ReuseReport[], textOf: (articleId: number) => string, shingled?: Shingler): Reuse[] {
  const shas = JSON.stringify(reports.map((r) => r.sha256));
  const stored = new Map(
    (
      cachedStatement(
        db,
        `SELECT first_sha AS first, second_sha AS second, method, reuse FROM text_reuse_pairs
           WHERE first_sha IN (SELECT value FROM json_each(?)) AND second_sha IN (SELECT value FROM json_each(?))`,
      ).all(shas, shas) as PairRow[]
    ).map((row) => [pairKey(row.first, row.second), row]),
  );
  const fresh: Array<{ first: string; second: string; reuse: string | null }> = [];
  const result: Reuse[] = [];
  for (let i = 0; i < reports.length; i++) {
    for (let j = i + 1; j < reports.length; j++) {
      const [a, b] = [reports[i]!, reports[j]!];
      if (a.sha256 === b.sha256) {
        // One text twice (never two articles; a report listed twice): nothing to store under one sha256.
        const live = reuseBetween({ id: a.articleId, text: textOf(a.articleId) }, { id: b.articleId, text: textOf(b.articleId) }, shingled);
        if (live) result.push(live);
        continue;
      }
      // Stored oriented from the text whose sha256 sorts first; read in the order asked for.
      const aFirst = a.sha256 < b.sha256;
      const [first, second] = aFirst ? [a.sha256, b.sha256] : [b.sha256, a.sha256];
      const row = stored.get(pairKey(first, second));
      if (row && row.method === REUSE_METHOD) {
        if (row.reuse === null) continue;
        const found = JSON.parse(row.reuse) as StoredReuse;
        const passages = aFirst ? inOrder(found.passages) : flipped(found.passages);
        result.push({ a: a.articleId, b: b.articleId, passages, sharedWords: found.sharedWords, coverage: found.coverage });
        continue;
      }
      // Not stored: compared as findReuse compares them (earlier report first), and stored the other way round if need be.
      const live = reuseBetween({ id: a.articleId, text: textOf(a.articleId) }, { id: b.articleId, text: textOf(b.articleId) }, shingled);
      const kept: StoredReuse | null = live && {
        passages: aFirst ? live.passages : flipped(live.passages),
        sharedWords: live.sharedWords,
        coverage: live.coverage,
      };
      fresh.push({ first, second, reuse: kept && JSON.stringify(kept) });
      if (live) result.push(live);
    }
  }
  if (fresh.length > 0 && mayWrite(db)) {
    const store = cachedStatement(db, 'INSERT OR REPLACE INTO text_reuse_pairs (first_sha, second_sha, method, reuse) VALUES (?, ?, ?, ?)');
    const write = () => {
      for (const pair of fresh) store.run(pair.first, pair.second, REUSE_METHOD, pair.reuse);
    };
    if (db.inTransaction) write();
    else db.transaction(write).immediate();
  }
  return result;
}

/** The reports of a group as stored: each article with a member, once. */
function groupReports(db: Db, groupId: number): ReuseReport[] {
  return cachedStatement(
    db,
    `SELECT DISTINCT ar.id AS articleId, ar.sha256 FROM claim_group_members m JOIN annotations a ON a.id = m.annotation_id
       JOIN articles ar ON ar.id = a.article_id WHERE m.group_id = ? ORDER BY ar.id`,
  ).all(groupId) as ReuseReport[];
}

const textOfArticle = (db: Db) => (articleId: number) => cachedStatement(db, 'SELECT text FROM articles WHERE id = ?').pluck().get(articleId) as string;

/** Groups whose pairs may not all be stored yet (migration 024's triggers name them). */
export function pendingOriginGroups(db: Db): number {
  return cachedStatement(db, 'SELECT count(*) FROM claim_origin_pending').pluck().get() as number;
}

/**
 * Stores the text reuse among the reports of the groups that wait for it
 * (`claim_origin_pending`), one group a transaction, until none waits or
 * `budgetMs` has passed (checked between groups). Run by the background
 * refresher, so the matrix's first view of a group finds its pairs stored.
 * Returns how many groups it settled and how many still wait.
 */
export function storePendingOrigins(db: Db, options: { budgetMs?: number } = {}): { settled: number; pending: number } {
  const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  const next = cachedStatement(db, 'SELECT group_id FROM claim_origin_pending ORDER BY group_id LIMIT 1').pluck();
  const done = cachedStatement(db, 'DELETE FROM claim_origin_pending WHERE group_id = ?');
  const textOf = textOfArticle(db);
  let settled = 0;
  while (performance.now() < deadline) {
    const groupId = next.get() as number | undefined;
    if (groupId === undefined) break;
    db.transaction(() => {
      // A group renamed or split since it was queued has no rows under this name: nothing to compare.
      reuseAmong(db, groupReports(db, groupId), textOf, batchShingler());
      done.run(groupId);
    }).immediate();
    settled++;
  }
  return { settled, pending: pendingOriginGroups(db) };
}
