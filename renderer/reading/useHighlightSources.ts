import { useMemo } from 'react';
import type { Annotation, Suggestion } from '../../main/contract/contract.ts';
import type { Span } from '../annotations/spanBoundaries.ts';
import type { ParagraphElement } from './articleDocument.ts';
import { indexByParagraph, suggestionMark, type MarkKey, type ParagraphHighlights } from './decorations.ts';
import { useAnnotationIndex } from './useAnnotationIndex.ts';

const NO_HIGHLIGHTS: ParagraphHighlights = new Map();

export interface HighlightInputs {
  paragraphs: ParagraphElement[];
  articleId: number | null;
  annotations: readonly Annotation[] | undefined;
  selected: Annotation | null;
  /** A span being stored, painted at once in its tag's colours. */
  pending: (Span & { tag: string }) | null;
  /** A span flashed after a jump (search hit, followed link). */
  flash: Span | null;
  /** Suggestions shown as ghosts: spans found elsewhere for the pinned annotation. */
  suggestions: readonly Suggestion[];
}

/**
 * Every highlight of the reading pane goes through this one path: each source
 * is a list of marked spans indexed by paragraph, and the pane decorates its
 * text with all of them. Ghosts (suggestions) are decorations like the rest,
 * so selecting text through them works as through any highlight.
 */
export function useHighlightSources({
  paragraphs,
  articleId,
  annotations,
  selected,
  pending,
  flash,
  suggestions,
}: HighlightInputs): readonly ParagraphHighlights[] {
  const annotationIndex = useAnnotationIndex(paragraphs, annotations);
  const ghostIndex = useMemo(() => {
    const spans = suggestions.flatMap((s, i) => (s.articleId === articleId ? [{ mark: suggestionMark(i), value: 'ghost', start: s.start, end: s.end }] : []));
    return spans.length ? indexByParagraph(paragraphs, spans) : NO_HIGHLIGHTS;
  }, [paragraphs, articleId, suggestions]);
  const selectedIndex = useOneSpanSource(paragraphs, 'hl_s_0', selected && 'selected', selected);
  const flashIndex = useOneSpanSource(paragraphs, 'hl_f_0', flash && 'flash', flash);
  const pendingIndex = useOneSpanSource(paragraphs, 'hl_p_0', pending && `pending-${pending.tag}`, pending);
  return useMemo(
    () => [ghostIndex, annotationIndex, pendingIndex, selectedIndex, flashIndex],
    [ghostIndex, annotationIndex, pendingIndex, selectedIndex, flashIndex],
  );
}

/** A highlight source of at most one span: the selected annotation, a flashed match, a span being stored. */
function useOneSpanSource(paragraphs: ParagraphElement[], mark: MarkKey, value: string | null, span: Span | null): ParagraphHighlights {
  const start = span?.start;
  const end = span?.end;
  return useMemo(
    () => (value && start !== undefined && end !== undefined ? indexByParagraph(paragraphs, [{ mark, value, start, end }]) : NO_HIGHLIGHTS),
    [paragraphs, mark, value, start, end],
  );
}
