import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { buildClaimReviews } from '../../main/exchange/claimReview.ts';
import { claimMatrix } from '../../main/matching/claimGroupTable.ts';
import { claimTimeline } from '../../main/provenance/claimTimeline.ts';
import { spreadClaim } from '../helpers/claimSpread.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function spread() {
  const { db } = tempCorpus();
  const handlers = createHandlers({ db, actor: 'ana' });
  return { db, handlers, ...spreadClaim(db, handlers) };
}

describe('the matrix and ClaimReview count origins as the timeline does', () => {
  it('gives each matrix group its independent origins, and each reported cell the origin of its report', () => {
    const { db, wire, reprints, independent, citing } = spread();
    const matrix = claimMatrix(db);
    expect(matrix.groups).toEqual([
      expect.objectContaining({ origins: 2, originSummary: '5 reports, 2 independent origins (Wire Service copy ×3, Valley Radio-based ×2)' }),
    ]);
    const originAt = (articleId: number) =>
      matrix.cells.find((c) => c.annotationIds.some((id) => db.prepare('SELECT article_id FROM annotations WHERE id = ?').pluck().get(id) === articleId))
        ?.origin;
    expect(originAt(wire.articleId)).toBe(originAt(reprints[0]!.articleId));
    expect(originAt(wire.articleId)).toBe(originAt(reprints[1]!.articleId));
    expect(originAt(independent.articleId)).toBe(originAt(citing.articleId));
    expect(originAt(independent.articleId)).not.toBe(originAt(wire.articleId));
    expect(matrix.cells.filter((c) => c.state === 'absent').every((c) => c.origin === undefined)).toBe(true);
  });

  it('names the origin’s first report as isBasedOn of every report that copies or cites it, and nothing for an origin’s first report', () => {
    const { db, handlers, wire } = spread();
    handlers['claimRatings.set']({ annotationId: wire.annotation.id, ratingValue: 3, alternateName: 'Unproven' });
    const [review] = buildClaimReviews(db) as Array<{
      itemReviewed: { appearance: Array<{ headline: string; isBasedOn?: { headline: string; url: string } }> };
    }>;
    const basedOn = Object.fromEntries(review!.itemReviewed.appearance.map((a) => [a.headline, a.isBasedOn?.headline ?? null]));
    expect(basedOn).toEqual({
      'Wire Service: dam scare': null,
      'Valley Radio: dam scare': null,
      'Daily One: dam scare': 'Wire Service: dam scare',
      'Evening Two: dam scare': 'Wire Service: dam scare',
      'Local Post: dam scare': 'Valley Radio: dam scare',
    });
    expect(review!.itemReviewed.appearance.find((a) => a.headline === 'Daily One: dam scare')!.isBasedOn).toEqual({
      '@type': 'CreativeWork',
      url: 'https://wireservice.example/dam',
      headline: 'Wire Service: dam scare',
      publisher: { '@type': 'Organization', name: 'Wire Service' },
    });
  });

  it('leaves isBasedOn out of a claim reported once', () => {
    const { db } = tempCorpus();
    const handlers = createHandlers({ db, actor: 'ana' });
    const text = 'The ferry would run again by Friday, the operator said.';
    const { articleId } = insertArticle(db, { text, title: 'Ferry', outlet: 'Harbour News', url: null, published: '2024-01-05', fileName: null }, 'ana');
    const annotation = handlers['annotations.create']({ articleId, start: 0, end: 36, tag: 'claim' });
    handlers['claimRatings.set']({ annotationId: annotation.id, alternateName: 'True', ratingValue: 5 });
    const reviews = buildClaimReviews(db, annotation.id) as Array<{ itemReviewed: { appearance: Array<{ isBasedOn?: object }> } }>;
    expect(reviews[0]!.itemReviewed.appearance).toHaveLength(1);
    expect(reviews[0]!.itemReviewed.appearance[0]!.isBasedOn).toBeUndefined();
  });

  it('says who said the claim, who reported it and who denied it', () => {
    const { db, handlers, wire, reprints } = spread();
    handlers['annotations.update']({ id: wire.annotation.id, speaker: 'The Mayor' });
    handlers['annotations.update']({ id: reprints[0]!.annotation.id, speaker: 'mayor' });
    const mayor = handlers['speakers.list']({}).find((s) => s.name === 'mayor')!;
    handlers['speakers.merge']({ intoId: handlers['speakers.list']({}).find((s) => s.name === 'The Mayor')!.id, fromId: mayor.id });
    const text = 'Engineers denied that the dam had cracked at all.';
    const { articleId } = insertArticle(db, { text, title: 'Denial', outlet: 'Engineering Weekly', url: null, published: '2023-03-05', fileName: null }, 'ana');
    const denial = handlers['annotations.create']({ articleId, start: 0, end: text.length - 1, tag: 'denial', speaker: 'Chief Engineer' });
    handlers['links.create']({ fromId: denial.id, toId: wire.annotation.id, type: 'denies', status: 'confirmed' });
    expect(claimTimeline(db, wire.annotation.id).people).toEqual({
      said: ['The Mayor'],
      reported: ['Wire Service', 'Valley Radio', 'Daily One', 'Evening Two', 'Local Post'],
      denied: ['Chief Engineer'],
    });
  });
});
