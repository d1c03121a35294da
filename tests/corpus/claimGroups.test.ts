import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { claimGroupIds } from '../../main/corpus/claimGroups.ts';
import { createLink } from '../../main/corpus/links.ts';
import { claimGroupTables } from '../../main/matching/claimGroupTable.ts';
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

  it('takes a claim’s speaker from the attribution linked to it, and flags a report that puts the claim in another speaker’s mouth', () => {
    const { db } = tempCorpus();
    const article = (text: string, published: string) =>
      insertArticle(db, { text, title: null, outlet: null, url: null, published, fileName: null }, 'ana').articleId;
    const first = article('The port will reopen on Monday, the harbour master said.', '2024-01-01');
    const second = article('The port will reopen on Monday, a union leader said.', '2024-01-02');
    const span = (articleId: number, text: string, quote: string, tag: 'claim' | 'attribution', speaker?: string) =>
      createAnnotation(db, { articleId, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, tag, speaker }, 'ana').id;
    const claimA = span(first, 'The port will reopen on Monday, the harbour master said.', 'The port will reopen on Monday', 'claim');
    const saidA = span(first, 'The port will reopen on Monday, the harbour master said.', 'the harbour master said', 'attribution', 'Harbour master');
    const claimB = span(second, 'The port will reopen on Monday, a union leader said.', 'The port will reopen on Monday', 'claim');
    const saidB = span(second, 'The port will reopen on Monday, a union leader said.', 'a union leader said', 'attribution', 'Union leader');
    createLink(db, { fromId: claimA, toId: claimB, type: 'same-claim' }, 'ana');
    createLink(db, { fromId: saidA, toId: claimA, type: 'attributed-to' }, 'ana');
    createLink(db, { fromId: saidB, toId: claimB, type: 'attributed-to' }, 'ana');
    const [group] = claimGroupTables(db);
    expect(group!.rows.map((r) => r.speakerName)).toEqual(['Harbour master', 'Union leader']);
    expect(group!.rows[1]!.flags).toEqual([{ kind: 'speaker', detail: 'said by Union leader, not Harbour master' }]);
    expect(group!.flagged).toBe(true);
  });
});
