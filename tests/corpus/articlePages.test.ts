import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { articleSummaries, listOutlets, pageArticles } from '../../main/corpus/articlePages.ts';
import { insertArticle, listArticles } from '../../main/corpus/articles.ts';
import { markSuperseded } from '../../main/corpus/articleVersions.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Articles 1…n, dated day n of January except every fifth (undated), outlets A, B, C in turn, none for every seventh. */
function corpus(n: number) {
  const { db } = tempCorpus();
  const ids = Array.from({ length: n }, (_, i) => {
    const published = i % 5 === 4 ? null : `2026-01-${String((i % 28) + 1).padStart(2, '0')}`;
    const outlet = i % 7 === 6 ? null : 'ABC'[i % 3]!;
    return insertArticle(db, { text: `Article number ${i} says something.`, title: `Title ${i}`, outlet, url: null, published, fileName: null }, 'ana')
      .articleId;
  });
  return { db, ids };
}

describe('the article list a page at a time', () => {
  it('gives the pages of the whole list in the order of the full list, with the total, so paging shows every article once', () => {
    const { db } = corpus(57);
    const all = listArticles(db).map((a) => a.id);
    const paged: number[] = [];
    for (let offset = 0; offset < 57; offset += 10) {
      const page = pageArticles(db, { offset, limit: 10 });
      expect(page.total).toBe(57);
      expect(page.offset).toBe(offset);
      paged.push(...page.articles.map((a) => a.id));
    }
    expect(paged).toEqual(all);
  });

  it('sorts newest first with undated articles still last, and by outlet then date', () => {
    const { db } = corpus(30);
    const newest = pageArticles(db, { sort: 'date-descending', offset: 0, limit: 30 }).articles;
    const dated = newest.filter((a) => a.published !== null);
    expect(newest.slice(0, dated.length)).toEqual(dated);
    expect(dated.map((a) => a.published)).toEqual([...dated.map((a) => a.published)].sort().reverse());
    const byOutlet = pageArticles(db, { sort: 'outlet', offset: 0, limit: 30 }).articles.map((a) => a.outlet);
    expect(byOutlet).toEqual([...byOutlet].sort((x, y) => (x ?? '').localeCompare(y ?? '')));
  });

  it('filters by outlet, by a missing outlet, by dates, and counts only what the filters let through', () => {
    const { db } = corpus(42);
    const a = pageArticles(db, { outlet: 'A', offset: 0, limit: 100 });
    expect(a.articles.every((x) => x.outlet === 'A')).toBe(true);
    expect(a.total).toBe(a.articles.length);
    expect(
      pageArticles(db, { outlet: null, offset: 0, limit: 100 })
        .articles.map((x) => x.title)
        .sort(),
    ).toEqual(['Title 13', 'Title 20', 'Title 27', 'Title 34', 'Title 41', 'Title 6']);
    const january = pageArticles(db, { from: '2026-01-10', to: '2026-01-12', offset: 0, limit: 100 }).articles;
    expect(january.length).toBeGreaterThan(0);
    expect(january.every((x) => x.published! >= '2026-01-10' && x.published! <= '2026-01-12')).toBe(true);
  });

  it('filters articles with annotations, and versions a newer one replaced', () => {
    const { db, ids } = corpus(12);
    createAnnotation(db, { articleId: ids[3]!, start: 0, end: 7, tag: 'claim' }, 'ana');
    createAnnotation(db, { articleId: ids[3]!, start: 8, end: 14, tag: 'claim' }, 'ana');
    createAnnotation(db, { articleId: ids[8]!, start: 0, end: 7, tag: 'denial' }, 'ana');
    expect(
      pageArticles(db, { annotated: true, offset: 0, limit: 100 })
        .articles.map((a) => a.id)
        .sort(),
    ).toEqual([ids[3], ids[8]]);
    expect(pageArticles(db, { annotated: false, offset: 0, limit: 100 }).total).toBe(10);
    markSuperseded(db, ids[1]!, ids[2]!, '2026-02-01T00:00:00Z', 'ana');
    expect(pageArticles(db, { superseded: true, offset: 0, limit: 100 }).articles.map((a) => a.id)).toEqual([ids[1]]);
    expect(pageArticles(db, { superseded: false, offset: 0, limit: 100 }).total).toBe(11);
  });

  it('names the replaced versions among the rows of a page, and only those', () => {
    const { db, ids } = corpus(12);
    markSuperseded(db, ids[1]!, ids[2]!, '2026-02-01T00:00:00Z', 'ana');
    markSuperseded(db, ids[10]!, ids[11]!, '2026-02-02T00:00:00Z', 'ana');
    expect(pageArticles(db, { offset: 0, limit: 100 }).replaced).toEqual([ids[1], ids[10]]);
    expect(pageArticles(db, { superseded: false, offset: 0, limit: 100 }).replaced).toEqual([]);
    const page = pageArticles(db, { offset: 0, limit: 5 });
    expect(page.replaced.every((id) => page.articles.some((a) => a.id === id))).toBe(true);
  });

  it('answers an offset past the end with no rows and the true total', () => {
    const { db } = corpus(5);
    expect(pageArticles(db, { offset: 100, limit: 10 })).toEqual({ total: 5, offset: 100, articles: [], replaced: [] });
  });

  it('lists outlets with their article counts, articles without an outlet last', () => {
    const { db } = corpus(14);
    expect(listOutlets(db)).toEqual([
      { outlet: 'A', articles: 4 },
      { outlet: 'B', articles: 4 },
      { outlet: 'C', articles: 4 },
      { outlet: null, articles: 2 },
    ]);
  });

  it('gives the summaries of the articles asked for, in that order, leaving out unknown ids', () => {
    const { db, ids } = corpus(6);
    expect(articleSummaries(db, [ids[4]!, 999, ids[1]!]).map((a) => a.id)).toEqual([ids[4], ids[1]]);
    expect(articleSummaries(db, [])).toEqual([]);
  });

  it('refuses through the contract a page larger than the limit, a negative offset and an unknown sort', () => {
    const { db } = corpus(3);
    const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }));
    for (const bad of [
      { offset: 0, limit: 501 },
      { offset: -1, limit: 10 },
      { offset: 0, limit: 10, sort: 'title' },
      { offset: 0, limit: 10, from: '1 Jan' },
    ]) {
      const result = dispatch('articles.page', bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(dispatch('articles.page', { offset: 0, limit: 2 })).toMatchObject({ ok: true, value: { total: 3 } });
  });
});
