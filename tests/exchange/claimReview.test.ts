import { describe, expect, it } from 'vitest';
import { setClaimRating } from '../../main/corpus/claimRatings.ts';
import { createLink } from '../../main/corpus/links.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { buildClaimReviews } from '../../main/exchange/claimReview.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';
import { buildExchangeCorpus } from './exchangeCorpus.ts';

describe('ClaimReview export', () => {
  it('describes a confirmed claim group: the claim, every appearance with author, outlet, url and date, the reviewer', () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    db.exec('DELETE FROM claim_reviews');
    const [review] = buildClaimReviews(db) as Array<Record<string, any>>;
    expect(review).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: c.claim.quote,
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'John Kirby' } },
      author: { '@type': 'Person', name: 'ana' },
      datePublished: c.same.reviewedAt!.slice(0, 10),
    });
    expect(review!.itemReviewed.appearance).toEqual([
      {
        '@type': 'CreativeWork',
        url: 'https://example.org/kirby',
        headline: 'Russia offers Iran support',
        datePublished: '2022-12-09',
        author: { '@type': 'Person', name: 'Jane Reporter' },
        publisher: { '@type': 'Organization', name: 'The Example Times' },
      },
      {
        '@type': 'CreativeWork',
        url: 'https://example.net/aa',
        headline: 'Russia, Iran deepen ties',
        datePublished: '2022-12-09',
        publisher: { '@type': 'Organization', name: 'Anadolu Agency' },
      },
    ]);
    expect(review).not.toHaveProperty('reviewRating');
  });

  it('carries the rating the analyst set on any member of the group', () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    setClaimRating(db, { annotationId: c.drift.id, ratingValue: 2, alternateName: 'Misleading' }, 'rita');
    const [review] = buildClaimReviews(db, c.claim.id) as Array<Record<string, any>>;
    expect(review!.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Misleading' });
    expect(review!.author).toEqual({ '@type': 'Person', name: 'rita' });
  });

  it('exports a single rated annotation as its own group, and nothing for an unreviewed one', () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    expect(buildClaimReviews(db, c.denial.id)).toEqual([]);
    setClaimRating(db, { annotationId: c.denial.id, alternateName: 'Unproven' }, 'rita');
    const [review] = buildClaimReviews(db, c.denial.id) as Array<Record<string, any>>;
    expect(review!.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Unproven' });
    expect(buildClaimReviews(db)).toHaveLength(2);
  });
});

describe('claim group ratings', () => {
  it('keeps one verdict per group and reviewer: the latest is the group’s, and the log keeps every one', () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    setClaimRating(db, { annotationId: c.claim.id, ratingValue: 1, alternateName: 'False' }, 'ana');
    const second = setClaimRating(db, { annotationId: c.drift.id, ratingValue: 3, alternateName: 'Half true' }, 'bo');
    expect(second).toMatchObject({ groupId: c.claim.id, ratingValue: 3, alternateName: 'Half true', reviewer: 'bo' });
    // ana's verdict replaced her own earlier one on another member; bo's is kept beside it.
    const verdicts = db.prepare('SELECT reviewer, alternate_name AS name FROM claim_reviews ORDER BY reviewer').all();
    expect(verdicts).toEqual([
      { reviewer: 'ana', name: 'False' },
      { reviewer: 'bo', name: 'Half true' },
    ]);
    const events = listEvents(db, 'annotation').filter((e) => e.action === 'claim.rate');
    expect(events.map((e) => (e.data as any).before?.alternateName ?? null)).toEqual([null, 'Misleading', 'False']);
  });

  it('follows the group as it grows', () => {
    const { db } = tempCorpus();
    const c = buildExchangeCorpus(db);
    setClaimRating(db, { annotationId: c.drift.id, ratingValue: 1, alternateName: 'False' }, 'ana');
    createLink(db, { fromId: c.formula.id, toId: c.drift.id, type: 'paraphrase' }, 'ana');
    const [review] = buildClaimReviews(db, c.formula.id) as Array<Record<string, any>>;
    expect(review!.reviewRating.alternateName).toBe('False');
    expect(review!.itemReviewed.appearance).toHaveLength(2);
  });

  it('refuses a rating for an annotation that does not exist', () => {
    const { db } = tempCorpus();
    expect(() => setClaimRating(db, { annotationId: 99, alternateName: 'False' }, 'ana')).toThrow(/no annotation 99/);
  });
});
