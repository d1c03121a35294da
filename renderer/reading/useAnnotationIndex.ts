import { useMemo, useRef } from 'react';
import type { Annotation } from '../../main/contract/contract.ts';
import type { ParagraphElement } from './articleDocument.ts';
import { annotationSpans, indexByParagraph, type ParagraphHighlights } from './decorations.ts';

/**
 * The annotations' highlight source for the reading pane, rebuilt on every
 * change but reusing the lists of unchanged paragraphs, so that one new or
 * edited annotation re-renders only its own paragraphs.
 */
export function useAnnotationIndex(paragraphs: ParagraphElement[], annotations: readonly Annotation[] | undefined): ParagraphHighlights {
  const previous = useRef<{ paragraphs: ParagraphElement[]; index: ParagraphHighlights } | null>(null);
  return useMemo(() => {
    const before = previous.current?.paragraphs === paragraphs ? previous.current.index : undefined;
    const index = indexByParagraph(paragraphs, annotationSpans(annotations ?? []), before);
    previous.current = { paragraphs, index };
    return index;
  }, [paragraphs, annotations]);
}
