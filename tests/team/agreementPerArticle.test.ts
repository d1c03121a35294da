import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { agreementReport } from '../../main/team/agreementReport.ts';
import { articleText } from '../helpers/syncTeam.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

describe('agreement per article', () => {
  it('lists the articles where two analysts differ first, with the words they labelled differently', () => {
    const { db } = tempCorpus();
    const [same, different] = [11, 12].map(
      (seed) =>
        insertArticle(db, { text: articleText(seed, 120), title: `Report ${seed}`, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId,
    ) as [number, number];
    for (const analyst of ['ana', 'ben']) createAnnotation(db, { articleId: same, start: 0, end: 60, tag: 'claim' }, analyst);
    createAnnotation(db, { articleId: different, start: 0, end: 60, tag: 'claim' }, 'ana');
    createAnnotation(db, { articleId: different, start: 0, end: 60, tag: 'denial' }, 'ben');
    const report = agreementReport(db, { analysts: ['ana', 'ben'] });
    expect(report.perArticle.map((a) => a.articleId)).toEqual([different, same]);
    const [first, second] = report.perArticle;
    expect(first!.differing).toBeGreaterThan(5);
    expect(first!.differing).toBeLessThan(first!.words);
    expect(second).toMatchObject({ differing: 0, kappa: 1 });
  });
});
