import { DRIFT_CLASSES, type DiffSegment, type MEANING_FLAGS } from '../api/contract.ts';
import { alignGlobal, type Step } from './alignment.ts';
import { tokenize, type Token } from './tokens.ts';
import { isKnownActorKey, isNegation, isNumber } from './wordForms.ts';

/**
 * How a variant's wording drifted from a base quote, and whether the drift
 * changes what is claimed. Classes run from harmless to loose; flags are the
 * changes a fact-checker must not miss: negation, numbers, actors.
 */
export type DriftClass = (typeof DRIFT_CLASSES)[number];

export interface MeaningFlag {
  kind: (typeof MEANING_FLAGS)[number];
  detail: string;
}

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

export function classifyDrift(base: string, variant: string): DriftReport {
  const a = tokenize(base);
  const b = tokenize(variant);
  const steps = alignGlobal(a, b);
  const diff = wordDiff(a, b, steps);
  const flags = meaningFlags(a, b, steps);
  const classes = new Set<DriftClass>();

  const paired = steps.filter((s) => s.q !== undefined && s.t !== undefined);
  const same = paired.filter((s) => s.kind === 'equal').length;
  const near = paired.filter((s) => s.kind === 'near').length;
  const swaps = paired.filter((s) => s.kind === 'swap').length;
  const gaps = steps.filter((s) => s.kind === 'insert' || s.kind === 'delete');
  const core = coreRange(steps);
  const innerGaps = gaps.filter((s) => isInside(steps, s, core));
  const edgeGaps = gaps.length - innerGaps.length;

  if (a.length === b.length && same === a.length) {
    classes.add(base === variant ? 'identical' : 'typography');
  } else {
    if (a.map((t) => t.norm).join(' ') === b.map((t) => t.norm).join(' ') || hyphenationOnly(a, b)) classes.add('typography');
    if (/[“”‘’"'—–-]/.test(base + variant) && typographyDiffers(base, variant)) classes.add('typography');
    if (near + swaps > 0) classes.add('word-swap');
    if (edgeGaps > 0) classes.add('truncation');
    const kept = (same + near) / Math.max(1, Math.min(a.length, b.length));
    if (sameWordsOtherOrder(a, b) && kept < 0.9) classes.add('reordering');
    else if (kept < PARAPHRASE_BELOW || innerGaps.length > Math.max(2, 0.25 * Math.min(a.length, b.length))) classes.add('paraphrase');
    else if (innerGaps.length > 0) classes.add('word-swap');
  }
  const ordered = DRIFT_CLASSES.filter((c) => classes.has(c));
  const final = ordered.length > 0 ? ordered : (['identical'] as DriftClass[]);
  return { classes: final, primary: final.at(-1)!, flags, diff };
}

function coreRange(steps: readonly Step[]): [number, number] {
  const matched = (s: Step) => s.kind === 'equal' || s.kind === 'near';
  return [steps.findIndex(matched), steps.findLastIndex(matched)];
}

function isInside(steps: readonly Step[], step: Step, [first, last]: [number, number]): boolean {
  const i = steps.indexOf(step);
  return i > first && i < last;
}

/** "fully fledged" / "full-fledged", "military industrial" / "military-industrial": the words are the same, only joined differently. */
function hyphenationOnly(a: readonly Token[], b: readonly Token[]): boolean {
  const joined = (tokens: readonly Token[]) => tokens.map((t) => t.norm).join('');
  return joined(a) === joined(b);
}

function typographyDiffers(base: string, variant: string): boolean {
  const marks = (s: string) => s.replace(/[^“”‘’"'—–-]/g, '');
  return marks(base) !== marks(variant);
}

function sameWordsOtherOrder(a: readonly Token[], b: readonly Token[]): boolean {
  const keys = (tokens: readonly Token[]) => tokens.filter((t) => t.content).map((t) => t.key).sort().join(' ');
  return keys(a) === keys(b) && keys(a) !== '';
}

/**
 * Flags drift that changes the claim. Words dropped at either end are a
 * truncation and flag nothing; a word dropped, added or swapped between
 * matched words does.
 */
function meaningFlags(a: readonly Token[], b: readonly Token[], steps: readonly Step[]): MeaningFlag[] {
  const flags: MeaningFlag[] = [];
  const core = coreRange(steps);
  const inner = steps.filter((s, i) => i > core[0] && i < core[1] && s.kind !== 'equal' && s.kind !== 'near');
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
    flags.push({ kind: 'negation', detail: describe(negation.removed, negation.added) || (baseNegated ? 'the base is negated, the variant is not' : 'the variant is negated, the base is not') });
  }
  const numbers = changed((tokens, i) => isNumber(tokens[i]!.norm));
  if (numbers.removed.length + numbers.added.length > 0) flags.push({ kind: 'number', detail: describe(numbers.removed, numbers.added) });
  const actors = changed(isActor);
  if (actors.removed.length + actors.added.length > 0) flags.push({ kind: 'actor', detail: describe(actors.removed, actors.added) });
  return flags;
}

/** A known country or institution, or a capitalised word that does not just start its sentence. */
function isActor(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  const startsSentence = i === 0 || tokens[i - 1]!.sentence !== token.sentence;
  return token.content && (isKnownActorKey(token.key) || (!startsSentence && /^\p{Lu}/u.test(token.raw)));
}

/** Word-level diff for display: runs of equal words, and what the variant dropped, added or replaced. */
export function wordDiff(a: readonly Token[], b: readonly Token[], steps: readonly Step[] = alignGlobal(a, b)): DiffSegment[] {
  const segments: DiffSegment[] = [];
  const push = (kind: DiffSegment['kind'], base: string, variant: string) => {
    const last = segments.at(-1);
    if (last && last.kind === kind) {
      last.base = [last.base, base].filter(Boolean).join(' ');
      last.variant = [last.variant, variant].filter(Boolean).join(' ');
    } else segments.push({ kind, base, variant });
  };
  for (const step of steps) {
    const x = step.q === undefined ? '' : a[step.q]!.raw;
    const y = step.t === undefined ? '' : b[step.t]!.raw;
    if (step.kind === 'equal' && x === y) push('equal', x, y);
    else if (step.kind === 'delete') push('delete', x, '');
    else if (step.kind === 'insert') push('insert', '', y);
    else push('replace', x, y);
  }
  return segments;
}
