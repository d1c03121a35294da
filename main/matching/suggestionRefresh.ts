import type { Db } from '../corpus/database.ts';
import { annotationHorizon, currentEpoch, sourcesToRefresh, storeRefreshResults, waiting, type RefreshResult } from '../corpus/suggestionStore.ts';
import { matcherFingerprint } from './matcherFingerprint.ts';
import { suggestFor } from './suggestions.ts';
import { rebuildMatchIndex } from './termIndex.ts';

/** Suggestions stored for each annotation: the matcher's own default list length, what `suggestions.list` shows. */
export const STORED_PER_SOURCE = 20;

/**
 * Annotations run through the matcher between two writes of the store. Each
 * takes up to ~100 ms at 100,000 articles (bench:suggest), so a batch holds
 * the write lock for milliseconds only and loses at most a few seconds of work
 * when an edit invalidates it.
 */
const BATCH = 8;

export interface RefreshProgress {
  /** Annotations whose results were stored in this call. */
  refreshed: number;
  /** Annotations still hidden until the matcher has looked at them. */
  pending: number;
  /** Annotations shown, to be looked at again for articles imported since. */
  refreshing: number;
  /** The word index is being rebuilt for this matcher version: nothing is refreshed until it is done. */
  indexing?: boolean;
}

/**
 * Runs the matcher for the annotations waiting for it, a batch at a time,
 * until none waits or `budgetMs` has passed (checked between annotations, so
 * one annotation may overrun it). Each batch is stored only where nothing
 * changed while it was computed (suggestionStore.ts). A word index left by
 * another matcher version is rebuilt first, a step at a time in the same
 * budget (termIndex.ts).
 */
export function refreshSuggestions(db: Db, options: { budgetMs?: number } = {}): RefreshProgress {
  const matcher = matcherFingerprint();
  const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  // Results found with the previous version's index would be stored as this matcher's: the index comes first,
  // rebuilt in short steps within the same budget.
  if (!rebuildMatchIndex(db, { budgetMs: options.budgetMs })) return { refreshed: 0, ...waiting(db, matcher), indexing: true };
  let refreshed = 0;
  // An annotation whose result was dropped (changed meanwhile) is tried again, but not in the same call forever.
  const dropped = new Set<number>();
  while (performance.now() < deadline) {
    const batch = sourcesToRefresh(db, matcher, BATCH + dropped.size).filter((s) => !dropped.has(s.annotationId));
    if (batch.length === 0) break;
    const results: RefreshResult[] = [];
    for (const source of batch.slice(0, BATCH)) {
      const epoch = currentEpoch(db);
      const horizon = annotationHorizon(db);
      let suggestions;
      try {
        suggestions = suggestFor(db, source.annotationId, { limit: STORED_PER_SOURCE });
      } catch (error) {
        // Deleted since it was listed: nothing to store, its row went with it.
        if ((error as { code?: unknown }).code === 'not_found') {
          dropped.add(source.annotationId);
          continue;
        }
        throw error;
      }
      results.push({ annotationId: source.annotationId, generation: source.generation, epoch, annotationHorizon: horizon, suggestions });
      if (performance.now() >= deadline) break;
    }
    const stored = new Set(storeRefreshResults(db, matcher, results));
    for (const result of results) if (!stored.has(result.annotationId)) dropped.add(result.annotationId);
    refreshed += stored.size;
  }
  return { refreshed, ...waiting(db, matcher) };
}
