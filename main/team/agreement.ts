/*
 * Inter-annotator agreement between analysts who tagged the same articles.
 * Pure functions over texts and spans: no database, so they can be checked
 * against textbook cases.
 *
 * - Cohen's kappa over words: every word (a maximal run of letters and digits)
 *   gets one label per analyst — none, claim, denial or attribution — and kappa
 *   compares the two labellings, overall and per tag (that tag against the rest).
 * - Krippendorff's unitizing alpha (αU, Krippendorff 1995, "On the reliability of
 *   unitizing contiguous data"), per tag and overall: the articles are one
 *   continuum of UTF-16 code units; each analyst's spans of a tag are that tag's
 *   units, the rest are gaps. Observed disagreement sums the squared boundary
 *   differences of overlapping units and the squared lengths of units the other
 *   analyst left in a gap; expected disagreement is the same over every
 *   placement of the units and gaps observed.
 *
 * 1 is perfect agreement, 0 what chance would give, below 0 systematic disagreement.
 * A value is null when it is undefined (nobody used the tag, or chance agreement is already perfect).
 */

export const AGREEMENT_TAGS = ['claim', 'denial', 'attribution'] as const;
export type AgreementTag = (typeof AGREEMENT_TAGS)[number];
export type WordLabel = AgreementTag | 'none';
const LABELS: readonly WordLabel[] = ['none', ...AGREEMENT_TAGS];

export interface TaggedSpan {
  articleId: number;
  start: number;
  end: number;
  tag: AgreementTag;
}

export interface AgreementArticle {
  id: number;
  text: string;
}

