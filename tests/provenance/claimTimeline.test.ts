import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { createLink } from '../../main/corpus/links.ts';
import { claimTimeline } from '../../main/provenance/claimTimeline.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';
import { reportProse } from './reportText.ts';

const CLAIM = 'the dam upstream had cracked during the night';

/** An article carrying the claim sentence, tagged, linked into the claim group of `group` when given. */
function report(db: Db, text: string, outlet: string, published: string | null, group?: number): { articleId: number; annotationId: number } {
  const articleId = insertArticle(
    db,
    { text, title: `${outlet} report`, outlet, url: `https://${outlet.toLowerCase().replace(/\W+/g, '')}.example/1`, published, fileName: null },
    'ana',
  ).articleId;
  const start = text.indexOf(CLAIM);
  const annotationId = createAnnotation(db, { articleId, start, end: start + CLAIM.length, tag: 'claim' }, 'ana').id;
  if (group !== undefined) createLink(db, { fromId: group, toId: annotationId, type: 'same-claim', status: 'confirmed' }, 'ana');
  return { articleId, annotationId };
}

const withClaim = (seed: number, sentences: number) => `${reportProse(seed, 2)}\n\nOfficials said ${CLAIM}.\n\n${reportProse(seed + 1, sentences)}`;

/** Seven reports: a wire story and three reprints, one independent report, and one the last report names as its source. */
function spreadCorpus(db: Db) {
  const wireText = withClaim(100, 12);
  const wire = report(db, wireText, 'Wire Service', '2023-03-01');
  const copies = [
    report(db, `Dam scare\n\n${wireText}`, 'Daily One', '2023-03-02', wire.annotationId),
    report(db, `${wireText}\n\n${reportProse(300, 2)}`, 'Evening Two', '2023-03-02', wire.annotationId),
    report(db, wireText.replace('Officials said', 'Officials told reporters'), 'Weekly Three', null, wire.annotationId),
  ];
  const independent = report(db, withClaim(400, 10), 'Anadolu', '2023-03-01', wire.annotationId);
  const bbc = report(db, withClaim(500, 10), 'BBC', '2023-02-28', wire.annotationId);
  const citingText = `${withClaim(600, 8)}\n\nThe account was first published, reports BBC, late on Tuesday.`;
  const citing = report(db, citingText, 'Local Post', '2023-03-03', wire.annotationId);
  const at = citingText.indexOf('reports BBC');
  createAnnotation(db, { articleId: citing.articleId, start: at, end: at + 'reports BBC'.length, tag: 'attribution' }, 'ana');
  return { wire, copies, independent, bbc, citing };
}

describe('claim timeline and spread', () => {
  it('counts reports and independent origins: a wire story and its copies, an independent report, a report and the one naming it as source', () => {
    const { db } = tempCorpus();
    const c = spreadCorpus(db);
    const timeline = claimTimeline(db, c.copies[1]!.annotationId);
    expect(timeline.summary).toBe('7 reports, 3 independent origins (BBC-based ×2, Wire Service copy ×4, Anadolu)');
    expect(timeline.origins.map((o) => [o.kind, o.firstArticleId, o.articleIds.length])).toEqual([
      ['attributed', c.bbc.articleId, 2],
      ['copy', c.wire.articleId, 4],
      ['single', c.independent.articleId, 1],
    ]);
    expect(timeline.groupId).toBe(c.wire.annotationId);
  });

  it('lists every appearance in publication order, undated last, with its first appearance and origin', () => {
    const { db } = tempCorpus();
    const c = spreadCorpus(db);
    const timeline = claimTimeline(db, c.wire.annotationId);
    expect(timeline.appearances.map((a) => a.outlet)).toEqual(['BBC', 'Wire Service', 'Anadolu', 'Daily One', 'Evening Two', 'Local Post', 'Weekly Three']);
    expect(timeline.firstAppearance).toMatchObject({ outlet: 'BBC', published: '2023-02-28', url: 'https://bbc.example/1' });
    expect(timeline.appearances.every((a) => timeline.origins[a.origin]!.articleIds.includes(a.articleId))).toBe(true);
  });

  it('says which report copies which: from the earlier to the later, undirected when a date is missing, with the passages', () => {
    const { db } = tempCorpus();
    const c = spreadCorpus(db);
    const copies = claimTimeline(db, c.wire.annotationId).edges.filter((e) => e.kind === 'copy');
    const fromWire = copies.filter((e) => e.fromArticleId === c.wire.articleId);
    expect(fromWire.map((e) => [e.toArticleId, e.directed])).toEqual(
      expect.arrayContaining([
        [c.copies[0]!.articleId, true],
        [c.copies[1]!.articleId, true],
        [c.copies[2]!.articleId, false],
      ]),
    );
    const edge = fromWire.find((e) => e.toArticleId === c.copies[0]!.articleId)!;
    expect(edge.sharedWords).toBeGreaterThan(100);
    expect(edge.passages[0]!.fromStart).toBe(0);
    // Nothing joins the independent report to the wire story.
    expect(copies.some((e) => [e.fromArticleId, e.toArticleId].includes(c.independent.articleId))).toBe(false);
  });

  it('joins two reports through a cites link as one origin', () => {
    const { db } = tempCorpus();
    const c = spreadCorpus(db);
    createLink(db, { fromId: c.independent.annotationId, toId: c.wire.annotationId, type: 'cites', status: 'confirmed' }, 'ana');
    const timeline = claimTimeline(db, c.wire.annotationId);
    expect(timeline.summary).toBe('7 reports, 2 independent origins (BBC-based ×2, Wire Service copy ×5)');
    expect(timeline.edges).toContainEqual(expect.objectContaining({ kind: 'cites', fromArticleId: c.wire.articleId, toArticleId: c.independent.articleId }));
  });

  it('describes a lone annotation as one report of one origin', () => {
    const { db } = tempCorpus();
    const one = report(db, withClaim(700, 3), 'Solo News', '2023-01-01');
    expect(claimTimeline(db, one.annotationId)).toMatchObject({ reports: 1, summary: '1 report, 1 independent origin (Solo News)', edges: [] });
  });

  it('answers through the contract, and not_found for an annotation that does not exist', () => {
    const { db } = tempCorpus();
    const c = spreadCorpus(db);
    const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }), () => {});
    expect(dispatch('review.timeline', { annotationId: c.citing.annotationId })).toMatchObject({ ok: true, value: { reports: 7 } });
    expect(dispatch('review.timeline', { annotationId: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
