import type { Annotation } from '../contract/contract.ts';
import type { StepSummary } from './change.ts';

/**
 * The summary an undo button shows for a step about one annotation. Its own module because
 * both annotations.ts and links.ts (which annotations.ts reads) name their steps with it.
 */
export const annotationSummary = (a: Pick<Annotation, 'id' | 'articleId' | 'quote'>): StepSummary => ({
  annotationId: a.id,
  articleId: a.articleId,
  quote: a.quote,
});
