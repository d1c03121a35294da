import { DRIFT_CLASSES, type DiffSegment, type MeaningFlag } from '../contract/contract.ts';
import { alignGlobal, type Step } from './alignment.ts';
import { tokenize, type Token } from './tokens.ts';
import { lexicon } from './lexicon/lexicon.ts';
import { isNegation, isNumber } from './wordForms.ts';

/**
 * How a variant's wording drifted from a base quote, and whether the drift
 * changes what is claimed. Classes run from harmless to loose; flags are the
 * changes a fact-checker must not miss: negation, numbers, actors.
 */
export type DriftClass = (typeof DRIFT_CLASSES)[number];

export interface DriftReport {
  /** Every class that applies, in the order of DRIFT_CLASSES. */
  classes: DriftClass[];
  /** The loosest class: what the row is labelled with. */
  primary: DriftClass;
  flags: MeaningFlag[];
  diff: DiffSegment[];
}

/** Share of words a truncation may keep while the rest still matches; beyond that the variant is a paraphrase. */
const PARAPHRASE_BELOW = 0.6;
/**
 * Content words a variant may add beyond the base's first or last matched
 * word and still be the same wording (a word of context, "to Tehran"); more
 * is a longer paraphrase. Set on the claim-group tests: one or two words of
 * context against whole added clauses of five words and more.
 */
const EXTENSION_WORDS = 2;

/**
 * English modal verbs: the closed class that sets how sure a claim is
 * ("could receive" is not "will receive"). A grammar list, like the negations.
 */
const MODALITY_WORDS: ReadonlySet<string> = new Set([
  'can',
  'could',
  'may',
  'might',
  'must',
  'shall',
  'should',
  'will',
  'would',
  'ought',
  "won't",
  "can't",
  "couldn't",
  "wouldn't",
  "shouldn't",
  'cannot',
]);

export function classifyDrift(base: string, variant: string): DriftReport {
  const a = tokenize(base);
  const b = tokenize(variant);
  const steps = alignGlobal(a, b);
  const diff = wordDiff(base, variant, a, b, steps);
  const flags = meaningFlags(a, b, steps);
  const classes = new Set<DriftClass>();

  const paired = steps.filter((s): s is Required<Pick<Step, 'q' | 't'>> & Step => s.q !== undefined && s.t !== undefined);
  const same = paired.filter((s) => s.kind === 'equal').length;
  const near = paired.filter((s) => s.kind === 'near').length;
  const swaps = paired.filter((s) => s.kind === 'swap').length;
  const gaps = steps.filter((s) => s.kind === 'insert' || s.kind === 'delete');
  const core = coreRange(steps);
  const innerGaps = gaps.filter((s) => isInside(steps, s, core));
  const { dropped, added } = edgeChanges(a, b, steps, core);

  const kept = (same + near) / Math.max(1, Math.min(a.length, b.length));
  if (base === variant) classes.add('identical');
  else if (sameWordsOtherOrder(a, b)) classes.add('reordering');
  else {
    if (typographyDiffers(base, variant, a, b, paired)) classes.add('typography');
    if (near + swaps > 0) classes.add('word-swap');
    if (kept < PARAPHRASE_BELOW) classes.add('paraphrase');
    else {
      // Function words come and go with any rewording ("is transforming"/"transforms"); only content words count.
      const innerDeletions = innerGaps.filter((s) => s.kind === 'delete' && a[s.q!]!.content).length;
      const innerInsertions = innerGaps.filter((s) => s.kind === 'insert' && b[s.t!]!.content).length;
      // Words dropped at an end are a truncation; words added at an end are context or, past a few, a longer paraphrase.
      if (dropped > 0 || innerDeletions > 1) classes.add('truncation');
      else if (innerDeletions === 1) classes.add('word-swap');
      if (innerInsertions > 2 || added > EXTENSION_WORDS) classes.add('paraphrase');
      else if (innerInsertions > 0 || added > 0) classes.add('word-swap');
    }
  }
  // Only the marks around the words differ ("“…”" for '"…"').
  if (classes.size === 0) classes.add('typography');
  const final = DRIFT_CLASSES.filter((c) => classes.has(c));
  return { classes: final, primary: final.at(-1)!, flags, diff };
}

/**
 * Content words beyond the first and last matched word, per side: an end
 * where the base has more lost words (truncation), one where the variant has
 * more gained them. Words paired one for one at an end are swaps, neither.
 */
