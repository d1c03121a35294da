import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMetadata, parseDate } from '../../main/ingest/metadata.ts';
import { normaliseText } from '../../main/ingest/normalise.ts';
import { SEEDS_DIR } from '../helpers/tempCorpus.ts';

const seed = (name: string) => extractMetadata(normaliseText(readFileSync(join(SEEDS_DIR, name), 'utf8')));

describe('metadata read from the seed articles', () => {
  it('dates the two files with a " date" header from the header', () => {
    expect(seed('000_ed5d5ab491bc05c6.txt').published).toBe('2022-12-10');
    expect(seed('001_0bb0776770e3bb18.txt').published).toBe('2022-12-10');
  });

  it('dates the files with a dateline from it, in either word order', () => {
    expect(seed('002_8a7f0d865ba918a5.txt').published).toBe('2022-12-11');
    expect(seed('003_cffe77665d307e1a.txt').published).toBe('2022-12-09');
  });

  it('does not take a date from a photo caption in the body', () => {
    expect(seed('004_3398d6d0c33d341a.txt').published).toBeNull();
  });

  it('finds the headline and skips site furniture above it', () => {
    expect(seed('002_8a7f0d865ba918a5.txt').title).toBe('US says Russia providing ‘unprecedented’ military support to Iran');
    expect(seed('003_cffe77665d307e1a.txt').title).toBe("Russia giving Iran 'unprecedented' military aid, overhauling ties, says US");
    expect(seed('004_3398d6d0c33d341a.txt').title).toBe('U.S. Officials Say Russia Supplying Advanced Military Assistance to Iran');
  });

  it('leaves the title empty when the text starts straight with its body', () => {
    expect(seed('000_ed5d5ab491bc05c6.txt').title).toBeNull();
    expect(seed('001_0bb0776770e3bb18.txt').title).toBeNull();
  });

  it('takes the outlet only where the text names itself', () => {
    expect(seed('002_8a7f0d865ba918a5.txt').outlet).toBe('The Business Standard');
    expect(seed('003_cffe77665d307e1a.txt').outlet).toBe('Anadolu Agency');
    // 002 also says "reports BBC" and 000 credits "(Reuters Archive)": sources, not the outlet.
    expect(seed('000_ed5d5ab491bc05c6.txt').outlet).toBeNull();
    expect(seed('004_3398d6d0c33d341a.txt').outlet).toBeNull();
  });
});

describe('reading dates', () => {
  it.each([
    ['11 December, 2022, 09:45 am', '2022-12-11'],
    ['December 09, 2022', '2022-12-09'],
    ['Dec. 9 2022', '2022-12-09'],
    ['3 March 2021', '2021-03-03'],
  ])('reads %s', (text, iso) => expect(parseDate(text)).toBe(iso));

  it('rejects impossible dates', () => {
    expect(parseDate('31 February, 2022')).toBeNull();
    expect(extractMetadata(' date 2022-13-45\nBody.').published).toBeNull();
  });

  it('gives nothing for text without metadata', () => {
    expect(extractMetadata('just some words')).toEqual({ title: null, outlet: null, published: null });
  });
});
