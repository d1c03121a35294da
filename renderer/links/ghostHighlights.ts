import type { Suggestion, Tag } from '../../main/api/contract.ts';
import { paragraphAt, type ParagraphElement } from '../reading/articleDocument.ts';

/** A suggestion shown over the reading pane before it is accepted, in offsets local to one paragraph. */
export interface GhostHighlight {
  /** The annotation the span was found for. */
  annotationId: number;
  tag: Tag;
  start: number;
  end: number;
  ghost: true;
  /** Index into the suggestions given, to accept or reject the right one. */
  suggestion: number;
}

/** Ghost highlights per paragraph of one article, from the suggestions that fall in it. */
export function ghostHighlights(paragraphs: readonly ParagraphElement[], articleId: number, suggestions: readonly Suggestion[], tagOf: (annotationId: number) => Tag): Map<number, GhostHighlight[]> {
  const index = new Map<number, GhostHighlight[]>();
  suggestions.forEach((suggestion, i) => {
    if (suggestion.articleId !== articleId || paragraphs.length === 0) return;
    const first = paragraphAt(paragraphs, suggestion.start);
    const last = paragraphAt(paragraphs, Math.max(suggestion.start, suggestion.end - 1));
    for (let p = first; p <= last; p++) {
      const paragraph = paragraphs[p]!;
      const start = Math.max(suggestion.start - paragraph.start, 0);
      const end = Math.min(suggestion.end - paragraph.start, paragraph.children[0].text.length);
      if (end <= start) continue;
      index.set(p, [...(index.get(p) ?? []), { annotationId: suggestion.sourceId, tag: tagOf(suggestion.sourceId), start, end, ghost: true, suggestion: i }]);
    }
  });
  return index;
}