function edgeChanges(a: readonly Token[], b: readonly Token[], steps: readonly Step[], [first, last]: [number, number]): { dropped: number; added: number } {
  let dropped = 0;
  let added = 0;
  const ends = first < 0 ? [steps] : [steps.slice(0, first), steps.slice(last + 1)];
  for (const end of ends) {
    const base = end.filter((s) => s.q !== undefined && a[s.q]!.content).length;
    const variant = end.filter((s) => s.t !== undefined && b[s.t]!.content).length;
    if (base > variant) dropped += base - variant;
    else added += variant - base;
  }
  return { dropped, added };
}

function coreRange(steps: readonly Step[]): [number, number] {
  const matched = (s: Step) => s.kind === 'equal' || s.kind === 'near';
  return [steps.findIndex(matched), steps.findLastIndex(matched)];
}

function isInside(steps: readonly Step[], step: Step, [first, last]: [number, number]): boolean {
  const i = steps.indexOf(step);
  return i > first && i < last;
}

/**
 * Same words, printed differently: a word in another case, spelling or quote
 * mark ("Iran's"/"Iran’s", "defence"/"defense"), or different punctuation
 * between two aligned words ("support — that"/"support that", "full-fledged"/"fully fledged").
 */
function typographyDiffers(
  base: string,
  variant: string,
  a: readonly Token[],
  b: readonly Token[],
  paired: ReadonlyArray<{ q: number; t: number; kind: string }>,
): boolean {
  const between = (text: string, tokens: readonly Token[], i: number) => text.slice(tokens[i]!.end, tokens[i + 1]!.start).replace(/\s+/g, ' ');
  return paired.some((step, k) => {
    if (step.kind === 'equal' && a[step.q]!.raw !== b[step.t]!.raw) return true;
    const next = paired[k + 1];
    return next !== undefined && next.q === step.q + 1 && next.t === step.t + 1 && between(base, a, step.q) !== between(variant, b, step.t);
  });
}

function sameWordsOtherOrder(a: readonly Token[], b: readonly Token[]): boolean {
  const keys = (tokens: readonly Token[]) => tokens.filter((t) => t.content).map((t) => t.key);
  const [x, y] = [keys(a), keys(b)];
  return x.length > 1 && x.join(' ') !== y.join(' ') && [...x].sort().join(' ') === [...y].sort().join(' ');
}

/**
 * Flags drift that changes the claim. Words dropped at either end are a
 * truncation and flag nothing; a word dropped, added or swapped between
 * matched words does.
 */
function meaningFlags(a: readonly Token[], b: readonly Token[], steps: readonly Step[]): MeaningFlag[] {
  const flags: MeaningFlag[] = [];
  const core = coreRange(steps);
  // Between matched words, every change counts. Beyond them, a swapped word counts ("to Iran"/"to Syria")
  // unless that end was cut, where the alignment pairs leftovers of the truncation.
  const cutBefore = steps.slice(0, Math.max(core[0], 0)).some((s) => s.kind === 'insert' || s.kind === 'delete');
  const cutAfter = steps.slice(core[1] + 1).some((s) => s.kind === 'insert' || s.kind === 'delete');
  const inner = steps.filter((s, i) => {
    if (s.kind === 'equal' || s.kind === 'near') return false;
    if (i > core[0] && i < core[1]) return true;
    return s.kind === 'swap' && !(i < core[0] ? cutBefore : cutAfter);
  });
  const changed = (test: (tokens: readonly Token[], i: number) => boolean) => {
    const removed = inner.filter((s) => s.q !== undefined && test(a, s.q)).map((s) => a[s.q!]!.raw);
    const added = inner.filter((s) => s.t !== undefined && test(b, s.t)).map((s) => b[s.t!]!.raw);
    return { removed, added };
  };
  const describe = (removed: string[], added: string[]) =>
    [removed.length ? `“${removed.join(' ')}” dropped` : '', added.length ? `“${added.join(' ')}” added` : ''].filter(Boolean).join(', ');

  const negation = changed((tokens, i) => isNegation(tokens[i]!.norm));
  const baseNegated = a.some((t) => isNegation(t.norm));
  const variantNegated = b.some((t) => isNegation(t.norm));
  if (negation.removed.length + negation.added.length > 0 || baseNegated !== variantNegated) {
    flags.push({
      kind: 'negation',
      detail:
        describe(negation.removed, negation.added) || (baseNegated ? 'the base is negated, the variant is not' : 'the variant is negated, the base is not'),
    });
  }
  const numbers = changed((tokens, i) => isNumber(tokens[i]!.norm));
  if (numbers.removed.length + numbers.added.length > 0) flags.push({ kind: 'number', detail: describe(numbers.removed, numbers.added) });
  // A modal changed in place ("could" → "may"), or one dropped or added between matched words.
  const modalSwaps = steps.filter(
    (s) => s.q !== undefined && s.t !== undefined && a[s.q]!.norm !== b[s.t]!.norm && (MODALITY_WORDS.has(a[s.q]!.norm) || MODALITY_WORDS.has(b[s.t]!.norm)),
  );
  const modals = changed((tokens, i) => MODALITY_WORDS.has(tokens[i]!.norm));
  const swapped = modalSwaps.map((s) => `“${a[s.q!]!.raw}” → “${b[s.t!]!.raw}”`);
  const unpaired = describe(
    modals.removed.filter((w) => !modalSwaps.some((s) => a[s.q!]!.raw === w)),
    modals.added.filter((w) => !modalSwaps.some((s) => b[s.t!]!.raw === w)),
  );
  if (swapped.length > 0 || unpaired) flags.push({ kind: 'modality', detail: [...swapped, unpaired].filter(Boolean).join(', ') });

  // An actor counts as changed when one the base names is gone from the variant (dropped, or replaced by
  // another). A name only added ("the Sukhoi Su-35") makes the claim more specific, not about someone else.
  const actors = changed(isActor);
  const gone = actors.removed.filter((name) => !b.some((t, i) => isActor(b, i) && sameName(name, t.raw)));
  const arrived = actors.added.filter((name) => !a.some((t, i) => isActor(a, i) && sameName(name, t.raw)));
  if (gone.length > 0) flags.push({ kind: 'actor', detail: describe(gone, arrived) });
  return flags;
}

