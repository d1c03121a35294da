import { describe, expect, it } from 'vitest';
import { toParagraphs } from '../../renderer/reading/articleDocument.ts';
import { createParagraphDecorator, indexByParagraph, type MarkedSpan } from '../../renderer/reading/decorations.ts';

const TEXT = 'First line here.\n\nSecond line here.\nThird.';
const paragraphs = toParagraphs(TEXT);
const span = (id: number, quote: string, value = 'claim'): MarkedSpan => ({
  mark: `hl_a_${id}`,
  value,
  start: TEXT.indexOf(quote),
  end: TEXT.indexOf(quote) + quote.length,
});

describe('highlights by paragraph', () => {
  it('cuts a span that crosses lines into paragraph-local pieces, skipping empty lines', () => {
    const index = indexByParagraph(paragraphs, [span(1, 'here.\n\nSecond')]);
    expect([...index.keys()]).toEqual([0, 2]);
    expect(index.get(0)).toEqual([{ mark: 'hl_a_1', value: 'claim', start: 11, end: 16 }]);
    expect(index.get(2)).toEqual([{ mark: 'hl_a_1', value: 'claim', start: 0, end: 6 }]);
  });

  it('keeps the lists of paragraphs an edit did not touch, so only the touched paragraph re-renders', () => {
    const before = indexByParagraph(paragraphs, [span(1, 'First'), span(2, 'Second')]);
    const after = indexByParagraph(paragraphs, [span(1, 'First'), span(2, 'Second', 'denial')], before);
    expect(after.get(0)).toBe(before.get(0));
    expect(after.get(2)).not.toBe(before.get(2));
  });

  it('gives the same ranges array back for a paragraph whose sources did not change', () => {
    const decorate = createParagraphDecorator();
    const annotations = indexByParagraph(paragraphs, [span(1, 'First'), span(2, 'line here')]);
    const selected = indexByParagraph(paragraphs, [{ ...span(2, 'line here'), mark: 'hl_s_0', value: 'selected' }]);
    const first = decorate([annotations, selected], 0);
    expect(first.map((r) => Object.keys(r).find((k) => k.startsWith('hl_')))).toEqual(['hl_a_1', 'hl_a_2', 'hl_s_0']);
    expect(decorate([annotations, selected], 0)).toBe(first);
    expect(decorate([annotations, new Map()], 0)).not.toBe(first);
  });

  it('paints nothing while no article is on screen, whatever spans are left from the last one', () => {
    expect(indexByParagraph([], [span(1, 'First')]).size).toBe(0);
  });
});
