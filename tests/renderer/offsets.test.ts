import { describe, expect, it } from 'vitest';
import { toParagraphs } from '../../renderer/reading/articleDocument.ts';
import { offsetToPoint, pointToOffset, rangeToSpan, spanToRange } from '../../renderer/reading/selectionOffsets.ts';

// Emoji (surrogate pairs), CJK, a combining mark, right-to-left text and blank lines.
const TEXT = 'Kirby said 😀 drones.\n\n北京 denied it.\nCafe\u0301 owner: «لا تعليق»\n';

describe('mapping Slate selections to offsets in the stored text', () => {
  const paragraphs = toParagraphs(TEXT);

  it('turns a point in any paragraph into the offset of the same character in the text', () => {
    for (const needle of ['drones', '北京', 'e\u0301', 'تعليق']) {
      const offset = TEXT.indexOf(needle);
      const point = offsetToPoint(paragraphs, offset);
      expect(paragraphs[point.path[0]!]!.children[0].text.slice(point.offset, point.offset + needle.length)).toBe(needle);
      expect(pointToOffset(paragraphs, point)).toBe(offset);
    }
  });

  it('maps a backward selection across paragraphs to a forward span whose text is the quote', () => {
    const start = TEXT.indexOf('😀');
    const end = TEXT.indexOf(' owner');
    const range = spanToRange(paragraphs, { start, end });
    expect(rangeToSpan(paragraphs, { anchor: range.focus, focus: range.anchor })).toEqual({ start, end });
    expect(TEXT.slice(start, end)).toBe('😀 drones.\n\n北京 denied it.\nCafe\u0301');
  });

  it('maps the end of a line and the empty last line', () => {
    const lineEnd = TEXT.indexOf('\n');
    expect(offsetToPoint(paragraphs, lineEnd)).toEqual({ path: [0, 0], offset: lineEnd });
    expect(offsetToPoint(paragraphs, TEXT.length)).toEqual({ path: [paragraphs.length - 1, 0], offset: 0 });
  });

  it('refuses a point that is not in the article', () => {
    expect(() => pointToOffset(paragraphs, { path: [99, 0], offset: 0 })).toThrow(/Not a point in the article/);
    expect(() => pointToOffset(paragraphs, { path: [0], offset: 0 })).toThrow(/Not a point in the article/);
  });
});
