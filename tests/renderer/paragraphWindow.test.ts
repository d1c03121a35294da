import { describe, expect, it } from 'vitest';
import { toParagraphs } from '../../renderer/reading/articleDocument.ts';
import { createParagraphWindow, estimatedHeight } from '../../renderer/reading/paragraphWindow.ts';
import { chunkParagraphs } from '../../renderer/reading/slateChunks.ts';

const LONG = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} ${'word '.repeat(60)}`).join('\n\n');

describe('the window of fully rendered paragraphs', () => {
  it('starts with about a screenful from the top, not the whole article', () => {
    const paragraphs = toParagraphs(LONG);
    const window = createParagraphWindow(paragraphs);
    const shown = paragraphs.filter((p) => window.isShown(p.index));
    expect(shown[0]!.index).toBe(0);
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(paragraphs.length / 10);
    expect(shown.every((p, i) => p.index === i)).toBe(true);
  });

  it('shows a paragraph when asked and tells only its subscriber, once', () => {
    const paragraphs = toParagraphs(LONG);
    const window = createParagraphWindow(paragraphs);
    const calls: number[] = [];
    window.subscribe(700, () => calls.push(700));
    window.subscribe(701, () => calls.push(701));
    window.show([700, 700]);
    expect(window.isShown(700)).toBe(true);
    expect(calls).toEqual([700]);
    window.show([700]);
    expect(calls).toEqual([700]);
  });

  it('hides a paragraph again when asked, telling its subscriber, and keeps the rendered count bounded', () => {
    const paragraphs = toParagraphs(LONG);
    const window = createParagraphWindow(paragraphs);
    const first = window.shownCount();
    const calls: number[] = [];
    window.subscribe(0, () => calls.push(0));
    window.show([500, 501, 502]);
    expect(window.shownCount()).toBe(first + 3);
    window.hide([0, 500, 501, 502, 600]);
    expect(window.isShown(0)).toBe(false);
    expect(window.isShown(501)).toBe(false);
    expect(calls).toEqual([0]);
    expect(window.shownCount()).toBe(first - 1);
  });

  it('gives a hidden paragraph the height it was laid out at, and an estimate before it ever was', () => {
    const paragraphs = toParagraphs(LONG);
    const window = createParagraphWindow(paragraphs);
    const paragraph = paragraphs[500]!;
    expect(window.placeholderHeight(paragraph)).toBe(estimatedHeight(paragraph));
    window.laidOut(500, 131.5);
    expect(window.placeholderHeight(paragraph)).toBe(131.5);
    // A paragraph measured while not laid out (display: none) reports 0: the estimate stays.
    window.laidOut(500, 0);
    expect(window.placeholderHeight(paragraph)).toBe(131.5);
  });

  it('estimates a blank line as short and a long paragraph as several lines', () => {
    const [long, blank] = toParagraphs(`${'x'.repeat(400)}\n`);
    expect(estimatedHeight(blank!)).toBeLessThan(estimatedHeight(long!) / 4);
  });
});

describe('chunks of paragraphs mounted only near the viewport', () => {
  it('opens the chunk holding the first screen and keeps the chunks beyond it closed', () => {
    const window = createParagraphWindow(toParagraphs(LONG));
    expect(window.isChunkOpen(0, 63)).toBe(true);
    expect(window.isChunkOpen(64, 127)).toBe(false);
    expect(window.isChunkOpen(704, 767)).toBe(false);
  });

  it('opens a chunk when one of its paragraphs is shown (a jump to a far annotation), telling its subscriber only', () => {
    const window = createParagraphWindow(toParagraphs(LONG));
    const calls: string[] = [];
    window.subscribeChunk(640, 703, () => calls.push('640'));
    window.subscribeChunk(704, 767, () => calls.push('704'));
    window.show([700, 701]);
    expect(window.isChunkOpen(640, 703)).toBe(true);
    expect(calls).toEqual(['640']);
  });

  it('keeps a chunk’s newer subscriber when an older one unsubscribes after it', () => {
    const window = createParagraphWindow(toParagraphs(LONG));
    const calls: string[] = [];
    const unsubscribeOld = window.subscribeChunk(640, 703, () => calls.push('old'));
    window.subscribeChunk(640, 703, () => calls.push('new'));
    unsubscribeOld();
    window.openChunk(640);
    expect(calls).toEqual(['new']);
  });

  it('opens a chunk that nears the viewport, and closes it once far only when none of its paragraphs is shown', () => {
    const window = createParagraphWindow(toParagraphs(LONG));
    const calls: number[] = [];
    window.subscribeChunk(128, 191, () => calls.push(calls.length));
    window.openChunk(128);
    expect(window.isChunkOpen(128, 191)).toBe(true);
    window.show([130]);
    window.closeChunk(128, 5000);
    expect(window.isChunkOpen(128, 191)).toBe(true);
    window.hide([130]);
    window.closeChunk(128, 5000);
    expect(window.isChunkOpen(128, 191)).toBe(false);
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  it('gives a closed chunk the height it was laid out at, and before that the sum of its paragraphs and their gaps', () => {
    const paragraphs = toParagraphs(LONG);
    const window = createParagraphWindow(paragraphs);
    const parts = paragraphs.slice(64, 128).reduce((px, p) => px + estimatedHeight(p), 0);
    expect(window.chunkHeight(64, 127)).toBeGreaterThan(parts);
    expect(window.chunkHeight(64, 127)).toBeLessThan(parts * 1.2);
    window.subscribeChunk(64, 127, () => {});
    window.openChunk(64);
    window.closeChunk(64, 7321.5);
    expect(window.chunkHeight(64, 127)).toBe(7321.5);
    // Measured while not laid out (0): the recorded height stays.
    window.openChunk(64);
    window.closeChunk(64, 0);
    expect(window.chunkHeight(64, 127)).toBe(7321.5);
  });
});

describe("reading a chunk's paragraphs from Slate's chunk content", () => {
  const leaf = (index: number) => ({ type: 'leaf', node: { index } });
  it('finds the first and last paragraph of a chunk, however deeply chunks nest', () => {
    const ancestor = {
      type: 'chunk',
      children: [
        { type: 'chunk', children: [leaf(64), leaf(65)] },
        { type: 'chunk', children: [leaf(66), leaf(127)] },
      ],
    };
    expect(chunkParagraphs({ props: { ancestor } })).toEqual([64, 127]);
  });

  it('answers null for content of another shape, so that the chunk is simply always mounted', () => {
    expect(chunkParagraphs(null)).toBeNull();
    expect(chunkParagraphs({ props: {} })).toBeNull();
    expect(chunkParagraphs({ props: { ancestor: { type: 'chunk', children: [] } } })).toBeNull();
    expect(chunkParagraphs({ props: { ancestor: { type: 'chunk', children: [{ type: 'leaf', node: {} }] } } })).toBeNull();
  });
});
