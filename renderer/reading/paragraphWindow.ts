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
  /**
   * Whether a run of paragraphs (a chunk) is mounted at all: while it holds no
   * shown paragraph and has not been opened it is one block of its height,
   * and none of its paragraphs exists, not even as a placeholder. Opening the
   * 50,000-word article of `npm run bench:peer` then mounts one chunk of
   * paragraphs instead of every paragraph of the article.
   */
  isChunkOpen(first: number, last: number): boolean;
  /** Opens a chunk that came near the viewport; its paragraphs then render as placeholders until they near it in turn. */
  openChunk(first: number): void;
  /** Closes a chunk far from the viewport, recording the height it was laid out at; shown paragraphs keep it open. */
  closeChunk(first: number, height: number): void;
  /** The height of a closed chunk: the one it was laid out at, else the sum of its paragraphs' placeholders and gaps. */
  chunkHeight(first: number, last: number): number;
  /** Tells `onChange` whenever the chunk may have opened or closed. */
  subscribeChunk(first: number, last: number, onChange: () => void): () => void;
}

// A rough line model of the reading column (about 44rem of serif text); only used until the real text is laid out.
const CHARS_PER_LINE = 80;
const LINE_HEIGHT_PX = 28;
const BLANK_LINE_PX = 9;
/** Height shown in full on opening: a tall screen and some more. */
const INITIAL_HEIGHT_PX = 2400;
/** The space under a paragraph that is not a blank line (`.article-text p`: 0.25rem at the 16px root). */
const PARAGRAPH_GAP_PX = 4;

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
  /** Chunks opened by nearing the viewport, by first paragraph. */
  const opened = new Set<number>();
  const chunkHeights = new Map<number, number>();
  /** Chunk listeners by first paragraph, with the chunk's last. */
  const chunkListeners = new Map<number, { last: number; onChange: () => void }>();
  const chunkOf = (index: number) => {
    for (const [first, chunk] of chunkListeners) if (first <= index && index <= chunk.last) return chunk;
    return undefined;
  };
  const change = (indices: Iterable<number>, toShown: boolean) => {
    const chunks = new Set<() => void>();
    for (const index of indices) {
      if (shown.has(index) === toShown) continue;
      if (toShown) shown.add(index);
      else shown.delete(index);
      listeners.get(index)?.();
      const chunk = chunkOf(index);
      if (chunk) chunks.add(chunk.onChange);
    }
    for (const onChange of chunks) onChange();
  };
  const anyShown = (first: number, last: number) => {
    if (last - first > shown.size) {
      for (const index of shown) if (first <= index && index <= last) return true;
      return false;
    }
    for (let index = first; index <= last; index++) if (shown.has(index)) return true;
    return false;
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
    isChunkOpen: (first, last) => opened.has(first) || anyShown(first, last),
    openChunk(first) {
      if (opened.has(first)) return;
      opened.add(first);
      chunkListeners.get(first)?.onChange();
    },
    closeChunk(first, px) {
      const chunk = chunkListeners.get(first);
      if (chunk && anyShown(first, chunk.last)) return;
      if (px > 0) chunkHeights.set(first, px);
      if (opened.delete(first)) chunk?.onChange();
    },
    chunkHeight(first, last) {
      const measured = chunkHeights.get(first);
      if (measured !== undefined) return measured;
      let px = 0;
      for (let index = first; index <= last && index < paragraphs.length; index++) {
        const paragraph = paragraphs[index]!;
        px += heights.get(index) ?? estimatedHeight(paragraph);
        if (paragraph.children[0].text !== '') px += PARAGRAPH_GAP_PX;
      }
      return px;
    },
    subscribeChunk(first, last, onChange) {
      const listener = { last, onChange };
      chunkListeners.set(first, listener);
      // Only its own: a chunk re-subscribing may have replaced it already.
      return () => {
        if (chunkListeners.get(first) === listener) chunkListeners.delete(first);
      };
    },
  };
}
