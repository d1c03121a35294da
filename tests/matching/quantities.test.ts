import { describe, expect, it } from 'vitest';
import { claimStructure, compareStructure } from '../../main/matching/claimStructure.ts';
import { clausesOf } from '../../main/matching/clauses.ts';
import { tokenize } from '../../main/matching/tokens.ts';

const structureOf = (text: string) => {
  const tokens = tokenize(text);
  return claimStructure(text, tokens, 0, tokens.length - 1);
};
const sameNumber = (a: string, b: string) => compareStructure(structureOf(a), structureOf(b)).sameNumber;

describe('quantities a rewording keeps in other units or words', () => {
  it('takes a duration in days, weeks, months or years as one quantity', () => {
    expect(sameNumber('the review will report within 90 days', 'the review will report within three months')).toBe(true);
    expect(sameNumber('the review will report within 90 days', 'the review will report within six months')).toBe(false);
    expect(sameNumber('the files are usually published within two weeks', 'the files usually appear within about a fortnight')).toBe(true);
    expect(sameNumber('the best terms in fifteen years', 'the best terms in a decade and a half')).toBe(true);
    expect(sameNumber('the best terms in fifteen years', 'the best terms in a decade')).toBe(false);
  });

  it('reads a number in words with "and" after the hundreds, as British English writes it, as one number', () => {
    expect(structureOf('the plant will shed three hundred and forty jobs').numbers).toEqual(['340']);
    expect(sameNumber('the plant will shed 340 jobs', 'the plant will shed three hundred and forty jobs')).toBe(true);
    expect(sameNumber('the plant will shed 342 jobs', 'the plant will shed three hundred and forty-two jobs')).toBe(true);
    expect(sameNumber('the plant will shed 340 jobs', 'the plant will shed three hundred jobs')).toBe(false);
    expect(sameNumber('it will cost 2,105,000 dollars', 'it will cost two million one hundred and five thousand dollars')).toBe(true);
    // In figures, "and" joins two numbers.
    expect(structureOf('300 and 40 members voted').numbers).toEqual(['300', '40']);
  });

  it('reads a clock time written with a colon, a point or in words as one time', () => {
    expect(sameNumber('the ferry left at 7.45pm', 'the ferry left at 7:45 p.m.')).toBe(true);
    expect(sameNumber('the ferry left at 9.15pm', 'the ferry left at a quarter past nine')).toBe(true);
    expect(sameNumber('the ferry left at 9.15pm', 'the ferry left at half past nine')).toBe(false);
  });

  it('does not cut a clause at the colon of a clock time', () => {
    const text = 'The ferry left at 7:45 p.m., an hour late.';
    const tokens = tokenize(text);
    const clauses = clausesOf(text, tokens, 0, tokens.length - 1).map(([a, b]) => text.slice(tokens[a]!.start, tokens[b]!.end));
    expect(clauses).toEqual(['The ferry left at 7:45 p.m', 'an hour late']);
  });

  it('compares an ordinal in words with the same count in figures', () => {
    expect(sameNumber('the market stayed shut for a third day', 'it is day three of the closure')).toBe(true);
    expect(sameNumber('the market stayed shut for a third day', 'it is day four of the closure')).toBe(false);
  });

  it('counts a duration said without a figure (“a year”) as compared, not as a number the claim states', () => {
    const late = structureOf('the ruling came a year too late');
    expect(late.numbers).toEqual([]);
    expect(sameNumber('the ruling came a year too late', 'the ruling came twelve months late')).toBe(true);
    expect(sameNumber('the ruling came a year too late', 'the ruling came six months late')).toBe(false);
  });

  it('reads “a day” after a figure as a rate, not a duration', () => {
    expect(structureOf('the closure costs shops $3 million a day').numbers).toEqual(['3000000']);
  });
});
