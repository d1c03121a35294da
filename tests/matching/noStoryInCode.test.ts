import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationSetFiles, loadEvaluationSet } from '../../main/matching/evaluation.ts';

/**
 * The matcher must work on news it has never seen, so its code names no story:
 * no word of the seed story nor of the development stories, and no table of
 * words beyond English grammar (the rest comes from WordNet and word vectors).
 */
const MATCHING = join(import.meta.dirname, '../../main/matching');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const code = sources(MATCHING)
  .filter((f) => !f.endsWith('evaluation.ts'))
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

/** Names and things of the stories the matcher is measured on: the speakers of the labelled sets, and the seed story's. */
function storyWords(): string[] {
  const files = [join(import.meta.dirname, '../fixtures/matcher-eval.json'), ...evaluationSetFiles([join(import.meta.dirname, '../fixtures/stories')])];
  const words = new Set([
    'russia',
    'moscow',
    'kremlin',
    'iran',
    'tehran',
    'ukraine',
    'kyiv',
    'kirby',
    'woodward',
    'nebenzia',
    'barbra',
    'sukhoi',
    'drone',
    'drones',
  ]);
  for (const file of files) {
    const { set } = loadEvaluationSet(file);
    for (const source of set.sources) for (const w of (source.speaker ?? '').toLowerCase().split(/\s+/)) if (w.length > 3) words.add(w);
    for (const w of set.corpus.toLowerCase().split(/[^a-z]+/)) if (w.length > 4) words.add(w);
  }
  return [...words];
}

/** String literals in a source file, without comments. */
const literals = (text: string) =>
  [...text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').matchAll(/'([^'\n]*)'|"([^"\n]*)"|`([^`]*)`/g)].map((m) => (m[1] ?? m[2] ?? m[3]!).toLowerCase());

describe('the matching code knows no story', () => {
  it('names no word of the seed story or of the development stories in any string', () => {
    const words = storyWords();
    expect(words.length).toBeGreaterThan(20);
    for (const { file, text } of code) {
      const inStrings = literals(text).join(' ');
      const found = words.filter((w) => new RegExp(`\\b${w}\\b`).test(inStrings));
      expect(found, file).toEqual([]);
    }
  });

  it('has no word tables beyond grammar: every long list of words is function words, negations, numbers, modals or reporting verbs', () => {
    const GRAMMAR_LISTS =
      /STOPWORDS|NEGATIONS|NUMBER_WORDS|MODALITY|REPORTING|PRONOUNS|NAME_JOINERS|DETERMINERS|COMPARATIVES|SCALES|OPENERS|CLAUSE_OPENERS|DETACH/;
    for (const { file, text } of code) {
      for (const m of text.matchAll(/(?:const|let)\s+(\w+)[^=]*=\s*new (?:Set|Map)\(/g)) {
        const body = text.slice(m.index, text.indexOf(';', m.index));
        const words = body.match(/\b[a-z]{3,}\b/g) ?? [];
        if (words.length > 12) expect(m[1], `${file}: ${m[1]}`).toMatch(GRAMMAR_LISTS);
      }
      expect(text, file).not.toMatch(/WORD_GROUPS|SPELLINGS/);
    }
  });
});
