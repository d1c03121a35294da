import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { pageLinks } from '../../main/corpus/linkPages.ts';
import { createLink, reviewLink } from '../../main/corpus/links.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Twelve annotations linked in a chain: eleven links, every third rejected. */
function chain() {
  const { db } = tempCorpus();
  const { articleId } = insertArticle(db, { text: 'word '.repeat(40), title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
  const notes = Array.from({ length: 12 }, (_, i) => createAnnotation(db, { articleId, start: i * 5, end: i * 5 + 4, tag: 'claim' }, 'ana'));
  const links = notes.slice(1).map((a, i) => createLink(db, { fromId: notes[i]!.id, toId: a.id, type: 'same-claim' }, 'ana'));
  links.forEach((l, i) => i % 3 === 0 && reviewLink(db, l.id, 'rejected', 'ana'));
  return { db, notes, links };
}

describe('the link table a page at a time', () => {
  it('gives a page of links oldest first with the total and the annotations at their ends, and nothing more', () => {
    const { db, notes, links } = chain();
    const page = pageLinks(db, { offset: 2, limit: 3 });
    expect(page.total).toBe(11);
    expect(page.links.map((l) => l.id)).toEqual(links.slice(2, 5).map((l) => l.id));
    expect(page.ends.map((a) => a.id)).toEqual(notes.slice(2, 6).map((a) => a.id));
  });

  it('filters by status, counting only that status', () => {
    const { db } = chain();
    const rejected = pageLinks(db, { status: 'rejected', offset: 0, limit: 100 });
    expect(rejected.total).toBe(4);
    expect(rejected.links.every((l) => l.status === 'rejected')).toBe(true);
    expect(pageLinks(db, { status: 'confirmed', offset: 0, limit: 100 }).total).toBe(7);
    expect(pageLinks(db, { status: 'suggested', offset: 0, limit: 10 })).toEqual({ total: 0, offset: 0, links: [], ends: [] });
  });
});
