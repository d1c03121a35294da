import type { Suggestion } from '../contract/contract.ts';
import { claimGroupMemberIds, claimGroupOf } from './claimGroups.ts';
import { visibleAnnotationsFilter } from './blindAnnotation.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

/*
 * The stored suggestion queue (migration 014): what the matcher found for each
 * annotation, kept until something it depends on changes. The triggers of the
 * migration hide and drop the rows a change makes stale; this module reads the
 * rows a page at a time, says what still waits for the matcher, and writes a
 * fresh result only if nothing changed while it was computed.
 */

/** Where a page of the queue ends: the next page starts after this row. */
export interface QueueCursor {
  score: number;
  sourceId: number;
  rank: number;
}

export interface QueuePage {
  items: Suggestion[];
  /** The quote of each annotation the page's suggestions were found for. */
  sources: Array<{ id: number; quote: string; articleId: number }>;
  next: QueueCursor | null;
  /** Annotations whose suggestions are hidden until the matcher has looked at them again (new, changed, or computed by another matcher). */
  pending: number;
  /** Annotations whose shown suggestions may be missing a match in an article imported since. */
  refreshing: number;
}

/** An annotation the refresher should look at, with the generation its result must still carry when written. */
export interface SourceToRefresh {
  annotationId: number;
  generation: number;
}

export interface RefreshResult {
  annotationId: number;
  generation: number;
  epoch: number;
  /** The highest annotation id when the matcher started: a newer annotation on a found span makes the result out of date. */
  annotationHorizon: number;
  suggestions: Suggestion[];
}

export function annotationHorizon(db: Db): number {
  return cachedStatement(db, 'SELECT coalesce(max(id), 0) FROM annotations').pluck().get() as number;
}

export function currentEpoch(db: Db): number {
  return cachedStatement(db, 'SELECT epoch FROM suggestion_epoch WHERE id = 1').pluck().get() as number;
}

/**
 * Claim-group changes queued by the triggers: every member of each group
 * touched (before or after the change; a split group's parts are the groups
 * of the removed link's two ends now) is invalidated. Runs inside the caller's
 * transaction or its own; reads the stored groups (migration 019) of the
 * changed annotations only.
 */
export function settleGroupChanges(db: Db): number {
  const changed = cachedStatement(db, 'SELECT annotation_id FROM suggestion_group_changes').pluck().all() as number[];
  if (changed.length === 0) return 0;
  const settle = () => {
    const touched = new Set<number>();
    for (const id of changed) {
      const group = claimGroupOf(db, id);
      if (group !== null) touched.add(group);
    }
    const members = new Set<number>(changed);
    for (const group of touched) for (const id of claimGroupMemberIds(db, group)) members.add(id);
    const invalidate = cachedStatement(db, 'UPDATE suggestion_sources SET stale = 1, generation = generation + 1 WHERE annotation_id = ?');
    for (const id of members) invalidate.run(id);
    cachedStatement(db, 'DELETE FROM suggestion_group_changes').run();
    return members.size;
  };
  return db.inTransaction ? settle() : db.transaction(settle).immediate();
}

const QUEUE_COLUMNS = 'r.body AS body, r.score AS score, r.source_id AS sourceId, r.rank AS rank';
const SHOWN = 'JOIN suggestion_sources s ON s.annotation_id = r.source_id AND s.stale = 0 AND s.matcher = ?';

/**
 * The queue rows `analyst` may see under blind annotation, as an SQL condition
 * on stored_suggestions `r`: a suggestion found for a span they may not see,
 * or pointing at one (its existing annotation), is left out.
 */
function visibleSuggestions(db: Db, analyst: string | undefined): { sql: string; params: string[] } {
  if (analyst === undefined) return { sql: '1', params: [] };
  const source = visibleAnnotationsFilter(db, analyst, 'vs');
  if (source.sql === '1') return source;
  const target = visibleAnnotationsFilter(db, analyst, 'vt');
  return {
    sql: `EXISTS (SELECT 1 FROM annotations vs WHERE vs.id = r.source_id AND ${source.sql})
      AND NOT EXISTS (SELECT 1 FROM annotations vt WHERE vt.id = json_extract(r.body, '$.existingAnnotationId') AND NOT ${target.sql})`,
    params: [...source.params, ...target.params],
  };
}

