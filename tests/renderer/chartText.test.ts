import { describe, expect, it } from 'vitest';
import { wrapLabel, wrapWhole } from '../../renderer/review/chartText.ts';

describe('chart labels', () => {
  it('wrap at spaces into lines no longer than the width, keeping every word that fits', () => {
    expect(wrapLabel('Russia is offering Iran an unprecedented level of support', 20, 3)).toEqual(['Russia is offering', 'Iran an', 'unprecedented level…']);
    expect(wrapLabel('Russia is offering Iran an unprecedented level', 20, 3).join(' ')).toBe('Russia is offering Iran an unprecedented level');
  });

  it('end in an ellipsis when the lines run out', () => {
    const lines = wrapLabel('one two three four five six seven eight nine ten', 9, 2);
    expect(lines).toEqual(['one two', 'three…']);
  });

  it('cut a word longer than a line', () => {
    expect(wrapLabel('Supercalifragilistic', 8, 2)).toEqual(['Superca…']);
  });

  it('keep a short label on one line and give no line for none', () => {
    expect(wrapLabel('Anadolu Agency', 20, 2)).toEqual(['Anadolu Agency']);
    expect(wrapLabel('  ', 20, 2)).toEqual([]);
  });
});

describe('whole chart labels', () => {
  it('wrap at spaces and keep every character, splitting a word longer than a line across lines', () => {
    const text = 'Supercalifragilisticexpialidocious drones were sent';
    const lines = wrapWhole(text, 12);
    expect(lines.every((line) => line.length <= 12)).toBe(true);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(lines).toEqual(['Supercalifra', 'gilisticexpi', 'alidocious', 'drones were', 'sent']);
  });

  it('give no line for an empty label', () => {
    expect(wrapWhole('   ', 10)).toEqual([]);
  });
});
