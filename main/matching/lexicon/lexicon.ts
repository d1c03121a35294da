import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIMENSIONS, LEXICON_VERSION, writeLexicon, type LexiconData } from './buildLexicon.ts';

/**
 * The matcher's general knowledge of English words, read from the files
 * buildLexicon.ts generates from WordNet and GloVe vectors: which words mean
 * the same thing, which mean the opposite, and how close two words are in
 * meaning. Loaded once, lazily; built on first use when missing (a fresh
 * clone before `npm run build`).
 */

/** dist/lexicon beside the built app, wherever this module runs from (sources, or the bundle in dist/). */
export function lexiconFolder(): string {
  if (process.env.CROSSCHECK_LEXICON_DIR) return process.env.CROSSCHECK_LEXICON_DIR;
  if (typeof import.meta.url === 'string') return fileURLToPath(new URL('../../../dist/lexicon/', import.meta.url));
  return join(__dirname, 'lexicon');
}

export interface Lexicon {
  size: number;
  /** The word's index, or undefined for a word outside the vocabulary (most names, rare words, typos). */
  id(word: string): number | undefined;
  /** Cosine similarity of two words' vectors, in [-1, 1]. */
  similarity(a: number, b: number): number;
  /** WordNet ties the two: synonym, derivation, pertainym, first-sense hypernym, or a place and its country. */
  related(a: number, b: number): boolean;
  antonyms(a: number, b: number): boolean;
  /** The word's dictionary form ("jets" → "jet"), or itself. */
  base(a: number): number;
  /** Known to WordNet only as a name ("Moscow", "Kirby"): vectors place names of one kind together, so a neighbour is not the same name. */
  isName(a: number): boolean;
  /** WordNet has the word at all: a capitalised word it lacks is most likely a name ("Kirby", "Velmora"). */
  inWordNet(a: number): boolean;
  vector(a: number): Int8Array;
  word(a: number): string;
  /** The words WordNet ties to this one (and to its dictionary form). */
  relatedWords(a: number): number[];
}

const SCALE = 254 * 254;

function contains(sorted: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

let loaded: Lexicon | null = null;

export function lexicon(): Lexicon {
  if (loaded) return loaded;
  const folder = lexiconFolder();
  const json = join(folder, `lexicon-v${LEXICON_VERSION}.json`);
  const bin = join(folder, `vectors-v${LEXICON_VERSION}.i8`);
  if (!existsSync(json) || !existsSync(bin)) writeLexicon(folder);
  const data = JSON.parse(readFileSync(json, 'utf8')) as LexiconData;
  const buffer = readFileSync(bin);
  const vectors = new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (data.version !== LEXICON_VERSION || vectors.length !== data.words.length * DIMENSIONS) {
    writeLexicon(folder);
    return lexicon();
  }
  const ids = new Map(data.words.map((w, i) => [w, i]));
  const names = new Uint8Array(data.words.length);
  for (const i of data.inWordNet) names[i] = 2;
  for (const i of data.names) names[i] = 1;
  loaded = {
    size: data.words.length,
    id: (word) => ids.get(word),
    similarity(a, b) {
      let dot = 0;
      const x = a * DIMENSIONS;
      const y = b * DIMENSIONS;
      for (let d = 0; d < DIMENSIONS; d++) dot += vectors[x + d]! * vectors[y + d]!;
      return dot / SCALE;
    },
    related: (a, b) => contains(data.related[a]!, b) || contains(data.related[data.base[a]!]!, data.base[b]!),
    antonyms: (a, b) => contains(data.antonyms[data.base[a]!]!, data.base[b]!),
    base: (a) => data.base[a]!,
    isName: (a) => names[a] === 1,
    inWordNet: (a) => names[a] !== 0 || names[data.base[a]!] !== 0,
    vector: (a) => vectors.subarray(a * DIMENSIONS, (a + 1) * DIMENSIONS),
    word: (a) => data.words[a]!,
    relatedWords: (a) => [...new Set([...data.related[a]!, ...data.related[data.base[a]!]!, data.base[a]!])].filter((b) => b !== a),
  };
  return loaded;
}
