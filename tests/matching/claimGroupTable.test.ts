import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { setClaimRating } from '../../main/corpus/claimRatings.ts';
import { createLink } from '../../main/corpus/links.ts';
import { claimGroupPage, claimGroupTables, claimMatrix } from '../../main/matching/claimGroupTable.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function article(db: Db, text: string, outlet: string, published: string | null) {
  return insertArticle(db, { text, title: null, outlet, url: null, published, fileName: null }, 'ana').articleId;
}

function annotate(db: Db, articleId: number, text: string, quote: string, tag: 'claim' | 'denial' = 'claim', speaker?: string) {
  const start = text.indexOf(quote);
  return createAnnotation(db, { articleId, start, end: start + quote.length, tag, speaker }, 'ana');
}

const LATE = 'Kirby said Iran sold dozens of attack drones to Russia over the summer.';
const EARLY = 'Kirby said Iran sold hundreds of attack drones to Russia over the summer.';
const WOODWARD = 'Woodward said Iran sold hundreds of attack drones to Russia over the summer.';
const DENIAL = 'Tehran denied it sold drones to Russia.';

function story() {
  const { db } = tempCorpus();
  const late = article(db, LATE, 'Late Times', '2022-12-11');
  const early = article(db, EARLY, 'Early Post', '2022-12-09');
  const woodward = article(db, WOODWARD, 'Council Daily', '2022-12-10');
  const denial = article(db, DENIAL, 'Tehran Wire', '2022-12-10');
  const silent = article(db, 'Nothing about drones here.', 'Quiet Gazette', null);
  const a = annotate(db, late, LATE, 'Iran sold dozens of attack drones to Russia over the summer', 'claim', 'Kirby');
  const b = annotate(db, early, EARLY, 'Iran sold hundreds of attack drones to Russia over the summer', 'claim', 'John Kirby');
  const c = annotate(db, woodward, WOODWARD, 'Iran sold hundreds of attack drones to Russia over the summer', 'claim', 'Barbara Woodward');
  const d = annotate(db, denial, DENIAL, 'denied it sold drones to Russia', 'denial');
  createLink(db, { fromId: a.id, toId: b.id, type: 'same-claim' }, 'ana');
  createLink(db, { fromId: c.id, toId: b.id, type: 'paraphrase' }, 'ana');
  createLink(db, { fromId: d.id, toId: a.id, type: 'denies' }, 'ana');
  return { db, ids: { late, early, woodward, denial, silent }, a, b, c, d };
}

