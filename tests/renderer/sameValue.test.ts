import { describe, expect, it } from 'vitest';
import { sameValue } from '../../renderer/data/sameValue.ts';

describe('sameValue: whether two API answers are the same value', () => {
  it('finds equal JSON values equal, however deep', () => {
    expect(sameValue({ a: [1, { b: 'x', c: null }], d: true }, { d: true, a: [1, { c: null, b: 'x' }] })).toBe(true);
    expect(sameValue([], [])).toBe(true);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
  });

  it('tells apart values that differ anywhere', () => {
    expect(sameValue({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue({}, [])).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(undefined, null)).toBe(false);
  });
});