/**
 * One page of the queue, best score first; ties in the order of the
 * annotation and then the matcher's own rank, so a page boundary never
 * moves while the rows stay. Only rows computed by `matcher` for an
 * annotation unchanged since are read; with `visibleTo`, only the rows that
 * analyst may see under blind annotation.
 */
export function queuePage(db: Db, options: { matcher: string; limit: number; after?: QueueCursor | null; visibleTo?: string }): QueuePage {
  settleGroupChanges(db);
  const { matcher, limit, after } = options;
  const visible = visibleSuggestions(db, options.visibleTo);
  const rows = (
    after
      ? cachedStatement(
          db,
          `SELECT ${QUEUE_COLUMNS} FROM stored_suggestions r ${SHOWN}
           WHERE r.score <= ? AND (r.score < ? OR r.source_id > ? OR (r.source_id = ? AND r.rank > ?)) AND ${visible.sql}
           ORDER BY r.score DESC, r.source_id, r.rank LIMIT ?`,
        ).all(matcher, after.score, after.score, after.sourceId, after.sourceId, after.rank, ...visible.params, limit + 1)
      : cachedStatement(
          db,
          `SELECT ${QUEUE_COLUMNS} FROM stored_suggestions r ${SHOWN} WHERE ${visible.sql} ORDER BY r.score DESC, r.source_id, r.rank LIMIT ?`,
        ).all(matcher, ...visible.params, limit + 1)
  ) as Array<{ body: string; score: number; sourceId: number; rank: number }>;
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const source = cachedStatement(db, 'SELECT id, quote, article_id AS articleId FROM annotations WHERE id = ?');
  return {
    items: shown.map((row) => JSON.parse(row.body) as Suggestion),
    sources: [...new Set(shown.map((row) => row.sourceId))].map((id) => source.get(id) as { id: number; quote: string; articleId: number }),
    next: rows.length > limit && last ? { score: last.score, sourceId: last.sourceId, rank: last.rank } : null,
    ...waiting(db, matcher),
  };
}

/** Every shown suggestion, at most `perSource` for each annotation, annotation by annotation in reading order: the batch form (`suggest --all`). */
export function allStoredSuggestions(db: Db, matcher: string, perSource: number): Suggestion[] {
  settleGroupChanges(db);
  const rows = db
    .prepare(
      `SELECT ${QUEUE_COLUMNS} FROM stored_suggestions r ${SHOWN} JOIN annotations a ON a.id = r.source_id
       WHERE r.rank < ? ORDER BY a.article_id, a.start, a."end", a.id, r.rank`,
    )
    .all(matcher, perSource) as Array<{ body: string }>;
  return rows.map((row) => JSON.parse(row.body) as Suggestion);
}

/** How many annotations wait for the matcher: hidden ones (`pending`), and shown ones it should look at again (`refreshing`). */
export function waiting(db: Db, matcher: string): { pending: number; refreshing: number } {
  return cachedStatement(
    db,
    `SELECT coalesce(sum(stale = 1 OR matcher IS NOT @matcher), 0) AS pending,
            coalesce(sum(stale = 0 AND matcher IS @matcher AND epoch < @epoch), 0) AS refreshing
     FROM suggestion_sources`,
  ).get({ matcher, epoch: currentEpoch(db) }) as { pending: number; refreshing: number };
}

