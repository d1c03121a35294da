import type { Suggestion, SuggestionCursor, SuggestionPage } from '../contract/contract.ts';
import type { Db } from '../corpus/database.ts';
import { allStoredSuggestions, queuePage } from '../corpus/suggestionStore.ts';
import { matcherFingerprint } from './matcherFingerprint.ts';
import { refreshSuggestions, STORED_PER_SOURCE } from './suggestionRefresh.ts';
import { suggestAll } from './suggestions.ts';
import { matchIndexRebuildProgress } from './termIndex.ts';

/** A page of the stored queue as this matcher computed it: a read, never a matcher run. `visibleTo`: what that analyst may see under blind annotation. */
export function storedQueuePage(db: Db, limit: number, after: SuggestionCursor | null, visibleTo?: string): SuggestionPage {
  return { ...queuePage(db, { matcher: matcherFingerprint(), limit, after, visibleTo }), indexing: matchIndexRebuildProgress(db) };
}

/**
 * Every annotation's suggestions, at most `limit` each: the batch form, for
 * `suggest --all`. It first brings the store up to date (the matcher runs for
 * whatever waits), then reads it; a limit above what is stored per annotation
 * runs the matcher for every annotation, as the store cannot answer it.
 */
export function storedQueue(db: Db, limit: number = STORED_PER_SOURCE): Suggestion[] {
  if (limit > STORED_PER_SOURCE) return suggestAll(db, { limit });
  refreshSuggestions(db);
  return allStoredSuggestions(db, matcherFingerprint(), limit);
}
