import { describe, expect, it } from 'vitest';
import { anchorSpan } from '../../main/corpus/textAnchor.ts';
import { reanchor, similarity } from '../../main/ingest/reanchor.ts';

const OLD = 'The White House said on Friday that Russia was offering Iran an unprecedented level of military and technical support, officials said.';
const anchorOf = (text: string, quote: string) => anchorSpan(text, text.indexOf(quote), text.indexOf(quote) + quote.length);

describe('re-anchoring an annotation in a changed version of its article', () => {
  it('moves it with confidence when the quote and its context are still there, wherever the text shifted', () => {
    const anchor = anchorOf(OLD, 'military and technical support');
    const changed = 'UPDATED with Kremlin comment.\n\n' + OLD + ' The Kremlin declined to comment.';
    const placement = reanchor(anchor, changed);
    expect(placement).toMatchObject({ confident: true, start: changed.indexOf('military and technical'), score: 1 });
  });

  it('moves it with confidence when the text beyond its sentence was edited but its own clause still agrees', () => {
    const text = 'Talks ended. Russia was offering Iran support. Officials said so on Friday.';
    const anchor = anchorOf(text, 'offering Iran support');
    const changed = 'Talks ended. Russia was offering Iran support. Officials said so on Saturday.';
    expect(reanchor(anchor, changed)).toMatchObject({ confident: true, start: changed.indexOf('offering') });
  });

  it.each([
    ['a negation put in front of it', 'Kirby said it is false that Russia is offering Iran support. Talks ended.'],
    ['a denial by someone else', 'Tehran denied Russia is offering Iran support. Talks ended.'],
    ['another speaker', 'Psaki said Russia is offering Iran support. Talks ended.'],
    ['a negation after it', 'Kirby said Russia is offering Iran support, not. Talks ended.'],
  ])('never moves it into %s: the orphans queue gets it, with the place as a suggestion', (_what, changed) => {
    const text = 'Kirby said Russia is offering Iran support. Talks ended.';
    const anchor = anchorOf(text, 'Russia is offering Iran support');
    expect(reanchor(anchor, changed)).toMatchObject({
      confident: false,
      start: changed.indexOf('Russia is offering'),
      reason: expect.stringMatching(/words around it in its sentence changed|text around it changed/),
    });
  });

  it('never moves a quote that opened the article once something is put in front of it', () => {
    const text = 'Russia is offering Iran support. Talks ended.';
    const anchor = anchorOf(text, 'Russia is offering Iran support');
    expect(reanchor(anchor, 'It is false that Russia is offering Iran support. Talks ended.').confident).toBe(false);
    expect(reanchor(anchor, 'Update: talks ended. Russia is offering Iran support. Talks ended.').confident).toBe(true);
  });

  it('asks when the quote appears twice and the context cannot tell the two apart', () => {
    const text = 'Kirby said: "they deny it". Later Kirby said: "they deny it". End.';
    const anchor = anchorSpan(text, text.indexOf('they deny it'), text.indexOf('they deny it') + 12);
    const changed = 'Kirby said: "they deny it". Kirby said: "they deny it". Kirby said: "they deny it".';
    const placement = reanchor(anchor, changed);
    expect(placement.confident).toBe(false);
    if (!placement.confident) expect(placement.reason).toMatch(/appears 3 times/);
  });

  it('never moves it silently to a lookalike passage whose surroundings are different', () => {
    const anchor = anchorOf(OLD, 'military and technical support');
    const lookalike = 'In an unrelated briefing, Paris promised Kyiv military and technical support for the winter.';
    const placement = reanchor(anchor, lookalike);
    expect(placement).toMatchObject({ confident: false, start: lookalike.indexOf('military'), reason: expect.stringMatching(/text around it changed/) });
  });

  it('suggests, without moving, the passage between the old context when the quoted words changed', () => {
    const anchor = anchorOf(OLD, 'military and technical support');
    const changed = OLD.replace('military and technical support', 'military and technique support');
    const placement = reanchor(anchor, changed);
    expect(placement).toMatchObject({ confident: false, start: changed.indexOf('military'), end: changed.indexOf(', officials') });
    expect(placement.score).toBeCloseTo(1 - 3 / 30);
  });

  it('gives no suggestion when neither quote nor context survive', () => {
    const anchor = anchorOf(OLD, 'military and technical support');
    expect(reanchor(anchor, 'A completely different story about the weather in Lisbon.')).toEqual({
      confident: false,
      start: null,
      end: null,
      score: null,
      reason: 'the quote is no longer in the text',
    });
  });

  it('measures similarity as one minus the normalised edit distance', () => {
    expect(similarity('technical', 'technical')).toBe(1);
    expect(similarity('technical', 'technique')).toBeCloseTo(1 - 3 / 9);
    expect(similarity('abc', 'xyz')).toBe(0);
  });
});
