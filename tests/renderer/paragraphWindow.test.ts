import { describe, expect, it } from 'vitest';
import { toParagraphs } from '../../renderer/reading/articleDocument.ts';
import { createParagraphWindow, estimatedHeight } from '../../renderer/reading/paragraphWindow.ts';

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
