import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../main/matching/tokens.ts';

const STORIES = join(import.meta.dirname, '..', 'fixtures', 'stories');

/** The share of a text's lower-case words (not names, not numbers) the lexicon knows, as the matcher tokenizes them. */
function lexiconCoverage(texts: readonly string[]): number {
  let words = 0;
  let known = 0;
  for (const text of texts)
    for (const token of tokenize(text)) {
      if (token.number || !/^\p{Ll}/u.test(token.raw)) continue;
      words++;
      if (token.lex >= 0) known++;
    }
  return known / words;
}

function storyTexts(): string[] {
  return readdirSync(STORIES)
    .filter((story) => statSync(join(STORIES, story)).isDirectory())
    .flatMap((story) => readdirSync(join(STORIES, story)).map((file) => readFileSync(join(STORIES, story, file), 'utf8')));
}

describe('the lexicon', () => {
  it('knows nearly every ordinary word of news it was not built from', () => {
    // 0.970 measured on the development stories with a 50,000-word vocabulary; a smaller
    // vocabulary or a tokenizer that stops finding words in it falls below.
    expect(lexiconCoverage(storyTexts())).toBeGreaterThan(0.96);
  });

  it('knows none of a made-up language', () => {
    expect(lexiconCoverage(['zorblat quenniv trasko muldrab'])).toBe(0);
  });
});
