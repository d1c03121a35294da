import type { ParagraphElement } from './articleDocument.ts';

/**
 * Which paragraphs of the reading pane are rendered in full. The others are
 * empty placeholders of about their height, so opening a 50,000-word article
 * renders one screenful, and a decoration change reaches only the text that
 * exists. Paragraphs are shown as they come near the viewport and hidden
 * again once they are far from it, so the rendered text stays about a few
 * screens however far the analyst has read: every tag, selection and undo
 * then costs the same at the end of a long article as at its top. A hidden
 * paragraph keeps the height it was laid out at, so hiding one moves nothing.
 */
export interface ParagraphWindow {
  isShown(index: number): boolean;
  show(indices: Iterable<number>): void;
  hide(indices: Iterable<number>): void;
  /** The height a placeholder takes: the paragraph's own, once it has been laid out, else an estimate. */
  placeholderHeight(paragraph: ParagraphElement): number;
  /** Records the height a shown paragraph was laid out at. */
  laidOut(index: number, height: number): void;
  shownCount(): number;
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
  const heights = new Map<number, number>();
  const listeners = new Map<number, () => void>();
  const change = (indices: Iterable<number>, toShown: boolean) => {
    for (const index of indices) {
      if (shown.has(index) === toShown) continue;
      if (toShown) shown.add(index);
      else shown.delete(index);
      listeners.get(index)?.();
    }
  };
  return {
    isShown: (index) => shown.has(index),
    show: (indices) => change(indices, true),
    hide: (indices) => change(indices, false),
    placeholderHeight: (paragraph) => heights.get(paragraph.index) ?? estimatedHeight(paragraph),
    laidOut(index, px) {
      if (px > 0) heights.set(index, px);
    },
    shownCount: () => shown.size,
    subscribe(index, onChange) {
      listeners.set(index, onChange);
      return () => listeners.delete(index);
    },
  };
}
