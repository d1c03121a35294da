import type { Descendant } from 'slate';

/** One line of the article. `start` is its offset in the stored text, in UTF-16 code units. */
export interface ParagraphElement {
  type: 'paragraph';
  /** Its position among the paragraphs, which never changes: the text is read-only. */
  index: number;
  start: number;
  children: [{ text: string }];
}

/**
 * Splits an article's text into paragraph blocks, one per line, so that a
 * paragraph's offset plus an offset inside it is always an offset into the
 * stored text (the newline between two blocks is one code unit).
 */
export function toParagraphs(text: string): ParagraphElement[] {
  const paragraphs: ParagraphElement[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    paragraphs.push({ type: 'paragraph', index: paragraphs.length, start, children: [{ text: line }] });
    start += line.length + 1;
  }
  return paragraphs;
}

/** Index of the paragraph containing `offset` (binary search over paragraph starts). */
export function paragraphAt(paragraphs: readonly ParagraphElement[], offset: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (paragraphs[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export type ArticleValue = Descendant[];
