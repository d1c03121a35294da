import { seededRandom } from './random.ts';

/**
 * A synthetic corpus for the suggestion benchmark: news-like articles over a
 * large Zipf-distributed vocabulary (so word frequencies look like real text,
 * where a few words are everywhere and most are rare), with claims planted in
 * one article and drifted variants of them planted in several others.
 */

export const DRIFT_KINDS = ['typography', 'word-swap', 'truncation', 'reordering', 'paraphrase'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface PlantedSpan {
  article: number;
  start: number;
  end: number;
}

export interface PlantedClaim {
  source: PlantedSpan;
  variants: Array<PlantedSpan & { drift: DriftKind }>;
}

export interface DriftedCorpus {
  texts: string[];
  claims: PlantedClaim[];
}

export interface DriftedCorpusOptions {
  articles?: number;
  claims?: number;
  variantsPerClaim?: number;
  seed?: number;
}

const FUNCTION_WORDS =
  'the of and to in a that is was for on with as by at from it his their has have said were be which this an who not but its are had'.split(' ');
const CONSONANTS = 'bcdfghjklmnprstvz';
const VOWELS = 'aeiou';
const VOCABULARY_SIZE = 30_000;

function vocabulary(random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    let word = '';
    const syllables = 3 + Math.floor(random() * 2);
    for (let i = 0; i < syllables; i++) word += CONSONANTS[Math.floor(random() * CONSONANTS.length)]! + VOWELS[Math.floor(random() * VOWELS.length)]!;
    words.add(word);
  }
  return [...words];
}

export function generateDriftedCorpus({ articles = 100_000, claims = 1_000, variantsPerClaim = 4, seed = 1 }: DriftedCorpusOptions = {}): DriftedCorpus {
  const random = seededRandom(seed);
  const words = vocabulary(random);
  // Zipf: the word of rank r is drawn with probability ∝ 1/r, by inverting the harmonic CDF approximately.
  const zipf = () => words[Math.min(words.length - 1, Math.floor(Math.exp(random() * Math.log(words.length + 1))) - 1)]!;
  const word = () => (random() < 0.4 ? FUNCTION_WORDS[Math.floor(random() * FUNCTION_WORDS.length)]! : zipf());
  const sentence = (length: number) => Array.from({ length }, word).join(' ');

  // Claims use mid-frequency words (rank 200+), as claims name specific things.
  const claimWords = (length: number) =>
    Array.from({ length }, (_, i) =>
      i % 3 === 1 ? FUNCTION_WORDS[Math.floor(random() * FUNCTION_WORDS.length)]! : words[200 + Math.floor(random() * (words.length - 200))]!,
    );
  const planted: Array<{ article: number; words: string[]; role: 'source' | DriftKind; claim: number }> = [];
  const claimList: string[][] = [];
  for (let c = 0; c < claims; c++) {
    const claim = claimWords(12 + Math.floor(random() * 8));
    claimList.push(claim);
    planted.push({ article: Math.floor(random() * articles), words: claim, role: 'source', claim: c });
    for (let v = 0; v < variantsPerClaim; v++) {
      const drift = DRIFT_KINDS[(c + v) % DRIFT_KINDS.length]!;
      planted.push({ article: Math.floor(random() * articles), words: drifted(claim, drift, random, zipf), role: drift, claim: c });
    }
  }
  const byArticle = new Map<number, typeof planted>();
  for (const p of planted) byArticle.set(p.article, [...(byArticle.get(p.article) ?? []), p]);

  const texts: string[] = [];
  const result: PlantedClaim[] = claimList.map(() => ({ source: { article: -1, start: 0, end: 0 }, variants: [] }));
  for (let a = 0; a < articles; a++) {
    const paragraphs: string[] = [];
    const count = 3 + Math.floor(random() * 4);
    for (let p = 0; p < count; p++) paragraphs.push(capitalise(sentence(20 + Math.floor(random() * 30))) + '.');
    let text = '';
    const spans: Array<{ plant: (typeof planted)[number]; start: number; end: number }> = [];
    const inserts = byArticle.get(a) ?? [];
    paragraphs.forEach((paragraph, p) => {
      if (p > 0) text += '\n\n';
      text += paragraph;
      for (const plant of inserts.filter((_, i) => i % count === p)) {
        text += ' Officials said ';
        const start = text.length;
        text += plant.words.join(' ');
        spans.push({ plant, start, end: text.length });
        text += '.';
      }
    });
    for (const { plant, start, end } of spans) {
      if (plant.role === 'source') result[plant.claim]!.source = { article: a, start, end };
      else result[plant.claim]!.variants.push({ article: a, start, end, drift: plant.role });
    }
    texts.push(text);
  }
  return { texts, claims: result };
}

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function drifted(claim: readonly string[], drift: DriftKind, random: () => number, zipf: () => string): string[] {
  const words = [...claim];
  const content = () => {
    let i;
    do i = Math.floor(random() * words.length);
    while (FUNCTION_WORDS.includes(words[i]!));
    return i;
  };
  switch (drift) {
    case 'typography': {
      const i = content();
      words[i] = `“${words[i]}”`;
      const j = 1 + Math.floor(random() * (words.length - 2));
      words[j] = `${words[j]}-${words[j + 1]}`;
      words.splice(j + 1, 1);
      return words;
    }
    case 'word-swap': {
      // An inflection and an unrelated word in place of another.
      const i = content();
      words[i] = `${words[i]}ing`;
      words[content()] = zipf();
      return words;
    }
    case 'truncation': {
      const keep = Math.ceil(words.length * (0.55 + random() * 0.2));
      return random() < 0.5 ? words.slice(0, keep) : words.slice(words.length - keep);
    }
    case 'reordering': {
      const tail = words.splice(words.length - 4, 4);
      return [...tail.slice(0, -1), `${tail.at(-1)},`, ...words];
    }
    case 'paraphrase': {
      words[content()] = zipf();
      words.splice(Math.floor(words.length / 2), 0, zipf(), 'of', zipf());
      return words.slice(1);
    }
  }
}
