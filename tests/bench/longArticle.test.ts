import { describe, expect, it } from 'vitest';
import { generateLongArticle } from './longArticle.ts';

describe('the benchmark article generator', () => {
  it('makes 50,000 words and 5,000 valid spans, at least a fifth of them overlapping', () => {
    const { text, spans } = generateLongArticle();
    expect(text.split(/\s+/)).toHaveLength(50_000);
    expect(spans).toHaveLength(5_000);
    expect(spans.every((s) => s.start >= 0 && s.end > s.start && s.end <= text.length)).toBe(true);
    const overlapping = spans.filter((s, i) => spans.some((o, j) => j !== i && o.start < s.end && s.start < o.end));
    expect(overlapping.length).toBeGreaterThanOrEqual(1_000);
  });

  it('is deterministic per seed', () => {
    const small = { words: 500, spans: 50 };
    expect(generateLongArticle({ ...small, seed: 7 })).toEqual(generateLongArticle({ ...small, seed: 7 }));
    expect(generateLongArticle({ ...small, seed: 7 }).text).not.toBe(generateLongArticle({ ...small, seed: 8 }).text);
  });
});
