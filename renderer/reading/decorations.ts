import type { Annotation, Tag } from '../../main/api/contract.ts';
import { paragraphAt, type ParagraphElement } from './articleDocument.ts';

/** The part of one annotation that falls inside one paragraph, in offsets local to the paragraph. */
export interface Highlight {
  annotationId: number;
  tag: Tag;
  start: number;
  end: number;
}

/**
 * Groups highlights by paragraph once per annotation change, so Slate's
 * per-paragraph `decorate` is a map lookup rather than a scan of every annotation.
 */
export function highlightsByParagraph(paragraphs: readonly ParagraphElement[], annotations: readonly Annotation[]): Map<number, Highlight[]> {
  const index = new Map<number, Highlight[]>();
  for (const annotation of annotations) {
    const first = paragraphAt(paragraphs, annotation.start);
    const last = paragraphAt(paragraphs, Math.max(annotation.start, annotation.end - 1));
    for (let i = first; i <= last; i++) {
      const paragraph = paragraphs[i]!;
      const length = paragraph.children[0].text.length;
      const start = Math.max(annotation.start - paragraph.start, 0);
      const end = Math.min(annotation.end - paragraph.start, length);
      if (end <= start) continue;
      const list = index.get(i) ?? [];
      list.push({ annotationId: annotation.id, tag: annotation.tag, start, end });
      index.set(i, list);
    }
  }
  return index;
}
