import { describe, expect, it } from 'vitest';
import { findSpans } from '../../main/matching/spanFinder.ts';
import { tokenize } from '../../main/matching/tokens.ts';

/** The spans of `text` that report `quote`, as the text's own words. */
const found = (quote: string, text: string) => findSpans(tokenize(quote), tokenize(text)).map((m) => text.slice(m.start, m.end));
const best = (quote: string, text: string) => findSpans(tokenize(quote), tokenize(text))[0];

const KIRBY = 'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership';

describe('finding a quote in another text', () => {
  it('finds the same words with exact boundaries and a perfect score', () => {
    const text = `Kirby said Russia was offering Iran "${KIRBY}." Tehran did not comment.`;
    expect(found(KIRBY, text)).toEqual([KIRBY]);
    expect(best(KIRBY, text)!.score).toBe(1);
  });

  it('sees through typography: curly quotes, dashes, case and “fully fledged” for “full-fledged”', () => {
    const text =
      'Moscow “is offering Iran an unprecedented level of military and technical support — that is transforming their relationship into a fully fledged defense partnership.”';
    expect(found(KIRBY, text)).toEqual([
      'an unprecedented level of military and technical support — that is transforming their relationship into a fully fledged defense partnership',
    ]);
    expect(best(KIRBY, text)!.score).toBeGreaterThan(0.95);
  });

  it('matches word swaps — “technique” for “technical support”, “jets” for “planes”, “supply” for “provide” — and names them', () => {
    const drifted = 'an unprecedented level of military and technique that transforms their relationship into a full-fledged defense partnership';
    expect(found(KIRBY, `saying Russia was offering Iran “${drifted}”.`)).toEqual([drifted]);
    const jets = best(
      "These fighter planes will significantly strengthen Iran's air force",
      'He said: “These fighter jets will significantly strengthen Iran’s air force compared to its neighbours.”',
    )!;
    expect(jets.operations).toContainEqual({ op: 'near', from: 'planes', to: 'jets' });
    const supply = best(
      'Russia intends to provide Iran with more advanced military components',
      'We are concerned that Russia intends to supply Iran with more advanced military components, she said.',
    )!;
    expect(supply.operations).toContainEqual({ op: 'near', from: 'provide', to: 'supply' });
    expect(supply.score).toBeGreaterThan(0.85);
  });

  it('finds a truncated report, bounded to the words it kept', () => {
    const text = 'The spokesman alleged that Russia is providing Iran with "an unprecedented level of military and technical support" .';
    expect(found(KIRBY, text)).toEqual(['an unprecedented level of military and technical support']);
  });

  it('keeps words a reordering moved next to the match', () => {
    const quote = 'Kirby said Russia is training Iranian pilots on the Sukhoi Su-35 fighter';
    const text = 'Russia is training Iranian pilots on the Sukhoi Su-35 fighter, Kirby said on Friday.';
    const match = best(quote, text)!;
    expect(text.slice(match.start, match.end)).toBe('Russia is training Iranian pilots on the Sukhoi Su-35 fighter, Kirby said');
    expect(match.operations.filter((o) => o.op === 'moved').map((o) => o.to)).toEqual(['Kirby', 'said']);
  });

  it('finds every occurrence in one text, best first', () => {
    const text = `First: ${KIRBY}. Later, again: an unprecedented level of military and technical support.`;
    expect(found(KIRBY, text)).toEqual([KIRBY, 'an unprecedented level of military and technical support']);
  });

  it('does not match text that only shares function words and a name or two', () => {
    const quote = 'Iran is considering the sale of hundreds of ballistic missiles to Russia';
    expect(found(quote, 'Russia is one of the countries that Iran has said it is in talks with, and it is the one to watch.')).toEqual([]);
    expect(found(quote, 'It is the sale of the century, and it is in the hands of the people of the town.')).toEqual([]);
    expect(found(KIRBY, 'The weather in the region is expected to improve by the end of the week, officials said.')).toEqual([]);
  });

  it('does not carry a match across a paragraph break', () => {
    const text = 'Russia is offering Iran an unprecedented level\n\nof military and technical support that is transforming their relationship.';
    for (const match of findSpans(tokenize(KIRBY), tokenize(text))) expect(text.slice(match.start, match.end)).not.toContain('\n');
  });

  it('explains itself: shared words, the edit operations, coverage and precision', () => {
    const match = best(
      'Tehran sold hundreds of attack drones to Moscow over the summer',
      'The administration says Iran sold hundreds of attack drones to Russia over the summer.',
    )!;
    expect(match.sharedWords).toEqual(['sold', 'hundreds', 'attack', 'drones', 'summer']);
    expect(match.operations).toContainEqual({ op: 'near', from: 'Tehran', to: 'Iran' });
    expect(match.operations).toContainEqual({ op: 'near', from: 'Moscow', to: 'Russia' });
    expect(match.coverage).toBeGreaterThan(0.8);
    expect(match.precision).toBe(1);
  });
});