/**
 * A name: a word WordNet knows only as a name (a country, a city), an acronym,
 * or a capitalised content word that does not just start its sentence.
 * Generic on purpose: no list of countries or people, so news of any place
 * reads the same way.
 */
function isActor(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (!token.content) return false;
  if (/^\p{Lu}{2,}$/u.test(token.raw)) return true;
  const startsSentence = i === 0 || tokens[i - 1]!.sentence !== token.sentence;
  return (token.lex >= 0 && lexicon().isName(token.lex)) || (!startsSentence && /^\p{Lu}/u.test(token.raw));
}

/**
 * Two spellings of one name: equal once folded, or one the start of the other
 * as a demonym is ("Iran"/"Iranian", "Ukraine"/"Ukrainian": at least four
 * letters in common and most of the shorter word).
 */
function sameName(x: string, y: string): boolean {
  const [p, q] = [x.toLowerCase(), y.toLowerCase()];
  if (p === q) return true;
  let common = 0;
  while (common < p.length && common < q.length && p[common] === q[common]) common++;
  return common >= 4 && common >= 0.7 * Math.min(p.length, q.length);
}

/**
 * Word-level diff for display: runs of equal words, and what the variant
 * dropped, added or replaced, in the original text with its punctuation
 * ("full-fledged", not "full fledged").
 */
export function wordDiff(base: string, variant: string, a: readonly Token[], b: readonly Token[], steps: readonly Step[] = alignGlobal(a, b)): DiffSegment[] {
  interface Run {
    kind: DiffSegment['kind'];
    q: number[];
    t: number[];
  }
  const runs: Run[] = [];
  for (const step of steps) {
    const kind: DiffSegment['kind'] =
      step.kind === 'equal' && a[step.q!]!.raw === b[step.t!]!.raw
        ? 'equal'
        : step.kind === 'delete'
          ? 'delete'
          : step.kind === 'insert'
            ? 'insert'
            : 'replace';
    const last = runs.at(-1);
    // Adjacent changes read as one: "technical support" → "technique", not a swap and a deletion.
    if (last && (last.kind === kind || (last.kind !== 'equal' && kind !== 'equal'))) {
      if (last.kind !== kind) last.kind = 'replace';
    } else runs.push({ kind, q: [], t: [] });
    const run = runs.at(-1)!;
    if (step.q !== undefined) run.q.push(step.q);
    if (step.t !== undefined) run.t.push(step.t);
  }
  // A run's text reaches to where the next run on its side begins, so the runs laid end to end give back the quote.
  const text = (source: string, tokens: readonly Token[], side: 'q' | 't', i: number) => {
    const own = runs[i]![side];
    if (own.length === 0) return '';
    const next = runs.slice(i + 1).find((r) => r[side].length > 0);
    return source.slice(tokens[own[0]!]!.start, next ? tokens[next[side][0]!]!.start : tokens[own.at(-1)!]!.end);
  };
  return runs.map((run, i) => ({ kind: run.kind, base: text(base, a, 'q', i), variant: text(variant, b, 't', i) }));
}
