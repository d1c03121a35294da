/*
 * Two analysts' spans on one article, paired for a curator to compare. Pure: no
 * corpus, so the pairing rules are specified by their own tests.
 *
 * Spans pair when they overlap; where one span overlaps several, the pairs with
 * the largest overlap (as a share of the two spans' union) are taken first, so
 * each span is in at most one pair and a long span is not matched to a sliver
 * while its true counterpart sits beside it. What is left pairs with nothing.
 */

export interface AlignableSpan {
  start: number;
  end: number;
  tag: string;
  /** Breaks ties the same way on every run (a UUID). */
  key: string;
}

/** How the two sides of a pair differ. */
export type SpanDifference = 'same' | 'tag' | 'boundary' | 'boundary-and-tag' | 'only-first' | 'only-second';

export interface AlignedPair<S extends AlignableSpan> {
  first: S | null;
  second: S | null;
  difference: SpanDifference;
}

const overlap = (a: AlignableSpan, b: AlignableSpan) => Math.min(a.end, b.end) - Math.max(a.start, b.start);
const union = (a: AlignableSpan, b: AlignableSpan) => Math.max(a.end, b.end) - Math.min(a.start, b.start);

function differenceOf(a: AlignableSpan, b: AlignableSpan): SpanDifference {
  const sameBounds = a.start === b.start && a.end === b.end;
  const sameTag = a.tag === b.tag;
  return sameBounds ? (sameTag ? 'same' : 'tag') : sameTag ? 'boundary' : 'boundary-and-tag';
}

/** The pairs in text order (by where each pair starts, then ends). */
export function alignSpans<S extends AlignableSpan>(first: readonly S[], second: readonly S[]): Array<AlignedPair<S>> {
  const candidates: Array<{ i: number; j: number; share: number }> = [];
  for (let i = 0; i < first.length; i++) {
    for (let j = 0; j < second.length; j++) {
      const shared = overlap(first[i]!, second[j]!);
      if (shared > 0) candidates.push({ i, j, share: shared / union(first[i]!, second[j]!) });
    }
  }
  candidates.sort(
    (x, y) =>
      y.share - x.share || first[x.i]!.start - first[y.i]!.start || compare(first[x.i]!.key, first[y.i]!.key) || compare(second[x.j]!.key, second[y.j]!.key),
  );
  const takenFirst = new Set<number>();
  const takenSecond = new Set<number>();
  const pairs: Array<AlignedPair<S>> = [];
  for (const { i, j } of candidates) {
    if (takenFirst.has(i) || takenSecond.has(j)) continue;
    takenFirst.add(i);
    takenSecond.add(j);
    pairs.push({ first: first[i]!, second: second[j]!, difference: differenceOf(first[i]!, second[j]!) });
  }
  first.forEach((s, i) => takenFirst.has(i) || pairs.push({ first: s, second: null, difference: 'only-first' }));
  second.forEach((s, j) => takenSecond.has(j) || pairs.push({ first: null, second: s, difference: 'only-second' }));
  const startOf = (p: AlignedPair<S>) => Math.min(p.first?.start ?? Infinity, p.second?.start ?? Infinity);
  const endOf = (p: AlignedPair<S>) => Math.max(p.first?.end ?? -Infinity, p.second?.end ?? -Infinity);
  const keyOf = (p: AlignedPair<S>) => `${p.first?.key ?? ''}|${p.second?.key ?? ''}`;
  return pairs.sort((x, y) => startOf(x) - startOf(y) || endOf(x) - endOf(y) || compare(keyOf(x), keyOf(y)));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
