import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { claimGroupIds } from '../../main/corpus/claimGroups.ts';
import { createLink } from '../../main/corpus/links.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function sixSpans() {
  const { db } = tempCorpus();
  const { articleId } = insertArticle(db, { text: 'a b c d e f g h i j k l', title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
  const ids = [0, 2, 4, 6, 8, 10].map((start) => createAnnotation(db, { articleId, start, end: start + 1, tag: 'claim' }, 'ana').id);
  return { db, ids };
}

describe('claim groups', () => {
  it('joins annotations through chains of confirmed same-claim and paraphrase links', () => {
    const { db, ids } = sixSpans();
    const [a, b, c, d, e, f] = ids as [number, number, number, number, number, number];
    createLink(db, { fromId: c, toId: b, type: 'same-claim' }, 'ana');
    createLink(db, { fromId: b, toId: a, type: 'paraphrase' }, 'ana');
    createLink(db, { fromId: d, toId: e, type: 'same-claim' }, 'ana');
    expect(Object.fromEntries(claimGroupIds(db))).toEqual({ [a]: a, [b]: a, [c]: a, [d]: d, [e]: d });
    expect(claimGroupIds(db).has(f)).toBe(false);
  });

  it('ignores other link types and links that are not confirmed', () => {
    const { db, ids } = sixSpans();
    const [a, b, c] = ids as [number, number, number];
    createLink(db, { fromId: a, toId: b, type: 'contradicts' }, 'ana');
    createLink(db, { fromId: b, toId: c, type: 'same-claim', status: 'suggested' }, 'ana');
    createLink(db, { fromId: a, toId: c, type: 'same-claim', status: 'rejected' }, 'ana');
    expect(claimGroupIds(db).size).toBe(0);
  });
});
