import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../main/contract/contract.ts';
import { acceptInput, rejectInput } from '../../renderer/links/suggestionActions.ts';
import { toParagraphs } from '../../renderer/reading/articleDocument.ts';
import { indexByParagraph, suggestionMark, SUGGESTION_MARK } from '../../renderer/reading/decorations.ts';
import { userMessage } from '../../renderer/data/userMessage.ts';

const suggestion = (articleId: number, start: number, end: number): Suggestion => ({
  sourceId: 7,
  articleId,
  start,
  end,
  quote: '',
  score: 0.8,
  existingAnnotationId: null,
  explanation: { sharedWords: [], operations: [], coverage: 1, precision: 1, summary: '' },
});

describe('suggestions as decorations', () => {
  const text = 'First line here.\n\nSecond paragraph with the claim.\nThird.';
  const paragraphs = toParagraphs(text);

  it('marks a suggestion with its place in the list, so a click on its text finds it', () => {
    expect(SUGGESTION_MARK.exec(suggestionMark(3))?.[1]).toBe('3');
  });

  it('splits a suggestion that runs over a line break into one piece per paragraph, like any highlight', () => {
    const start = text.indexOf('claim');
    const index = indexByParagraph(paragraphs, [{ mark: suggestionMark(0), value: 'ghost', start, end: text.length }]);
    expect([...index.keys()]).toEqual([2, 3]);
    expect(index.get(3)).toEqual([{ mark: 'hl_g_0', value: 'ghost', start: 0, end: 6 }]);
  });
});

describe('accepting and rejecting a suggestion', () => {
  it('accepts with the link type chosen when it is one that groups reports, and with the default otherwise', () => {
    expect(acceptInput(suggestion(2, 4, 9), 'paraphrase')).toEqual({ annotationId: 7, articleId: 2, start: 4, end: 9, score: 0.8, type: 'paraphrase' });
    expect(acceptInput(suggestion(2, 4, 9), 'contradicts')).not.toHaveProperty('type');
    expect(rejectInput(suggestion(2, 4, 9))).toEqual({ annotationId: 7, articleId: 2, start: 4, end: 9 });
  });
});

describe('error text for people', () => {
  it('drops the internal request name from a refused request and keeps the reason', () => {
    expect(userMessage(new Error('Invalid articles.updateMetadata request: published: expected YYYY-MM-DD.'))).toBe(
      'Not saved: published: expected YYYY-MM-DD.',
    );
    expect(userMessage(new Error('Annotation 4 not found.'))).toBe('Annotation 4 not found.');
  });
});
