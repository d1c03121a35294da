import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { createLink } from '../../main/corpus/links.ts';
import { linkGraphPage, MAX_GRAPH_NODES } from '../../main/corpus/linkGraphPage.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

function linkedCorpus(articles: number, spansEach: number) {
  const { db } = tempCorpus();
  const ids: number[][] = [];
  for (let a = 0; a < articles; a++) {
    const articleId = insertArticle(db, { text: `${TEXT} ${a}`, title: `A${a}`, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
    ids.push(Array.from({ length: spansEach }, (_, i) => createAnnotation(db, { articleId, start: i * 8, end: i * 8 + 5, tag: 'claim' }, 'ana').id));
  }
  // Each article's spans linked to the next article's: every span ends a link.
  for (let a = 0; a + 1 < articles; a++)
    for (let i = 0; i < spansEach; i++) createLink(db, { fromId: ids[a]![i]!, toId: ids[a + 1]![i]!, type: 'cites' }, 'ana');
  return db;
}

describe('the link graph page', () => {
  it('draws the first linked articles with the spans that end links there and the links between them, and counts every linked article', () => {
    const db = linkedCorpus(5, 2);
    const page = linkGraphPage(db, 3);
    expect(page.articles.map((a) => a.title).sort()).toEqual(['A0', 'A1', 'A2']);
    expect(page.annotations).toHaveLength(6);
    // A0→A1 and A1→A2, two each; the links on to A3 leave the page.
    expect(page.links).toHaveLength(4);
    expect(page.linkedArticles).toBe(5);
  });

  it('stops adding articles before the nodes pass the limit, keeping whole articles', () => {
    const per = Math.ceil(MAX_GRAPH_NODES / 2.5);
    const db = linkedCorpus(4, per);
    const page = linkGraphPage(db, 4);
    expect(page.articles).toHaveLength(2);
    expect(page.annotations).toHaveLength(2 * per);
    expect(page.linkedArticles).toBe(4);
  });

  it('answers an empty page when nothing is linked', () => {
    const { db } = tempCorpus();
    expect(linkGraphPage(db, 10)).toEqual({ articles: [], annotations: [], links: [], linkedArticles: 0 });
  });
});
