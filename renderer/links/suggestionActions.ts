import type { Suggestion } from '../../main/api/contract.ts';
import type { Client } from '../api/client.ts';

/** Accepting makes the span an annotation linked to the one it was found for; every view accepts the same way. */
export const acceptSuggestion = (client: Client, s: Suggestion) =>
  client.call('suggestions.accept', { annotationId: s.sourceId, articleId: s.articleId, start: s.start, end: s.end, score: s.score });

export const rejectSuggestion = (client: Client, s: Suggestion) =>
  client.call('suggestions.reject', { annotationId: s.sourceId, articleId: s.articleId, start: s.start, end: s.end });
