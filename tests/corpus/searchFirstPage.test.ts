import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { searchArticles } from '../../main/corpus/search.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

function corpus() {
  const { db } = tempCorpus();
  const texts = ['the harbour reopened', 'harbour harbour harbour closed', 'a storm near the harbour and the harbour wall', 'no match here'];
  const ids = texts.map((text) => insertArticle(db, { text, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana').articleId);
  return { db, ids };
}

describe('search on a query that matches very many articles', () => {
  it('ranks the matches by relevance while they are few', () => {
    const { db, ids } = corpus();
    const found = searchArticles(db, 'harbour', { rankUpTo: 3 });
    expect(found.ranked).toBe(true);
    // The article saying it three times comes before the first one stored.
    expect(found.articles.map((a) => a.articleId)[0]).toBe(ids[1]);
  });

  it('returns the first page in corpus order, unranked and said to be so, once they pass the limit', () => {
    const { db, ids } = corpus();
    const found = searchArticles(db, 'harbour', { rankUpTo: 2, articleLimit: 2 });
    expect(found.ranked).toBe(false);
    expect(found.articles.map((a) => a.articleId)).toEqual([ids[0], ids[1]]);
    // The matches inside each article are still all found.
    expect(found.articles[1]!.matchCount).toBe(3);
  });
});
