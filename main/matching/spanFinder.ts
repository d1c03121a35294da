import type { EditOperation } from '../contract/contract.ts';
import { alignLocal, relation, weight, type Step } from './alignment.ts';
import type { Token } from './tokens.ts';

export interface SpanMatch {
  start: number;
  end: number;
  score: number;
  /** Share of the quote's (weighted) words found in the span. */
  coverage: number;
  /** Share of the span's (weighted) words that answer a quote word. */
  precision: number;
  sharedWords: string[];
  operations: EditOperation[];
}

export interface FindOptions {
  /** Lowest score reported; below it, a span is noise. */
  minScore?: number;
  /** Lowest share of the quote a span must cover; below it, a span shares a phrase rather than the claim. */
  minCoverage?: number;
  /** Most spans reported per text. */
  maxPerText?: number;
}

/**
 * The defaults for FindOptions, set by hand: a span must score and cover at least two fifths of the
 * quote. `crosscheck eval-matcher --min-score X --min-coverage X` measures precision and recall at
 * other values on the labelled sets (docs/matching.md).
 */
export const DEFAULT_MIN_SCORE = 0.4;
export const DEFAULT_MIN_COVERAGE = 0.4;
/** Words a reordering may have carried away from the aligned core, looked for on each side. */
const REORDER_WINDOW = 8;
/** Credit for a reworded (stem or synonym) word relative to an exact one. */
const NEAR_CREDIT = 0.75;

/**
 * Every place in `text` that reports `quote`, best first: local alignment,
 * then words moved by a reordering picked up next to the aligned core, then a
 * score that rewards covering the quote and penalises padding. A span needs
 * three content words in common (all of them for shorter quotes), so text that
 * merely shares function words or one name never matches.
 */
export function findSpans(quote: readonly Token[], text: readonly Token[], options: FindOptions = {}): SpanMatch[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const maxPerText = options.maxPerText ?? 4;
  const masked = new Uint8Array(text.length);
  const quoteContent = quote.filter((t) => t.content).length;
  const minContent = Math.min(3, quoteContent);
  const matches: SpanMatch[] = [];
  // Weak alignments are tried too, so more attempts than reports.
  for (let attempt = 0; attempt < maxPerText * 2 && matches.length < maxPerText; attempt++) {
    const alignment = alignLocal(quote, text, masked);
    if (!alignment || alignment.steps.length === 0) break;
    const match = describe(quote, text, alignment.steps, masked, minContent, minCoverage);
    if (match && match.score >= minScore) matches.push(match);
  }
  return matches.sort((a, b) => b.score - a.score || a.start - b.start);
}

function describe(
  quote: readonly Token[],
  text: readonly Token[],
  core: Step[],
  masked: Uint8Array,
  minContent: number,
  minCoverage: number,
): SpanMatch | null {
  const quoteWeight = quote.reduce((sum, t) => sum + weight(t), 0);
  let best = measure(quote, text, core, quoteWeight);
  // Reordering: content words of the quote left out of the core may sit just before or after it,
  // in the same sentence. Each is taken only if it raises the score, so padding never is.
  for (const direction of [-1, 1] as const) {
    const edge = direction < 0 ? best.first : best.last;
    const sentence = text[edge]!.sentence;
    for (
      let distance = 1, j = edge + direction;
      distance <= REORDER_WINDOW && j >= 0 && j < text.length && !masked[j] && text[j]!.sentence === sentence;
      distance++, j += direction
    ) {
      const used = new Set(best.steps.filter((s) => s.q !== undefined && s.t !== undefined && s.kind !== 'swap').map((s) => s.q!));
      const q = quote.findIndex((token, i) => token.content && !used.has(i) && relation(token, text[j]!) !== 'swap');
      if (q < 0) continue;
      const kind = relation(quote[q]!, text[j]!);
      const tried = measure(quote, text, extend(best.steps, { kind, q, t: j }, direction), quoteWeight);
      if (tried.score > best.score) best = tried;
    }
  }
  // Masked whether reported or not, so the next attempt looks elsewhere.
  masked.fill(1, best.first, best.last + 1);
  if (best.matchedContent < minContent || best.coverage < minCoverage) return null;
  const word = (tokens: readonly Token[], i: number | undefined) => (i === undefined ? undefined : tokens[i]!.raw);
  const operations: EditOperation[] = best.steps.map((s) => ({ op: s.moved ? 'moved' : s.kind, from: word(quote, s.q), to: word(text, s.t) }));
  const sharedWords = [...new Set(best.steps.filter((s) => s.kind === 'equal' && quote[s.q!]!.content).map((s) => text[s.t!]!.raw))];
  return {
    start: text[best.first]!.start,
    end: text[best.last]!.end,
    score: round(best.score),
    coverage: round(best.coverage),
    precision: round(best.precision),
    sharedWords,
    operations,
  };
}

/**
 * Adds a word found beside the aligned run. If it keeps the quote's order it
 * is a plain match and the quote words skipped to reach it are deletions;
 * otherwise it was moved.
 */
function extend(steps: readonly Step[], found: Step, direction: -1 | 1): Step[] {
  const quoteIndexes = steps.filter((s) => s.q !== undefined).map((s) => s.q!);
  const edge = direction > 0 ? Math.max(...quoteIndexes) : Math.min(...quoteIndexes);
  const inOrder = direction > 0 ? found.q! > edge : found.q! < edge;
  if (!inOrder) return [...steps, { ...found, moved: true }];
  const skipped: Step[] = [];
  const [from, to] = direction > 0 ? [edge + 1, found.q!] : [found.q! + 1, edge];
  for (let q = from; q < to; q++) skipped.push({ kind: 'delete', q });
  return direction > 0 ? [...steps, ...skipped, found] : [found, ...skipped, ...steps];
}

interface Measured {
  steps: Step[];
  first: number;
  last: number;
  coverage: number;
  precision: number;
  score: number;
  matchedContent: number;
}

/** Coverage of the quote, precision of the span (both weighted), and their harmonic mean as the score. */
function measure(quote: readonly Token[], text: readonly Token[], steps: Step[], quoteWeight: number): Measured {
  let matchedQuote = 0;
  let matchedContent = 0;
  let first = Infinity;
  let last = -Infinity;
  const answered = new Set<number>();
  for (const step of steps) {
    if (step.t !== undefined) {
      first = Math.min(first, step.t);
      last = Math.max(last, step.t);
    }
    if (step.q === undefined || step.t === undefined || step.kind === 'swap') continue;
    matchedQuote += weight(quote[step.q]!) * (step.kind === 'near' ? NEAR_CREDIT : 1);
    if (quote[step.q]!.content) matchedContent++;
    answered.add(step.t);
  }
  let spanWeight = 0;
  let answeredWeight = 0;
  for (let j = first; j <= last; j++) {
    spanWeight += weight(text[j]!);
    if (answered.has(j)) answeredWeight += weight(text[j]!);
  }
  const coverage = matchedQuote / quoteWeight;
  const precision = answeredWeight / spanWeight;
  const score = coverage + precision === 0 ? 0 : (2 * coverage * precision) / (coverage + precision);
  return { steps, first, last, coverage, precision, score, matchedContent };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
