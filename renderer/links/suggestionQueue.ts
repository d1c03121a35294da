import type { Suggestion } from '../../main/contract/contract.ts';

/** A suggestion's identity in the queue: the annotation it was found for and the span found. */
export const suggestionKey = (s: Suggestion): string => `${s.sourceId}:${s.articleId}:${s.start}:${s.end}`;

/** The suggestions found for one annotation (one claim), in queue order. */
export interface QueueGroup {
  sourceId: number;
  suggestions: Suggestion[];
}

export interface ArrangedQueue {
  /**
   * The order to keep next time: every key seen so far in its place, then the new ones as shown. A key
   * missing from this read stays, so suggestions hidden for a moment (while the matcher looks again after
   * a rejection) come back where they were.
   */
  order: string[];
  /** Groups shown, each holding only the suggestions the score filter lets through. */
  groups: QueueGroup[];
  /** How many suggestions the filter lets through, and how many there are. */
  shown: number;
  total: number;
}

/**
 * Lays the queue out by claim and keeps its order steady: suggestions seen
 * before keep their place (so accepting or rejecting one moves nothing but the
 * one decided), new ones come after them, best score first; each annotation's
 * suggestions stay together under it. A span found for two annotations is
 * two suggestions (accepting links it to one of them); main leaves out a span
 * rejected anywhere in a claim group. `minScore` hides, but does not reorder.
 */
export function arrangeQueue(previousOrder: readonly string[], queue: readonly Suggestion[], minScore: number): ArrangedQueue {
  const place = new Map(previousOrder.map((key, i) => [key, i]));
  const known = queue.filter((s) => place.has(suggestionKey(s))).sort((a, b) => place.get(suggestionKey(a))! - place.get(suggestionKey(b))!);
  const fresh = queue.filter((s) => !place.has(suggestionKey(s))).sort((a, b) => b.score - a.score || a.sourceId - b.sourceId || a.start - b.start);
  const groups = new Map<number, Suggestion[]>();
  for (const s of [...known, ...fresh]) {
    const list = groups.get(s.sourceId);
    if (list) list.push(s);
    else groups.set(s.sourceId, [s]);
  }
  const ordered = [...groups].map(([sourceId, suggestions]) => ({ sourceId, suggestions }));
  const filtered = ordered
    .map((g) => ({ sourceId: g.sourceId, suggestions: g.suggestions.filter((s) => s.score >= minScore) }))
    .filter((g) => g.suggestions.length > 0);
  return {
    order: [...previousOrder, ...ordered.flatMap((g) => g.suggestions.map(suggestionKey)).filter((key) => !place.has(key))],
    groups: filtered,
    shown: filtered.reduce((n, g) => n + g.suggestions.length, 0),
    total: queue.length,
  };
}