/** The next annotations to run the matcher for: hidden ones first (stale, then another matcher's), then those behind on new articles, oldest first. */
export function sourcesToRefresh(db: Db, matcher: string, count: number): SourceToRefresh[] {
  settleGroupChanges(db);
  return cachedStatement(
    db,
    `SELECT annotation_id AS annotationId, generation FROM suggestion_sources
     WHERE stale = 1 OR matcher IS NOT @matcher OR epoch < @epoch
     ORDER BY stale DESC, matcher IS NOT @matcher DESC, epoch, annotation_id LIMIT @count`,
  ).all({ matcher, epoch: currentEpoch(db), count }) as SourceToRefresh[];
}

/**
 * Stores the matcher's results, in one transaction. A result whose
 * annotation changed while it was computed (its generation moved on; group
 * changes are settled first, so a new link elsewhere in its group counts) is
 * dropped: that annotation stays waiting. So is one where an annotation
 * appeared on a found span, or the annotation it names went, meanwhile.
 * Spans in articles deleted or superseded meanwhile are left out. Returns
 * the annotations whose results were stored.
 */
export function storeRefreshResults(db: Db, matcher: string, results: readonly RefreshResult[]): number[] {
  return db
    .transaction(() => {
      settleGroupChanges(db);
      const current = cachedStatement(db, 'SELECT generation FROM suggestion_sources WHERE annotation_id = ?').pluck();
      const clear = cachedStatement(db, 'DELETE FROM stored_suggestions WHERE source_id = ?');
      const insert = cachedStatement(
        db,
        'INSERT INTO stored_suggestions (source_id, article_id, start, "end", score, rank, body) VALUES (@sourceId, @articleId, @start, @end, @score, @rank, @body)',
      );
      const mark = cachedStatement(db, 'UPDATE suggestion_sources SET stale = 0, matcher = ?, epoch = ? WHERE annotation_id = ?');
      const live = cachedStatement(
        db,
        'SELECT 1 FROM articles a WHERE a.id = ? AND NOT EXISTS (SELECT 1 FROM article_supersessions WHERE old_id = a.id)',
      ).pluck();
      const newerOnSpan = cachedStatement(db, 'SELECT 1 FROM annotations WHERE article_id = ? AND start < ? AND "end" > ? AND id > ? LIMIT 1').pluck();
      const exists = cachedStatement(db, 'SELECT 1 FROM annotations WHERE id = ?').pluck();
      const stored: number[] = [];
      for (const result of results) {
        if (current.get(result.annotationId) !== result.generation) continue;
        const outOfDate = result.suggestions.some(
          (s) =>
            newerOnSpan.get(s.articleId, s.end, s.start, result.annotationHorizon) !== undefined ||
            (s.existingAnnotationId !== null && exists.get(s.existingAnnotationId) === undefined),
        );
        if (outOfDate) continue;
        clear.run(result.annotationId);
        result.suggestions.forEach((s, rank) => {
          if (live.get(s.articleId) === undefined) return;
          insert.run({ sourceId: result.annotationId, articleId: s.articleId, start: s.start, end: s.end, score: s.score, rank, body: JSON.stringify(s) });
        });
        mark.run(matcher, result.epoch, result.annotationId);
        stored.push(result.annotationId);
      }
      return stored;
    })
    .immediate();
}

/**
 * The shown suggestions of some annotations that fall in some articles, best
 * first: what the matrix lays over its empty cells. Reads the store only (the
 * index on each source's rows), never runs the matcher.
 */
export function shownSuggestionsIn(db: Db, matcher: string, sourceIds: readonly number[], articleIds: readonly number[]): Suggestion[] {
  if (sourceIds.length === 0 || articleIds.length === 0) return [];
  settleGroupChanges(db);
  const rows = cachedStatement(
    db,
    `SELECT r.body AS body FROM stored_suggestions r ${SHOWN}
     WHERE r.source_id IN (SELECT value FROM json_each(?)) AND r.article_id IN (SELECT value FROM json_each(?))
     ORDER BY r.score DESC, r.source_id, r.rank`,
  ).all(matcher, JSON.stringify([...new Set(sourceIds)]), JSON.stringify([...new Set(articleIds)])) as Array<{ body: string }>;
  return rows.map((row) => JSON.parse(row.body) as Suggestion);
}