describe('the review desk tables', () => {
  it('lays out a claim group earliest first, each row diffed against the earliest and classed', () => {
    const { db, a, b, c } = story();
    const [group] = claimGroupTables(db);
    expect(group!.rows.map((r) => [r.outlet, r.annotation.id])).toEqual([
      ['Early Post', b.id],
      ['Council Daily', c.id],
      ['Late Times', a.id],
    ]);
    expect(group!.rows[0]!.primaryDrift).toBe('identical');
    expect(group!.rows[2]!.diff).toContainEqual({ kind: 'replace', base: 'hundreds ', variant: 'dozens ' });
    expect(group!.links).toHaveLength(2);
  });

  it("carries the group's verdict once the analyst has set one, whichever member it was set on", () => {
    const { db, c } = story();
    expect(claimGroupTables(db)[0]!.verdict).toBeNull();
    setClaimRating(db, { annotationId: c.id, ratingValue: 2, alternateName: 'Mostly false' }, 'ana');
    expect(claimGroupTables(db)[0]!.verdict).toEqual({ ratingValue: 2, alternateName: 'Mostly false', reviewer: 'ana', reviewedAt: expect.any(String) });
  });

  it('flags a changed number and the same words from another speaker, and marks the group', () => {
    const { db } = story();
    const [group] = claimGroupTables(db);
    expect(group!.flagged).toBe(true);
    expect(group!.rows[1]!.flags).toEqual([{ kind: 'speaker', detail: 'said by Barbara Woodward, not John Kirby' }]);
    expect(group!.rows[2]!.flags).toEqual([
      { kind: 'number', detail: '“hundreds” dropped, “dozens” added' },
      { kind: 'speaker', detail: 'said by Kirby, not John Kirby' },
    ]);
  });

  it('does not flag a speaker named by an alias once the two speakers are merged', async () => {
    const { db } = story();
    const { mergeSpeakers, speakerOf } = await import('../../main/corpus/speakers.ts');
    mergeSpeakers(db, speakerOf(db, 'John Kirby')!.id, speakerOf(db, 'Kirby')!.id, 'ana');
    const [group] = claimGroupTables(db);
    expect(group!.rows[2]!.flags.map((f) => f.kind)).toEqual(['number']);
    expect(group!.rows[2]!.speakerName).toBe('John Kirby');
  });

  it('makes the claims × sources matrix over the outlets of the claims shown: reported, denied through a denies link, absent', () => {
    const { db, a, ids } = story();
    // A second group, reported by Late Times and Quiet Gazette only: absent from the other sources.
    const second = 'Nothing about drones here.';
    const lateAgain = article(db, 'Officials said the talks ended early.', 'Late Times', '2022-12-12');
    const e = annotate(db, lateAgain, 'Officials said the talks ended early.', 'the talks ended early');
    const f = annotate(db, ids.silent, second, 'Nothing about drones');
    createLink(db, { fromId: e.id, toId: f.id, type: 'same-claim' }, 'ana');
    const matrix = claimMatrix(db);
    // Named by the earliest variant, shortened for the row label; the group id is its smallest member's.
    expect(matrix.groups).toEqual([
      expect.objectContaining({ id: a.id, label: 'Iran sold hundreds of attack drones to Russia over the summ…' }),
      expect.objectContaining({ id: e.id, label: 'the talks ended early' }),
    ]);
    // One column per outlet, earliest first; Late Times cites two of its articles.
    expect(matrix.sources.map((s) => s.label)).toEqual(['Early Post', 'Council Daily', 'Tehran Wire', 'Late Times', 'Quiet Gazette']);
    expect(matrix.sources.find((s) => s.label === 'Late Times')!.articleIds).toEqual([ids.late, lateAgain]);
    const state = (group: number) =>
      Object.fromEntries(matrix.cells.filter((c) => c.groupId === group).map((c) => [matrix.sources.find((s) => s.articleId === c.articleId)!.label, c.state]));
    expect(state(a.id)).toEqual({
      'Early Post': 'reported',
      'Council Daily': 'reported',
      'Tehran Wire': 'denied',
      'Late Times': 'reported',
      'Quiet Gazette': 'absent',
    });
    expect(state(e.id)).toEqual({
      'Early Post': 'absent',
      'Council Daily': 'absent',
      'Tehran Wire': 'absent',
      'Late Times': 'reported',
      'Quiet Gazette': 'reported',
    });
  });

  it('leaves out articles that report none of the claims shown, however many the corpus holds', () => {
    const { db } = story();
    for (let i = 0; i < 30; i++) article(db, `Unrelated report ${i}.`, `Outlet ${i}`, '2022-12-01');
    expect(claimMatrix(db).sources).toHaveLength(4);
  });

  it('gives the matrix a page of groups at a time, and only the groups whose words match a search, with their total', () => {
    const { db, a, ids } = story();
    const other = article(db, 'Officials said the talks ended early.', 'Late Times', '2022-12-12');
    const e = annotate(db, other, 'Officials said the talks ended early.', 'the talks ended early');
    const f = annotate(db, ids.silent, 'Nothing about drones here.', 'Nothing about drones');
    createLink(db, { fromId: e.id, toId: f.id, type: 'same-claim' }, 'ana');
    expect(claimMatrix(db, { offset: 1, limit: 1 })).toMatchObject({ groups: [{ id: e.id }], totalGroups: 2 });
    const found = claimMatrix(db, { query: 'DOZENS attack' });
    expect(found.groups.map((g) => g.id)).toEqual([a.id]);
    expect(found.totalGroups).toBe(1);
    expect(claimMatrix(db, { query: 'nowhere' })).toMatchObject({ groups: [], sources: [], cells: [], totalGroups: 0 });
  });

  it('lays out one page of claim groups at a time, with how many there are', () => {
    const { db, a, ids } = story();
    const other = article(db, 'Officials said the talks ended early.', 'Late Times', '2022-12-12');
    const e = annotate(db, other, 'Officials said the talks ended early.', 'the talks ended early');
    const f = annotate(db, ids.silent, 'Nothing about drones here.', 'Nothing about drones');
    createLink(db, { fromId: e.id, toId: f.id, type: 'same-claim' }, 'ana');
    const first = claimGroupPage(db, { offset: 0, limit: 1 });
    expect(first.total).toBe(2);
    expect(first.groups.map((g) => g.id)).toEqual([a.id]);
    expect(first.groups[0]).toEqual(claimGroupTables(db)[0]);
    expect(claimGroupPage(db, { offset: 1, limit: 1 }).groups.map((g) => g.id)).toEqual([e.id]);
    expect(claimGroupPage(db, { offset: 2, limit: 1 }).groups).toEqual([]);
  });
});
