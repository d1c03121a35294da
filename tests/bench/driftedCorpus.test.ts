import { describe, expect, it } from 'vitest';
import { DRIFT_KINDS, generateDriftedCorpus } from './driftedCorpus.ts';

describe('the synthetic corpus with planted drifted variants', () => {
  const small = { articles: 300, claims: 20, variantsPerClaim: 5, seed: 3 };

  it('plants every claim once and every variant where it says, each drift kind alike', () => {
    const { texts, claims } = generateDriftedCorpus(small);
    expect(texts).toHaveLength(300);
    expect(claims).toHaveLength(20);
    for (const claim of claims) {
      expect(claim.source.article).toBeGreaterThanOrEqual(0);
      expect(claim.variants).toHaveLength(5);
      for (const span of [claim.source, ...claim.variants]) {
        const quote = texts[span.article]!.slice(span.start, span.end);
        expect(quote.split(' ').length).toBeGreaterThan(5);
        expect(quote).not.toMatch(/^\s|\s$/);
      }
    }
    expect(new Set(claims.flatMap((c) => c.variants.map((v) => v.drift)))).toEqual(new Set(DRIFT_KINDS));
  });

  it('is deterministic per seed', () => {
    expect(generateDriftedCorpus(small)).toEqual(generateDriftedCorpus(small));
    expect(generateDriftedCorpus({ ...small, seed: 4 }).texts[0]).not.toBe(generateDriftedCorpus(small).texts[0]);
  });
});
