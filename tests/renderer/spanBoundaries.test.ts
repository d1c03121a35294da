import { describe, expect, it } from 'vitest';
import { resizeSpan, snapToWords, trimSpan } from '../../renderer/annotations/spanBoundaries.ts';

const TEXT = 'Kirby said  Russia’s 😀drones were "unprecedented".';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const quote = (span: { start: number; end: number } | null) => span && TEXT.slice(span.start, span.end);

describe('trimming a new span', () => {
  it('drops leading and trailing whitespace', () => {
    expect(quote(trimSpan(TEXT, at(' said  ')))).toBe('said');
  });
  it('gives nothing for a span of whitespace only', () => {
    expect(trimSpan(TEXT, { start: TEXT.indexOf('  '), end: TEXT.indexOf('  ') + 2 })).toBeNull();
  });
});

describe('snapping to word boundaries', () => {
  it('widens a span that cuts words to the whole words, keeping apostrophes inside a word', () => {
    expect(quote(snapToWords(TEXT, at('rby said  Russ')))).toBe('Kirby said  Russia’s');
  });
  it('leaves punctuation and emoji at the edges alone and never splits a surrogate pair', () => {
    expect(quote(snapToWords(TEXT, at('"unprecedented"')))).toBe('"unprecedented"');
    const span = snapToWords(TEXT, at('😀dro'));
    expect(quote(span)).toBe('😀drones');
  });
});

describe('resizing by a word from the keyboard', () => {
  it('grows and shrinks the end', () => {
    expect(quote(resizeSpan(TEXT, at('Kirby'), 'end', 'grow'))).toBe('Kirby said');
    expect(quote(resizeSpan(TEXT, at('Kirby said'), 'end', 'shrink'))).toBe('Kirby');
  });
  it('grows and shrinks the start', () => {
    expect(quote(resizeSpan(TEXT, at('Russia’s'), 'start', 'grow'))).toBe('said  Russia’s');
    expect(quote(resizeSpan(TEXT, at('said  Russia’s'), 'start', 'shrink'))).toBe('Russia’s');
  });
  it('refuses to shrink a one-word span to nothing or to grow past the text', () => {
    expect(resizeSpan(TEXT, at('Kirby'), 'end', 'shrink')).toBeNull();
    expect(resizeSpan(TEXT, at('Kirby'), 'start', 'grow')).toBeNull();
    expect(resizeSpan(TEXT, at('"unprecedented".'), 'end', 'grow')).toBeNull();
  });
});
