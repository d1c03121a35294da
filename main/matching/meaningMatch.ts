import { clausesOf } from './clauses.ts';
import type { Token } from './tokens.ts';
import { wordSimilarity } from './wordSimilarity.ts';

/**
 * Meaning without word order: how much of a quote a run of clauses says, and
 * how much of that run answers the quote, word by word through the lexicon
 * (the same word, a WordNet rewording, or a close word vector), each word
 * weighted by its rarity in the corpus. This catches the paraphrase that
 * alignment, which needs words in order, misses ("the terminal would stay
 * closed until all tanks had been checked").
 */
export interface MeaningMatch {
  /** Token range in the text. */
  first: number;
  last: number;
  /** Weighted share of the quote's content words said by the run. */
  coverage: number;
  /** Weighted share of the run's content words that answer the quote. */
  precision: number;
  score: number;
  /** Text tokens that answer a quote word, with the quote word they answer. */
  answers: Map<number, number>;
  /** Quote content words said in the same word or a dictionary rewording (not only a close vector). */
  anchors: number;
}

/**
 * How much more coverage counts than precision: a reported span says the
 * claim plus the reporter's own framing, which costs precision, not meaning.
 * Measured on the seed set and the development stories.
 */
const COVERAGE_BETA = 1.5;
/** Similarity of a dictionary rewording (wordSimilarity.ts): at or above it, a word is said, not only evoked. */
const ANCHOR = 0.9;
/** Words of a run that answer nothing still count, a little, against it; more clauses are taken only when they add meaning. */
const fScore = (coverage: number, precision: number) =>
  coverage + precision === 0 ? 0 : ((1 + COVERAGE_BETA ** 2) * coverage * precision) / (COVERAGE_BETA ** 2 * precision + coverage);

/**
 * The best run of whole clauses of the sentence [first, last] for the quote.
 * `skip` leaves tokens out of the comparison (the attribution, "she said").
 */
export function bestClauseRun(
  quote: readonly Token[],
  text: string,
  tokens: readonly Token[],
  first: number,
  last: number,
  skip: (i: number) => boolean = () => false,
  offset = 0,
): MeaningMatch | null {
  const quoteContent = quote.map((q, i) => [q, i] as const).filter(([q]) => q.content);
  const quoteWeight = quoteContent.reduce((sum, [q]) => sum + q.weight, 0);
  if (quoteWeight === 0) return null;
  // Similarity of every (quote word, text word) pair in the sentence, computed once.
  const columns: Array<{ j: number; best: number; by: number; sims: Float64Array }> = [];
  for (let j = first; j <= last; j++) {
    const t = tokens[j]!;
    if (!t.content || skip(j)) continue;
    const sims = new Float64Array(quoteContent.length);
    let best = 0;
    let by = -1;
    quoteContent.forEach(([q], k) => {
      const s = wordSimilarity(q, t);
      sims[k] = s;
      if (s > best) {
        best = s;
        by = quoteContent[k]![1];
      }
    });
    columns.push({ j, best, by, sims });
  }
  if (columns.length === 0) return null;
  const clauses = clausesOf(text, tokens, first, last, offset);
  // A run of several clauses starts and ends with a clause that says a quote word outright (the same word or a
  // dictionary rewording): a clause that only evokes the quote through vectors, at the edge of a run, is the
  // reporter's next point or the speaker's next claim ("…rising faster than the offer, and that the union would
  // only take a deal to a vote…"), and it pulled the span past the label. Measured on the six development stories:
  // precision 0.943 → 0.955, recall 0.769 → 0.772, paraphrase 58 → 58 of 120 (two reports now cut at their own
  // claim, two lost that had leant on the neighbouring clause); the seed set unchanged. Tried as a bar on the whole
  // run before (December 2026) it was dropped for cutting one report of an older held-out story to a fragment; that
  // story now costs one paraphrase (14 → 13 of 37) and the fresh held-out story was written before this rule.
  const anchored = clauses.map(([from, to]) => columns.some((c) => c.j >= from && c.j <= to && c.best >= ANCHOR));
  let result: MeaningMatch | null = null;
  for (let a = 0; a < clauses.length; a++) {
    for (let b = a; b < clauses.length; b++) {
      if (b > a && (!anchored[a] || !anchored[b])) continue;
      const [from, to] = [clauses[a]![0], clauses[b]![1]];
      const inRun = columns.filter((c) => c.j >= from && c.j <= to);
      if (inRun.length === 0) continue;
      let covered = 0;
      quoteContent.forEach(([q], k) => {
        let best = 0;
        for (const c of inRun) best = Math.max(best, c.sims[k]!);
        covered += q.weight * best;
      });
      const answered = inRun.reduce((sum, c) => sum + c.best * tokens[c.j]!.weight, 0);
      const runWeight = inRun.reduce((sum, c) => sum + tokens[c.j]!.weight, 0);
      const coverage = covered / quoteWeight;
      const precision = answered / runWeight;
      const score = fScore(coverage, precision);
      if (!result || score > result.score) {
        const answers = new Map(inRun.filter((c) => c.best > 0).map((c) => [c.j, c.by]));
        const anchors = quoteContent.filter((_, k) => inRun.some((c) => c.sims[k]! >= ANCHOR)).length;
        result = { first: from, last: to, coverage, precision, score, answers, anchors };
      }
    }
  }
  return result;
}
