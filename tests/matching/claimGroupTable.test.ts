import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { setClaimRating } from '../../main/corpus/claimRatings.ts';
import { createLink } from '../../main/corpus/links.ts';
import { claimGroupTables, claimMatrix } from '../../main/matching/claimGroupTable.ts';
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

  it('makes the claims × sources matrix: reported, denied through a denies link, absent', () => {
    const { db, a } = story();
    const matrix = claimMatrix(db);
    // Named by the earliest variant, shortened for the row label; the group id is its smallest member's.
    expect(matrix.groups).toEqual([{ id: a.id, label: 'Iran sold hundreds of attack drones to Russia over the summ…' }]);
    expect(matrix.sources.map((s) => s.label)).toEqual(['Early Post', 'Council Daily', 'Tehran Wire', 'Late Times', 'Quiet Gazette']);
    const state = Object.fromEntries(matrix.cells.map((c) => [matrix.sources.find((s) => s.articleId === c.articleId)!.label, c.state]));
    expect(state).toEqual({ 'Early Post': 'reported', 'Council Daily': 'reported', 'Tehran Wire': 'denied', 'Late Times': 'reported', 'Quiet Gazette': 'absent' });
  });
});
