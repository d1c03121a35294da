import { describe, expect, it } from 'vitest';
import { createAnnotation, listAnnotations } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { updateArticleMetadata } from '../../main/corpus/articleMetadata.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { anchorSpan } from '../../main/corpus/textAnchor.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const article = (text: string) => ({ text, title: null, outlet: null, url: null, published: null, fileName: null });

describe('creating an annotation', () => {
  it('stores offsets, the exact quote and 32 code units of context either side', () => {
    const { db } = tempCorpus();
    const text = 'x'.repeat(40) + 'military and technical support' + 'y'.repeat(40);
    const { articleId } = insertArticle(db, article(text), 'ana');
    const annotation = createAnnotation(db, { articleId, start: 40, end: 70, tag: 'claim', speaker: 'John Kirby', note: 'key quote' }, 'ana');
    expect(annotation).toMatchObject({
      articleId,
      start: 40,
      end: 70,
      quote: 'military and technical support',
      prefix: 'x'.repeat(32),
      suffix: 'y'.repeat(32),
      tag: 'claim',
      speaker: 'John Kirby',
      note: 'key quote',
      author: 'ana',
    });
  });

  it('records who created it in the event log, in the same transaction', () => {
    const { db } = tempCorpus();
    const { articleId } = insertArticle(db, article('Tehran did not immediately comment.'), 'ana');
    const annotation = createAnnotation(db, { articleId, start: 0, end: 6, tag: 'denial' }, 'ben');
    const events = listEvents(db, 'annotation', annotation.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'ben', action: 'annotation.create', data: { after: { quote: 'Tehran' } } });
  });

  it("still tags spans after an article's metadata was edited on the same connection", () => {
    const { db } = tempCorpus();
    const { articleId } = insertArticle(db, article('Tehran did not immediately comment.'), 'ana');
    // Editing metadata names the article by its sha256 through a statement the create step shares.
    updateArticleMetadata(db, { id: articleId, outlet: 'Wire' }, 'ana');
    expect(createAnnotation(db, { articleId, start: 0, end: 6, tag: 'claim' }, 'ana')).toMatchObject({ articleId, quote: 'Tehran' });
  });

  it('counts offsets in UTF-16 code units through emoji, CJK and combining marks', () => {
    const { db } = tempCorpus();
    const text = 'Emoji 🇺🇦 then 北京 and é (e + accent) end';
    const { articleId } = insertArticle(db, article(text.normalize('NFC')), 'ana');
    const start = text.indexOf('🇺🇦');
    const annotation = createAnnotation(db, { articleId, start, end: start + 4, tag: 'claim' }, 'ana');
    expect(annotation.quote).toBe('🇺🇦');
    const cjk = text.indexOf('北京');
    expect(createAnnotation(db, { articleId, start: cjk, end: cjk + 2, tag: 'claim' }, 'ana').quote).toBe('北京');
  });

  it('refuses offsets that split a surrogate pair, a span past the end, and a missing article', () => {
    const { db } = tempCorpus();
    const { articleId } = insertArticle(db, article('a😀b'), 'ana');
    expect(() => createAnnotation(db, { articleId, start: 2, end: 4, tag: 'claim' }, 'ana')).toThrow(/inside a character/);
    expect(() => createAnnotation(db, { articleId, start: 0, end: 5, tag: 'claim' }, 'ana')).toThrow(/past the end/);
    expect(() => createAnnotation(db, { articleId: 42, start: 0, end: 1, tag: 'claim' }, 'ana')).toThrow(/no article 42/);
    expect(listAnnotations(db)).toEqual([]);
  });

  it('lists annotations in text order', () => {
    const { db } = tempCorpus();
    const { articleId } = insertArticle(db, article('one two three four'), 'ana');
    createAnnotation(db, { articleId, start: 8, end: 13, tag: 'claim' }, 'ana');
    createAnnotation(db, { articleId, start: 0, end: 3, tag: 'denial' }, 'ana');
    expect(listAnnotations(db, articleId).map((a) => a.quote)).toEqual(['one', 'three']);
  });
});

describe('anchoring context', () => {
  it('never starts or ends context inside a character', () => {
    const text = '😀'.repeat(20) + 'quote' + '😀'.repeat(20);
    const { prefix, suffix, quote } = anchorSpan(text, 40, 45);
    expect(quote).toBe('quote');
    expect(prefix).toBe('😀'.repeat(16));
    expect(suffix).toBe('😀'.repeat(16));
  });

  it('keeps short context at the edges of the text', () => {
    expect(anchorSpan('abc', 0, 3)).toEqual({ quote: 'abc', prefix: '', suffix: '' });
  });
});
