import type { Db } from '../corpus/database.ts';

/** A span of one article, in UTF-16 offsets. */
export interface Span {
  articleId: number;
  start: number;
  end: number;
}

/** Shared length over the longer of the two spans: 1 for the same span, 0 for disjoint ones. */
export function spanOverlap(a: Span, b: Span): number {
  if (a.articleId !== b.articleId) return 0;
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared <= 0 ? 0 : shared / Math.max(a.end - a.start, b.end - b.start);
}

/**
 * Overlap above which two spans are taken to be the same span found again: the
 * threshold the suggestion ranking has used since its first evaluation on the
 * matcher's labelled set (tests/fixtures/matcher-eval.json).
 */
export const SAME_SPAN = 0.6;

export const annotationSpans = (db: Db, articleId: number) =>
  db.prepare('SELECT id, article_id AS articleId, start, "end" FROM annotations WHERE article_id = ?').all(articleId) as Array<Span & { id: number }>;

/** The annotation that is this span, or nearly: the one overlapping it most, if that is at least SAME_SPAN. */
export function coveringAnnotation(annotations: ReadonlyArray<Span & { id: number }>, span: Span): number | null {
  let best: { id: number; overlap: number } | null = null;
  for (const a of annotations) {
    const overlap = spanOverlap(a, span);
    if (overlap >= SAME_SPAN && overlap > (best?.overlap ?? 0)) best = { id: a.id, overlap };
  }
  return best?.id ?? null;
}
