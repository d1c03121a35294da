import type { ParagraphElement } from './articleDocument.ts';

/**
 * Which paragraphs of the reading pane are rendered in full. The others are
 * empty placeholders of about their height until they come near the
 * viewport, so opening a 50,000-word article renders one screenful, and a
 * decoration change reaches only the text that exists. Once shown, a
 * paragraph stays shown, so scrolling back never re-lays anything out.
 */
export interface ParagraphWindow {
  isShown(index: number): boolean;
  show(indices: Iterable<number>): void;
  subscribe(index: number, onChange: () => void): () => void;
}

// A rough line model of the reading column (about 44rem of serif text); only used until the real text is laid out.
const CHARS_PER_LINE = 80;
const LINE_HEIGHT_PX = 28;
const BLANK_LINE_PX = 9;
/** Height shown in full on opening: a tall screen and some more. */
const INITIAL_HEIGHT_PX = 2400;

export function estimatedHeight(paragraph: ParagraphElement): number {
  const length = paragraph.children[0].text.length;
  return length === 0 ? BLANK_LINE_PX : Math.ceil(length / CHARS_PER_LINE) * LINE_HEIGHT_PX + 3;
}

export function createParagraphWindow(paragraphs: readonly ParagraphElement[]): ParagraphWindow {
  const shown = new Set<number>();
  let height = 0;
  for (let i = 0; i < paragraphs.length && height < INITIAL_HEIGHT_PX; i++) {
    shown.add(i);
    height += estimatedHeight(paragraphs[i]!);
  }
  const listeners = new Map<number, () => void>();
  return {
    isShown: (index) => shown.has(index),
    show(indices) {
      for (const index of indices) {
        if (shown.has(index)) continue;
        shown.add(index);
        listeners.get(index)?.();
      }
    },
    subscribe(index, onChange) {
      listeners.set(index, onChange);
      return () => listeners.delete(index);
    },
  };
}