export interface KappaResult {
  kappa: number | null;
  observed: number;
  expected: number;
  /** How many words each pair of labels was given: matrix[a][b] = words labelled a by the first analyst, b by the second. */
  matrix: Record<WordLabel, Record<WordLabel, number>>;
  words: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Word boundaries of a text, in UTF-16 offsets. */
export function wordsOf(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * The label an analyst gave each word: the tag of the span covering the word's
 * middle; where several do, the shortest (the most specific reading), then the
 * earliest. Words no span covers are `none`.
 */
export function labelWords(words: ReadonlyArray<{ start: number; end: number }>, spans: readonly TaggedSpan[]): WordLabel[] {
  const sorted = [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  return words.map((w) => {
    const middle = (w.start + w.end - 1) / 2;
    return sorted.find((s) => s.start <= middle && middle < s.end)?.tag ?? 'none';
  });
}

/** Cohen's kappa for two labellings of the same items, over the labels given. */
export function cohensKappa(first: readonly WordLabel[], second: readonly WordLabel[], labels: readonly WordLabel[] = LABELS): KappaResult {
  if (first.length !== second.length) throw new Error('both analysts must label the same words');
  const matrix = Object.fromEntries(labels.map((a) => [a, Object.fromEntries(labels.map((b) => [b, 0]))])) as KappaResult['matrix'];
  for (let i = 0; i < first.length; i++) matrix[first[i]!][second[i]!]++;
  const n = first.length;
  if (n === 0) return { kappa: null, observed: 0, expected: 0, matrix, words: 0 };
  let agree = 0;
  let chance = 0;
  for (const a of labels) {
    agree += matrix[a][a];
    const rowTotal = labels.reduce((sum, b) => sum + matrix[a][b], 0);
    const columnTotal = labels.reduce((sum, b) => sum + matrix[b][a], 0);
    chance += (rowTotal / n) * (columnTotal / n);
  }
  const observed = agree / n;
  // When chance agreement is already perfect (both gave one and the same label throughout), kappa is 0/0.
  const kappa = chance === 1 ? null : (observed - chance) / (1 - chance);
  return { kappa, observed, expected: chance, matrix, words: n };
}

/** Kappa overall (four labels) and per tag (that tag against everything else), over every word of the articles. */
export function kappaOverWords(articles: readonly AgreementArticle[], first: readonly TaggedSpan[], second: readonly TaggedSpan[]) {
  const a: WordLabel[] = [];
  const b: WordLabel[] = [];
  for (const article of articles) {
    const words = wordsOf(article.text);
    a.push(
      ...labelWords(
        words,
        first.filter((s) => s.articleId === article.id),
      ),
    );
    b.push(
      ...labelWords(
        words,
        second.filter((s) => s.articleId === article.id),
      ),
    );
  }
  const overall = cohensKappa(a, b);
  const perTag = Object.fromEntries(
    AGREEMENT_TAGS.map((tag) => {
      const binary = (labels: WordLabel[]) => labels.map((l) => (l === tag ? tag : 'none'));
      return [tag, cohensKappa(binary(a), binary(b), ['none', tag])];
    }),
  ) as Record<AgreementTag, KappaResult>;
  return { overall, perTag };
}

interface Unit {
  begin: number;
  length: number;
}

/** One analyst's units of one tag on the continuum, overlapping or touching spans of that tag merged (αU needs them disjoint). */
function unitsOf(spans: readonly TaggedSpan[], tag: AgreementTag, offsets: ReadonlyMap<number, number>): Unit[] {
  const placed = spans
    .filter((s) => s.tag === tag && offsets.has(s.articleId))
    .map((s) => ({ begin: offsets.get(s.articleId)! + s.start, end: offsets.get(s.articleId)! + s.end }))
    .sort((x, y) => x.begin - y.begin);
  const merged: Array<{ begin: number; end: number }> = [];
  for (const s of placed) {
    const last = merged.at(-1);
    if (last && s.begin <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged.map((m) => ({ begin: m.begin, length: m.end - m.begin }));
}

/** The continuum cut into one analyst's units and the gaps between them. */
function segmentsOf(units: readonly Unit[], length: number): Array<Unit & { unit: boolean }> {
  const segments: Array<Unit & { unit: boolean }> = [];
  let position = 0;
  for (const u of units) {
    if (u.begin > position) segments.push({ begin: position, length: u.begin - position, unit: false });
    segments.push({ ...u, unit: true });
    position = u.begin + u.length;
  }
  if (position < length) segments.push({ begin: position, length: length - position, unit: false });
  return segments;
}

/** Krippendorff's δ² between two segments of two analysts that meet on the continuum. */
function squaredDistance(g: Unit & { unit: boolean }, h: Unit & { unit: boolean }): number {
  const beginDifference = g.begin - h.begin;
  const endDifference = g.begin + g.length - (h.begin + h.length);
  if (g.unit && h.unit) return -g.length < beginDifference && beginDifference < h.length ? beginDifference ** 2 + endDifference ** 2 : 0;
  if (g.unit && !h.unit) return beginDifference >= 0 && endDifference <= 0 ? g.length ** 2 : 0; // g lies inside h's gap
  if (!g.unit && h.unit) return beginDifference <= 0 && endDifference >= 0 ? h.length ** 2 : 0;
  return 0;
}

export interface AlphaResult {
  alpha: number | null;
  observedDisagreement: number;
  expectedDisagreement: number;
  units: number;
}

/** αU for one tag over every pair of analysts' units, on a continuum of `length` code units. */
function alphaForTag(unitsByAnalyst: ReadonlyArray<readonly Unit[]>, length: number): AlphaResult {
  const m = unitsByAnalyst.length;
  const all = unitsByAnalyst.flat();
  if (m < 2 || length === 0) return { alpha: null, observedDisagreement: 0, expectedDisagreement: 0, units: all.length };
  const segments = unitsByAnalyst.map((units) => segmentsOf(units, length));

  // Observed: walk both segmentations together; each pair of segments that share a stretch is compared once.
  let observed = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const [a, b] = [segments[i]!, segments[j]!];
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        observed += squaredDistance(a[x]!, b[y]!);
        const endA = a[x]!.begin + a[x]!.length;
        const endB = b[y]!.begin + b[y]!.length;
        if (endA <= endB) x++;
        if (endB <= endA) y++;
      }
    }
  }
  const observedDisagreement = (2 * observed) / (m * (m - 1) * length * length);

  // Expected: every unit against every placement within every gap (of any analyst) long enough to hold it.
  const gaps = segments.flatMap((s) => s.filter((g) => !g.unit).map((g) => g.length)).sort((p, q) => q - p);
  const n = all.length;
  let expected = 0;
  let withinUnits = 0;
  for (const { length: l } of all) {
    let placements = 0;
    for (const gap of gaps) {
      if (gap < l) break;
      placements += gap - l + 1;
    }
    expected += ((n - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l ** 2 * placements;
    withinUnits += l * (l - 1);
  }
  const denominator = m * length * (m * length - 1) - withinUnits;
  const expectedDisagreement = denominator > 0 ? ((2 / length) * expected) / denominator : 0;
  const alpha = expectedDisagreement === 0 ? null : 1 - observedDisagreement / expectedDisagreement;
  return { alpha, observedDisagreement, expectedDisagreement, units: n };
}

/** αU per tag, and overall from the disagreements averaged over the tags used. */
export function unitizingAlpha(articles: readonly AgreementArticle[], spansByAnalyst: ReadonlyArray<readonly TaggedSpan[]>) {
  const offsets = new Map<number, number>();
  let length = 0;
  for (const article of articles) {
    offsets.set(article.id, length);
    length += article.text.length;
  }
  const perTag = Object.fromEntries(
    AGREEMENT_TAGS.map((tag) => [
      tag,
      alphaForTag(
        spansByAnalyst.map((spans) => unitsOf(spans, tag, offsets)),
        length,
      ),
    ]),
  ) as Record<AgreementTag, AlphaResult>;
  const used = Object.values(perTag).filter((r) => r.units > 0);
  const observed = used.reduce((sum, r) => sum + r.observedDisagreement, 0) / (used.length || 1);
  const expectedD = used.reduce((sum, r) => sum + r.expectedDisagreement, 0) / (used.length || 1);
  return {
    overall: {
      alpha: expectedD === 0 ? null : 1 - observed / expectedD,
      observedDisagreement: observed,
      expectedDisagreement: expectedD,
      units: used.reduce((s, r) => s + r.units, 0),
    },
    perTag,
    length,
  };
}
