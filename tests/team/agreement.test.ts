import { describe, expect, it } from 'vitest';
import { cohensKappa, kappaOverWords, unitizingAlpha, type TaggedSpan, type WordLabel } from '../../main/team/agreement.ts';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
/** The span of words [from, to) of a text made by words(n): each word is "wK" plus a space. */
const wordSpan = (text: string, from: number, to: number, tag: TaggedSpan['tag'], articleId = 1): TaggedSpan => {
  const starts = [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return { articleId, start: starts[from]!.start, end: starts[to - 1]!.end, tag };
};

describe("Cohen's kappa", () => {
  it('is 0.4 on the textbook table of 50 items (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    const a: WordLabel[] = [];
    const b: WordLabel[] = [];
    const add = (x: WordLabel, y: WordLabel, n: number) => {
      for (let i = 0; i < n; i++) {
        a.push(x);
        b.push(y);
      }
    };
    add('claim', 'claim', 20);
    add('claim', 'none', 5);
    add('none', 'claim', 10);
    add('none', 'none', 15);
    const result = cohensKappa(a, b, ['none', 'claim']);
    expect(result.kappa).toBeCloseTo(0.4, 10);
    expect(result.observed).toBeCloseTo(0.7, 10);
    expect(result.expected).toBeCloseTo(0.5, 10);
    expect(result.matrix).toEqual({ none: { none: 15, claim: 10 }, claim: { none: 5, claim: 20 } });
  });

  it('is 1 for the same spans, and 0 or below for disjoint ones, over the words of the articles', () => {
    const text = words(40);
    const articles = [{ id: 1, text }];
    const same = [wordSpan(text, 2, 10, 'claim'), wordSpan(text, 20, 25, 'denial')];
    expect(kappaOverWords(articles, same, same).overall.kappa).toBe(1);
    const disjoint = kappaOverWords(articles, [wordSpan(text, 0, 20, 'claim')], [wordSpan(text, 20, 40, 'claim')]);
    expect(disjoint.overall.kappa!).toBeLessThanOrEqual(0);
    expect(disjoint.perTag.claim.kappa!).toBeLessThanOrEqual(0);
  });

  it('is undefined rather than a number when nobody tagged anything', () => {
    const text = words(10);
    expect(kappaOverWords([{ id: 1, text }], [], []).overall.kappa).toBeNull();
  });

  it('refuses two labellings of different lengths', () => {
    expect(() => cohensKappa(['none'], [])).toThrow(/same words/);
  });
});

describe("Krippendorff's unitizing alpha", () => {
  const text = words(60);
  const articles = [
    { id: 1, text },
    { id: 2, text: words(30) },
  ];

  it('is 1 when both analysts mark the very same units', () => {
    const spans = [wordSpan(text, 3, 9, 'claim'), wordSpan(text, 30, 33, 'attribution'), wordSpan(articles[1]!.text, 1, 4, 'claim', 2)];
    const result = unitizingAlpha(articles, [spans, spans]);
    expect(result.perTag.claim.alpha).toBe(1);
    expect(result.perTag.attribution.alpha).toBe(1);
    expect(result.perTag.denial.alpha).toBeNull();
    expect(result.overall.alpha).toBe(1);
  });

  it('is 0 or below when the analysts mark disjoint stretches', () => {
    const result = unitizingAlpha(articles, [
      [wordSpan(text, 0, 10, 'claim'), wordSpan(text, 40, 45, 'claim')],
      [wordSpan(text, 15, 30, 'claim'), wordSpan(text, 50, 55, 'claim')],
    ]);
    expect(result.perTag.claim.alpha!).toBeLessThanOrEqual(0);
  });

  it('rises as boundaries come closer, and does not depend on which analyst is first', () => {
    const reference = [wordSpan(text, 10, 20, 'claim')];
    const near = unitizingAlpha(articles, [reference, [wordSpan(text, 11, 20, 'claim')]]).perTag.claim.alpha!;
    const far = unitizingAlpha(articles, [reference, [wordSpan(text, 14, 24, 'claim')]]).perTag.claim.alpha!;
    expect(near).toBeGreaterThan(far);
    expect(near).toBeLessThan(1);
    expect(unitizingAlpha(articles, [[wordSpan(text, 11, 20, 'claim')], reference]).perTag.claim.alpha).toBeCloseTo(near, 12);
  });
});

describe('the agreement request', () => {
  it('compares the two analysts who annotated most, over the articles both worked on', async () => {
    const { tempCorpus } = await import('../helpers/tempCorpus.ts');
    const { insertArticle } = await import('../../main/corpus/articles.ts');
    const { createHandlers } = await import('../../main/api/handlers.ts');
    const { db } = tempCorpus();
    const text = words(30);
    const shared = insertArticle(db, { text, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
    const alone = insertArticle(db, { text: words(31), title: null, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
    const [ana, bo] = [createHandlers({ db, actor: 'ana' }), createHandlers({ db, actor: 'bo' })];
    const claim = wordSpan(text, 2, 8, 'claim');
    ana['annotations.create']({ articleId: shared, start: claim.start, end: claim.end, tag: 'claim' });
    ana['annotations.create']({ articleId: alone, start: 0, end: 5, tag: 'denial' });
    bo['annotations.create']({ articleId: shared, start: claim.start, end: claim.end, tag: 'claim' });
    const report = ana['agreement.compute']({});
    expect(report).toMatchObject({ analysts: ['ana', 'bo'], articleIds: [shared], words: 30 });
    expect(report.kappa.perTag.claim.kappa).toBe(1);
    expect(report.alpha.perTag.claim.alpha).toBe(1);
    expect(() => ana['agreement.compute']({ analysts: ['ana', 'ana'] })).toThrow(/two analysts/);
    expect(() => ana['agreement.compute']({ articleIds: [999] })).toThrow(/no article 999/);
  });
});
