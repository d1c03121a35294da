import type { Range } from 'slate';
import type { Annotation } from '../../main/contract/contract.ts';
import { paragraphAt, type ParagraphElement } from './articleDocument.ts';

/**
 * The reading pane paints highlights from several sources (annotations, the
 * selected annotation, a flashed search match; later ghost suggestions). Each
 * source is a list of marked spans; a mark is a leaf property
 * `hl_<source>_<id>` whose value says how to paint it (a tag, or a kind).
 */
export type MarkKey = `hl_${string}`;

export interface MarkedSpan {
  mark: MarkKey;
  value: string;
  start: number;
  end: number;
}

/** One source's spans cut into paragraph-local pieces, indexed by paragraph. */
export type ParagraphHighlights = ReadonlyMap<number, readonly MarkedSpan[]>;

export const annotationMark = (id: number): MarkKey => `hl_a_${id}`;
export const ANNOTATION_MARK = /^hl_a_(\d+)$/;
/** A suggestion (ghost) is a mark like any other highlight; its number is its place in the suggestion list shown. */
export const suggestionMark = (index: number): MarkKey => `hl_g_${index}`;
export const SUGGESTION_MARK = /^hl_g_(\d+)$/;

export const annotationSpans = (annotations: readonly Annotation[]): MarkedSpan[] =>
  annotations.map((a) => ({ mark: annotationMark(a.id), value: a.tag, start: a.start, end: a.end }));

const samePieces = (a: readonly MarkedSpan[], b: readonly MarkedSpan[]) =>
  a.length === b.length && a.every((x, i) => x.mark === b[i]!.mark && x.value === b[i]!.value && x.start === b[i]!.start && x.end === b[i]!.end);

/**
 * Groups spans by paragraph. Lists equal to the previous index's are reused,
 * so when one annotation changes only its paragraphs get new lists and only
 * they are re-decorated and re-rendered.
 */
export function indexByParagraph(paragraphs: readonly ParagraphElement[], spans: readonly MarkedSpan[], previous?: ParagraphHighlights): ParagraphHighlights {
  const index = new Map<number, MarkedSpan[]>();
  // No article on screen (one is loading): nothing to paint, whatever spans are still around.
  if (paragraphs.length === 0) return index;
  for (const span of spans) {
    const first = paragraphAt(paragraphs, span.start);
    const last = paragraphAt(paragraphs, Math.max(span.start, span.end - 1));
    for (let i = first; i <= last; i++) {
      const paragraph = paragraphs[i]!;
      const start = Math.max(span.start - paragraph.start, 0);
      const end = Math.min(span.end - paragraph.start, paragraph.children[0].text.length);
      if (end <= start) continue;
      let list = index.get(i);
      if (!list) index.set(i, (list = []));
      list.push({ mark: span.mark, value: span.value, start, end });
    }
  }
  if (!previous) return index;
  for (const [i, list] of index) {
    const before = previous.get(i);
    if (before && samePieces(before, list)) index.set(i, before as MarkedSpan[]);
  }
  return index;
}

/**
 * Slate ranges for one paragraph from every source, cached per paragraph on
 * the identity of the sources' lists so that an unchanged paragraph gets the
 * very same array back.
 */
export function createParagraphDecorator() {
  const cache = new Map<number, { inputs: Array<readonly MarkedSpan[] | undefined>; ranges: Range[] }>();
  return (sources: readonly ParagraphHighlights[], paragraph: number): Range[] => {
    const inputs = sources.map((source) => source.get(paragraph));
    const cached = cache.get(paragraph);
    if (cached && cached.inputs.length === inputs.length && cached.inputs.every((input, i) => input === inputs[i])) return cached.ranges;
    const ranges: Range[] = [];
    for (const list of inputs) {
      for (const piece of list ?? []) {
        ranges.push({ anchor: { path: [paragraph, 0], offset: piece.start }, focus: { path: [paragraph, 0], offset: piece.end }, [piece.mark]: piece.value });
      }
    }
    cache.set(paragraph, { inputs, ranges });
    return ranges;
  };
}
