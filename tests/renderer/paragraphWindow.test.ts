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

  it('shows a paragraph when asked, tells only its subscriber, and never hides it again', () => {
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

  it('estimates a blank line as short and a long paragraph as several lines', () => {
    const [long, blank] = toParagraphs(`${'x'.repeat(400)}\n`);
    expect(estimatedHeight(blank!)).toBeLessThan(estimatedHeight(long!) / 4);
  });
});
