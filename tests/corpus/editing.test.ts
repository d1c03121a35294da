import { describe, expect, it } from 'vitest';
import { createAnnotation, deleteAnnotation, getAnnotation, updateAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { createLink, listLinks } from '../../main/corpus/links.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support.';

function corpusWithSpan() {
  const { db } = tempCorpus();
  const { articleId } = insertArticle(db, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
  const start = TEXT.indexOf('military');
  const annotation = createAnnotation(db, { articleId, start, end: start + 'military and technical'.length, tag: 'claim' }, 'ana');
  return { db, articleId, annotation };
}

describe('updating an annotation', () => {
  it('retags and re-notes it, recording before and after', () => {
    const { db, annotation } = corpusWithSpan();
    const after = updateAnnotation(db, { id: annotation.id, tag: 'denial', note: 'checked' }, 'ben');
    expect(after).toMatchObject({ tag: 'denial', note: 'checked', quote: 'military and technical' });
    const [, event] = listEvents(db, 'annotation', annotation.id);
    expect(event).toMatchObject({ actor: 'ben', action: 'annotation.update', data: { before: { tag: 'claim' }, after: { tag: 'denial' } } });
  });

  it('re-takes quote and context when a boundary moves', () => {
    const { db, annotation } = corpusWithSpan();
    const grown = updateAnnotation(db, { id: annotation.id, end: annotation.end + ' support'.length }, 'ana');
    expect(grown.quote).toBe('military and technical support');
    expect(grown.suffix).toBe('.');
  });

  it('refuses a boundary past the text or before the start, changing nothing', () => {
    const { db, annotation } = corpusWithSpan();
    expect(() => updateAnnotation(db, { id: annotation.id, end: 9999 }, 'ana')).toThrow(/past the end/);
    expect(() => updateAnnotation(db, { id: annotation.id, end: annotation.start }, 'ana')).toThrow(/end after it starts/);
    expect(getAnnotation(db, annotation.id)).toEqual(annotation);
    expect(listEvents(db, 'annotation', annotation.id)).toHaveLength(1);
  });

  it('clears the speaker with null and keeps it when not given', () => {
    const { db, annotation } = corpusWithSpan();
    updateAnnotation(db, { id: annotation.id, speaker: 'John Kirby' }, 'ana');
    expect(updateAnnotation(db, { id: annotation.id, note: 'x' }, 'ana').speaker).toBe('John Kirby');
    expect(updateAnnotation(db, { id: annotation.id, speaker: null }, 'ana').speaker).toBeNull();
  });
});

describe('deleting an annotation', () => {
  it('removes it with its links and keeps both in the event log', () => {
    const { db, articleId, annotation } = corpusWithSpan();
    const kirby = createAnnotation(db, { articleId, start: 0, end: 10, tag: 'attribution' }, 'ana');
    const link = createLink(db, { fromId: kirby.id, toId: annotation.id, type: 'attributed-to' }, 'ana');
    deleteAnnotation(db, annotation.id, 'ana');
    expect(() => getAnnotation(db, annotation.id)).toThrow(/no annotation/);
    expect(listLinks(db)).toEqual([]);
    const event = listEvents(db, 'annotation', annotation.id).at(-1);
    expect(event).toMatchObject({ action: 'annotation.delete', data: { before: { id: annotation.id }, links: [{ id: link.id }] } });
  });

  it('refuses a missing annotation', () => {
    const { db } = corpusWithSpan();
    expect(() => deleteAnnotation(db, 404, 'ana')).toThrow(/no annotation 404/);
  });
});

describe('links', () => {
  it('links two annotations as confirmed by the analyst who made it', () => {
    const { db, articleId, annotation } = corpusWithSpan();
    const other = createAnnotation(db, { articleId, start: 0, end: 5, tag: 'attribution' }, 'ana');
    const link = createLink(db, { fromId: other.id, toId: annotation.id, type: 'attributed-to' }, 'ben');
    expect(link).toMatchObject({ status: 'confirmed', method: 'manual', reviewer: 'ben', score: null });
    expect(listLinks(db, annotation.id)).toEqual([link]);
  });

  it('refuses self-links, missing ends and duplicates, including reversed same-claim links', () => {
    const { db, articleId, annotation } = corpusWithSpan();
    const other = createAnnotation(db, { articleId, start: 0, end: 5, tag: 'claim' }, 'ana');
    expect(() => createLink(db, { fromId: annotation.id, toId: annotation.id, type: 'same-claim' }, 'ana')).toThrow(/itself/);
    expect(() => createLink(db, { fromId: annotation.id, toId: 999, type: 'same-claim' }, 'ana')).toThrow(/no annotation 999/);
    createLink(db, { fromId: annotation.id, toId: other.id, type: 'same-claim' }, 'ana');
    expect(() => createLink(db, { fromId: other.id, toId: annotation.id, type: 'same-claim' }, 'ana')).toThrow(/already linked/);
    // Direction matters for citing: the reverse is a different statement.
    createLink(db, { fromId: annotation.id, toId: other.id, type: 'cites' }, 'ana');
    expect(() => createLink(db, { fromId: other.id, toId: annotation.id, type: 'cites' }, 'ana')).not.toThrow();
  });
});
