import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { claimGroupIds } from '../../main/corpus/claimGroups.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { createLink, reviewLink } from '../../main/corpus/links.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function twoArticles() {
  const { db } = tempCorpus();
  const a = insertArticle(
    db,
    { text: 'Kirby said Russia is offering support.', title: null, outlet: null, url: null, published: null, fileName: null },
    'ana',
  ).articleId;
  const b = insertArticle(
    db,
    { text: 'Russia offers support, Kirby said.', title: null, outlet: null, url: null, published: null, fileName: null },
    'ana',
  ).articleId;
  const claimA = createAnnotation(db, { articleId: a, start: 11, end: 38, tag: 'claim' }, 'ana');
  const claimB = createAnnotation(db, { articleId: b, start: 0, end: 21, tag: 'claim' }, 'ana');
  const saidA = createAnnotation(db, { articleId: a, start: 0, end: 10, tag: 'attribution', speaker: 'Kirby' }, 'ana');
  return { db, claimA, claimB, saidA };
}

describe('links across articles', () => {
  it('keeps direction where it matters: attributed-to runs from the attribution to what it attributes', () => {
    const { db, claimA, claimB, saidA } = twoArticles();
    createLink(db, { fromId: saidA.id, toId: claimA.id, type: 'attributed-to' }, 'ana');
    expect(() => createLink(db, { fromId: claimA.id, toId: saidA.id, type: 'attributed-to' }, 'ana')).toThrow(/links an attribution to the claim or denial/);
    expect(() => createLink(db, { fromId: claimA.id, toId: claimB.id, type: 'attributed-to' }, 'ana')).toThrow(/annotation \d+ is a claim/);
    expect(() => createLink(db, { fromId: claimA.id, toId: claimB.id, type: 'contradicts' }, 'ana')).not.toThrow();
    expect(() => createLink(db, { fromId: claimB.id, toId: claimA.id, type: 'contradicts' }, 'ana')).not.toThrow();
  });

  it('treats same-claim both ways as one link', () => {
    const { db, claimA, claimB } = twoArticles();
    createLink(db, { fromId: claimA.id, toId: claimB.id, type: 'same-claim' }, 'ana');
    expect(() => createLink(db, { fromId: claimB.id, toId: claimA.id, type: 'same-claim' }, 'ana')).toThrow(/already linked/);
    expect(() => createLink(db, { fromId: claimB.id, toId: claimB.id, type: 'cites' }, 'ana')).toThrow(/itself/);
  });

  it('reviewing a suggested link records reviewer and time, and confirming it makes the claim group', () => {
    const { db, claimA, claimB } = twoArticles();
    const link = createLink(db, { fromId: claimA.id, toId: claimB.id, type: 'paraphrase', status: 'suggested', method: 'matcher', score: 0.7 }, 'ana');
    expect(link).toMatchObject({ reviewer: null, reviewedAt: null });
    expect(claimGroupIds(db).size).toBe(0);
    const confirmed = reviewLink(db, link.id, 'confirmed', 'bea');
    expect(confirmed).toMatchObject({ status: 'confirmed', reviewer: 'bea', reviewedAt: expect.stringMatching(/^\d{4}-/) });
    expect(claimGroupIds(db).get(claimB.id)).toBe(claimA.id);
    reviewLink(db, link.id, 'rejected', 'cem');
    expect(claimGroupIds(db).size).toBe(0);
    expect(listEvents(db, 'link', link.id).map((e) => e.action)).toEqual(['link.create', 'link.review', 'link.review']);
  });

  it('refuses to review a link that does not exist', () => {
    const { db } = twoArticles();
    expect(() => reviewLink(db, 42, 'confirmed', 'ana')).toThrow(/no link 42/);
  });
});
