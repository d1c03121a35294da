import { describe, expect, it } from 'vitest';
import { alignSpans, type AlignableSpan } from '../../main/team/spanAlignment.ts';

const s = (key: string, start: number, end: number, tag = 'claim'): AlignableSpan => ({ key, start, end, tag });
const shape = (pairs: ReturnType<typeof alignSpans>) => pairs.map((p) => [p.first?.key ?? null, p.second?.key ?? null, p.difference]);

describe('aligning two analysts’ spans', () => {
  it('pairs identical spans as the same', () => {
    expect(shape(alignSpans([s('a1', 0, 10)], [s('b1', 0, 10)]))).toEqual([['a1', 'b1', 'same']]);
  });

  it('tells a different tag on the same span from a different boundary, and from both', () => {
    const first = [s('a1', 0, 10, 'claim'), s('a2', 20, 30, 'claim'), s('a3', 40, 50, 'claim')];
    const second = [s('b1', 0, 10, 'denial'), s('b2', 22, 30, 'claim'), s('b3', 40, 55, 'attribution')];
    expect(shape(alignSpans(first, second))).toEqual([
      ['a1', 'b1', 'tag'],
      ['a2', 'b2', 'boundary'],
      ['a3', 'b3', 'boundary-and-tag'],
    ]);
  });

  it('leaves a span nobody else overlaps on its own side', () => {
    expect(shape(alignSpans([s('a1', 0, 10)], [s('b1', 30, 40)]))).toEqual([
      ['a1', null, 'only-first'],
      [null, 'b1', 'only-second'],
    ]);
  });

  it('gives a long span to its closest counterpart, not to a sliver that merely touches it', () => {
    // b1 barely overlaps a1's start; b2 is a1 with one word less. a1 pairs with b2, b1 stands alone.
    const pairs = alignSpans([s('a1', 10, 60)], [s('b1', 0, 12), s('b2', 10, 55)]);
    expect(shape(pairs)).toEqual([
      [null, 'b1', 'only-second'],
      ['a1', 'b2', 'boundary'],
    ]);
  });

  it('puts each span in one pair only, even when one side splits what the other tagged whole', () => {
    const pairs = alignSpans([s('a1', 0, 100)], [s('b1', 0, 48), s('b2', 52, 100)]);
    expect(pairs).toHaveLength(2);
    expect(pairs.filter((p) => p.first?.key === 'a1')).toHaveLength(1);
  });

  it('orders pairs by where they start in the text, whatever order the spans came in', () => {
    const pairs = alignSpans([s('a2', 50, 60), s('a1', 0, 10)], [s('b1', 0, 10), s('b2', 50, 60)]);
    expect(shape(pairs)).toEqual([
      ['a1', 'b1', 'same'],
      ['a2', 'b2', 'same'],
    ]);
  });

  it('pairs nothing when both sides are empty', () => {
    expect(alignSpans([], [])).toEqual([]);
  });
});
