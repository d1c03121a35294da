import { Range, type BasePoint } from 'slate';
import { ReactEditor } from 'slate-react';
import type { Span } from '../annotations/spanBoundaries.ts';
import { paragraphAt, type ParagraphElement } from './articleDocument.ts';

/**
 * Slate points ↔ offsets into the stored text. Every paragraph holds one text
 * node, so a point is [paragraph, 0] plus an offset within that line, and the
 * text offset is the paragraph's start plus that offset.
 */
export function pointToOffset(paragraphs: readonly ParagraphElement[], point: BasePoint): number {
  const paragraph = paragraphs[point.path[0]!];
  if (!paragraph || point.path.length !== 2 || point.path[1] !== 0) throw new Error(`Not a point in the article: ${JSON.stringify(point)}`);
  return paragraph.start + point.offset;
}

export function offsetToPoint(paragraphs: readonly ParagraphElement[], offset: number): BasePoint {
  const index = paragraphAt(paragraphs, offset);
  const paragraph = paragraphs[index]!;
  return { path: [index, 0], offset: Math.min(offset - paragraph.start, paragraph.children[0].text.length) };
}

export function rangeToSpan(paragraphs: readonly ParagraphElement[], range: Range): Span {
  const [first, last] = Range.edges(range);
  return { start: pointToOffset(paragraphs, first), end: pointToOffset(paragraphs, last) };
}

export function spanToRange(paragraphs: readonly ParagraphElement[], { start, end }: Span): Range {
  return { anchor: offsetToPoint(paragraphs, start), focus: offsetToPoint(paragraphs, end) };
}

/** The browser's selection inside the reading pane as a span of the text; null when it is collapsed or elsewhere. */
export function domSelectionToSpan(editor: ReactEditor, paragraphs: readonly ParagraphElement[], root: HTMLElement): Span | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  if (!root.contains(selection.anchorNode) || !root.contains(selection.focusNode)) return null;
  const range = ReactEditor.toSlateRange(editor, selection, { exactMatch: false, suppressThrow: true });
  if (!range || Range.isCollapsed(range)) return null;
  return rangeToSpan(paragraphs, range);
}
