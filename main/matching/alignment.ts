import type { Token } from './tokens.ts';
import { wordRelation } from './wordSimilarity.ts';

/**
 * Token-level alignment: Smith–Waterman (local) to find where a quote sits in
 * another text, Needleman–Wunsch (global) to diff two quotes word by word.
 * Both share one scoring, so "what counts as the same word" is defined once.
 */

/** How a quote word relates to the text word aligned with it. */
export type StepKind = 'equal' | 'near' | 'swap' | 'delete' | 'insert';

export interface Step {
  kind: StepKind;
  /** Index into the quote's tokens (absent for an inserted text word). */
  q?: number;
  /** Index into the text's tokens (absent for a deleted quote word). */
  t?: number;
  /** Found outside the aligned run, moved there by a reordering. */
  moved?: boolean;
}

export interface Alignment {
  steps: Step[];
  score: number;
  /** First and last text token covered, inclusive. */
  firstToken: number;
  lastToken: number;
}

/** Function words weigh a third of content words (see tokens.ts), so runs of "of the to" never make a match. */
export const weight = (token: Token) => token.weight;

/*
 * Smith–Waterman scores, set by hand with the aligner and not fitted to any story: an exact word earns
 * more than a near one (same stem or a dictionary rewording), and a mismatch costs more than a gap, so
 * an alignment bridges an inserted phrase ("said on Tuesday") rather than pairing two different words.
 * Their effect is measured by `npm run eval:matcher` on the labelled sets (docs/matching.md): change
 * them only with its figures before and after.
 */
const EXACT = 2;
const NEAR = 1.3;
const MISMATCH = -1;
const GAP = -0.6;

export const relation = wordRelation;

function pairScore(a: Token, b: Token): number {
  const kind = relation(a, b);
  if (kind === 'equal') return EXACT * Math.min(weight(a), weight(b));
  if (kind === 'near') return NEAR * Math.min(weight(a), weight(b));
  return MISMATCH;
}

const STOP = 0;
const DIAG = 1;
const UP = 2; // a quote word with nothing opposite it
const LEFT = 3; // a text word with nothing opposite it
const FIRST = 4; // a pair that starts a local alignment: the traceback ends after it

/**
 * The best-scoring local alignment of `quote` inside `text`, never crossing a
 * masked text token (used to find a second and third occurrence). Null when
 * nothing scores above zero.
 */
export function alignLocal(quote: readonly Token[], text: readonly Token[], masked?: Uint8Array): Alignment | null {
  const m = quote.length;
  const n = text.length;
  if (m === 0 || n === 0) return null;
  const width = n + 1;
  const trace = new Uint8Array((m + 1) * width);
  let previous = new Float64Array(width);
  let current = new Float64Array(width);
  let best = 0;
  let bestI = 0;
  let bestJ = 0;
  for (let i = 1; i <= m; i++) {
    current[0] = 0;
    const q = quote[i - 1]!;
    for (let j = 1; j <= n; j++) {
      if (masked?.[j - 1]) {
        current[j] = 0;
        continue;
      }
      // A local match stays inside one paragraph: nothing carries over a paragraph break.
      const sameParagraph = j > 1 && text[j - 2]!.paragraph === text[j - 1]!.paragraph;
      const diag = (sameParagraph ? previous[j - 1]! : 0) + pairScore(q, text[j - 1]!);
      const up = previous[j]! + GAP;
      const left = sameParagraph ? current[j - 1]! + GAP : 0;
      let value = 0;
      let dir = STOP;
      if (diag > value) {
        value = diag;
        dir = sameParagraph ? DIAG : FIRST;
      }
      if (up > value) {
        value = up;
        dir = UP;
      }
      if (left > value) {
        value = left;
        dir = LEFT;
      }
      current[j] = value;
      trace[i * width + j] = dir;
      if (value > best) {
        best = value;
        bestI = i;
        bestJ = j;
      }
    }
    [previous, current] = [current, previous];
  }
  if (best <= 0) return null;
  const steps = traceBack(quote, text, trace, width, bestI, bestJ, false);
  const covered = steps.filter((s) => s.t !== undefined).map((s) => s.t!);
  return { steps, score: best, firstToken: Math.min(...covered), lastToken: Math.max(...covered) };
}

/** Aligns two quotes end to end: every word of both appears in exactly one step. */
export function alignGlobal(a: readonly Token[], b: readonly Token[]): Step[] {
  const m = a.length;
  const n = b.length;
  const width = n + 1;
  const trace = new Uint8Array((m + 1) * width);
  let previous = new Float64Array(width);
  let current = new Float64Array(width);
  for (let j = 1; j <= n; j++) {
    previous[j] = j * GAP;
    trace[j] = LEFT;
  }
  for (let i = 1; i <= m; i++) {
    current[0] = i * GAP;
    trace[i * width] = UP;
    for (let j = 1; j <= n; j++) {
      const diag = previous[j - 1]! + pairScore(a[i - 1]!, b[j - 1]!);
      const up = previous[j]! + GAP;
      const left = current[j - 1]! + GAP;
      let value = diag;
      let dir = DIAG;
      if (up > value) {
        value = up;
        dir = UP;
      }
      if (left > value) {
        value = left;
        dir = LEFT;
      }
      current[j] = value;
      trace[i * width + j] = dir;
    }
    [previous, current] = [current, previous];
  }
  return traceBack(a, b, trace, width, m, n, true);
}

function traceBack(quote: readonly Token[], text: readonly Token[], trace: Uint8Array, width: number, i: number, j: number, global: boolean): Step[] {
  const steps: Step[] = [];
  while (global ? i > 0 || j > 0 : i > 0 && j > 0 && trace[i * width + j] !== STOP) {
    const dir = trace[i * width + j];
    if (dir === DIAG || dir === FIRST) {
      steps.push({ kind: relation(quote[i - 1]!, text[j - 1]!), q: i - 1, t: j - 1 });
      i--;
      j--;
      if (dir === FIRST) break;
    } else if (dir === UP) {
      steps.push({ kind: 'delete', q: i - 1 });
      i--;
    } else {
      steps.push({ kind: 'insert', t: j - 1 });
      j--;
    }
  }
  steps.reverse();
  // A local alignment never usefully starts or ends on a gap; trim any that the scoring let through.
  if (!global) {
    while (steps.length && steps[0]!.kind !== 'equal' && steps[0]!.kind !== 'near') steps.shift();
    while (steps.length && steps.at(-1)!.kind !== 'equal' && steps.at(-1)!.kind !== 'near') steps.pop();
  }
  return steps;
}
