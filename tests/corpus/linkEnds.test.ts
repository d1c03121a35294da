import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

function corpus() {
  const { db } = tempCorpus();
  const article = (fileName: string) => insertArticle(db, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName }, 'ana').articleId;
  const api = createHandlers({ db, actor: 'ana' });
  const [a, b] = [article('a.txt'), article('b.txt')];
  const claim = api['annotations.create']({ articleId: a, ...span('military and technical support'), tag: 'claim' });
  const echo = api['annotations.create']({ articleId: b, ...span('military and technical support'), tag: 'claim' });
  const denial = api['annotations.create']({ articleId: b, ...span('Tehran denied it'), tag: 'denial' });
  return { api, dispatch: createDispatch(api), claim, echo, denial };
}

describe('links with their other ends', () => {
  it('gives each link of an annotation the annotation at its other end, whichever way the link points', () => {
    const { api, claim, echo, denial } = corpus();
    const same = api['links.create']({ fromId: claim.id, toId: echo.id, type: 'same-claim' });
    const denies = api['links.create']({ fromId: denial.id, toId: claim.id, type: 'denies' });
    expect(api['links.list']({ annotationId: claim.id, otherEnds: true })).toEqual([
      { ...same, other: echo },
      { ...denies, other: denial },
    ]);
    expect(api['links.list']({ annotationId: echo.id, otherEnds: true })).toEqual([{ ...same, other: claim }]);
  });

  it('lists the links alone when the other ends are not asked for', () => {
    const { api, claim, echo } = corpus();
    const same = api['links.create']({ fromId: claim.id, toId: echo.id, type: 'same-claim' });
    expect(api['links.list']({ annotationId: claim.id })).toEqual([same]);
    expect(api['links.list']({ annotationId: claim.id })[0]).not.toHaveProperty('other');
  });

  it('refuses other ends without the annotation they are seen from', () => {
    const { dispatch } = corpus();
    const answer = dispatch('links.list', { otherEnds: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/otherEnds needs an annotationId/);
  });
});
