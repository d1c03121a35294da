import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { createLink } from '../../main/corpus/links.ts';
import { claimMatrix } from '../../main/matching/claimGroupTable.ts';
import { withCoverage } from '../../main/matching/matrixCoverage.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const article = (db: Db, text: string, outlet: string | null) =>
  insertArticle(db, { text, title: null, outlet, url: null, published: null, fileName: null }, 'ana').articleId;
function annotate(db: Db, articleId: number, text: string, quote: string) {
  const start = text.indexOf(quote);
  return createAnnotation(db, { articleId, start, end: start + quote.length, tag: 'claim' }, 'ana');
}

const LONG = 'Officials said the shipments of attack drones continued through the autumn despite repeated denials from both governments involved';

describe('the matrix with what was read', () => {
  it('counts per source the articles nobody annotated, so an empty cell can say "not annotated yet" rather than "not reported"', () => {
    const { db } = tempCorpus();
    const a = article(db, `One: ${LONG}.`, 'Read Post');
    const b = article(db, `Two: ${LONG}.`, 'Half Read Times');
    article(db, 'A second Half Read Times story nobody has tagged.', 'Half Read Times');
    const x = annotate(db, a, `One: ${LONG}.`, LONG);
    const y = annotate(db, b, `Two: ${LONG}.`, LONG);
    createLink(db, { fromId: x.id, toId: y.id, type: 'same-claim' }, 'ana');

    const matrix = withCoverage(db, claimMatrix(db));
    const counts = Object.fromEntries(matrix.sources.map((s) => [s.label, s.unannotatedArticles]));
    expect(counts).toEqual({ 'Read Post': 0, 'Half Read Times': 1 });
  });

  it('gives a group whose label was shortened its earliest variant whole, and leaves a short label alone', () => {
    const { db } = tempCorpus();
    const a = article(db, `One: ${LONG}.`, 'Read Post');
    const b = article(db, 'Two: drones were sent.', 'Other Post');
    const c = article(db, 'Three: drones were sent.', 'Third Post');
    const d = article(db, `Four: ${LONG}.`, 'Fourth Post');
    const x = annotate(db, a, `One: ${LONG}.`, LONG);
    const y = annotate(db, d, `Four: ${LONG}.`, LONG);
    createLink(db, { fromId: x.id, toId: y.id, type: 'same-claim' }, 'ana');
    const p = annotate(db, b, 'Two: drones were sent.', 'drones were sent');
    const q = annotate(db, c, 'Three: drones were sent.', 'drones were sent');
    createLink(db, { fromId: p.id, toId: q.id, type: 'same-claim' }, 'ana');

    const groups = withCoverage(db, claimMatrix(db)).groups;
    const long = groups.find((g) => g.label.startsWith('Officials'))!;
    expect(long.label.endsWith('…')).toBe(true);
    expect(long.wholeLabel).toBe(LONG);
    expect(groups.find((g) => g.label === 'drones were sent')!.wholeLabel).toBeUndefined();
  });
});
