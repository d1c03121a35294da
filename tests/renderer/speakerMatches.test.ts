import { describe, expect, it } from 'vitest';
import type { Speaker } from '../../main/contract/contract.ts';
import { speakerChoices } from '../../renderer/annotations/speakerMatches.ts';

const speaker = (id: number, name: string, aliases: string[], annotations: number): Speaker => ({
  id,
  name,
  aliases: [name, ...aliases],
  annotations,
  role: null,
  affiliation: null,
  wikidata: null,
});
const registry = [
  speaker(1, 'John Kirby', ['Kirby', 'J. Kirby'], 4),
  speaker(2, 'Karine Jean-Pierre', [], 9),
  speaker(3, 'Nasser Kanaani', ['Kanani'], 1),
  speaker(4, 'José Kirchner', [], 2),
];

describe('speaker choices', () => {
  it('offers the speakers whose name or alias starts with what was typed first, then those containing it', () => {
    expect(speakerChoices(registry, 'kir').map((c) => c.name)).toEqual(['John Kirby', 'José Kirchner']);
    expect(speakerChoices(registry, 'an').map((c) => c.name)).toEqual(['Karine Jean-Pierre', 'Nasser Kanaani']);
  });

  it('says which alias matched when the name itself did not, and stores the registered name', () => {
    expect(speakerChoices(registry, 'J. Ki')).toEqual([{ name: 'John Kirby', matched: 'J. Kirby' }]);
    expect(speakerChoices(registry, 'kanani')).toEqual([{ name: 'Nasser Kanaani', matched: 'Kanani' }]);
  });

  it('ignores case and accents', () => {
    expect(speakerChoices(registry, 'JOSE').map((c) => c.name)).toEqual(['José Kirchner']);
  });

  it('offers the most named speakers when nothing is typed, at most the limit', () => {
    expect(speakerChoices(registry, '', 2).map((c) => c.name)).toEqual(['Karine Jean-Pierre', 'John Kirby']);
  });

  it('offers nothing for a name typed exactly as registered, or one no speaker has', () => {
    expect(speakerChoices(registry, 'John Kirby')).toEqual([]);
    expect(speakerChoices(registry, 'Zelensky')).toEqual([]);
  });
});
