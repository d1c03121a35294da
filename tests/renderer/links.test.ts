import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../main/api/contract.ts';
import { ghostHighlights } from '../../renderer/links/ghostHighlights.ts';
import { linkKeyAction } from '../../renderer/links/linkKeys.ts';
import { toParagraphs } from '../../renderer/reading/articleDocument.ts';

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

describe('ghost highlights for suggestions', () => {
  const text = 'First line here.\n\nSecond paragraph with the claim.\nThird.';
  const paragraphs = toParagraphs(text);

  it('places each suggestion of this article in its paragraph, in paragraph offsets, with the tag of the annotation it was found for', () => {
    const start = text.indexOf('the claim');
    const ghosts = ghostHighlights(paragraphs, 1, [suggestion(2, 0, 5), suggestion(1, start, start + 9)], () => 'denial');
    expect([...ghosts]).toEqual([[2, [{ annotationId: 7, tag: 'denial', start: 22, end: 31, ghost: true, suggestion: 1 }]]]);
  });

  it('splits a suggestion that runs over a line break into one highlight per paragraph', () => {
    const start = text.indexOf('claim');
    const ghosts = ghostHighlights(paragraphs, 1, [suggestion(1, start, text.length)], () => 'claim');
    expect([...ghosts.keys()]).toEqual([2, 3]);
    expect(ghosts.get(3)).toEqual([expect.objectContaining({ start: 0, end: 6 })]);
  });
});

describe('the linking keys', () => {
  const key = (k: string, extra: Partial<KeyboardEvent> = {}, tagName = 'BODY') => linkKeyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: { tagName } as unknown as EventTarget, ...extra });

  it('p pins and l links', () => {
    expect(key('p')).toBe('pin');
    expect(key('l')).toBe('link');
    expect(key('x')).toBeNull();
  });

  it('never fires while typing in a field or with a modifier held', () => {
    expect(key('p', {}, 'INPUT')).toBeNull();
    expect(key('l', {}, 'TEXTAREA')).toBeNull();
    expect(key('p', { ctrlKey: true })).toBeNull();
    expect(linkKeyAction({ key: 'p', ctrlKey: false, metaKey: false, altKey: false, target: { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget })).toBeNull();
  });
});
