import type { Input, LinkType, Suggestion } from '../../main/contract/contract.ts';

/**
 * Accepting makes the span an annotation linked to the one it was found for,
 * with the link type chosen in the pin bar when it is one that groups
 * reports of a claim (same-claim, paraphrase); every view accepts the same way.
 */
export const acceptInput = (s: Suggestion, linkType?: LinkType): Input<'suggestions.accept'> => ({
  annotationId: s.sourceId,
  articleId: s.articleId,
  start: s.start,
  end: s.end,
  score: s.score,
  ...(linkType === 'same-claim' || linkType === 'paraphrase' ? { type: linkType } : {}),
});

export const rejectInput = (s: Suggestion): Input<'suggestions.reject'> => ({ annotationId: s.sourceId, articleId: s.articleId, start: s.start, end: s.end });
