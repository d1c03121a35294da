import type { Annotation, Suggestion } from '../api/contract.ts';
import { getAnnotation, listAnnotations } from '../corpus/annotations.ts';
import { claimGroupIds } from '../corpus/claimGroups.ts';
import type { Db } from '../corpus/database.ts';
import { linksOf } from '../corpus/links.ts';
import { DEFAULT_MIN_COVERAGE, findSpans, type SpanMatch } from './spanFinder.ts';
import { candidateArticles, ensureMatchIndex, rarityWeight, retrieves, termStatistics } from './termIndex.ts';
import { tokenize, weighTokens } from './tokens.ts';

export interface SuggestOptions {
  limit?: number;
  minScore?: number;
  minCoverage?: number;
}

interface Span {
  articleId: number;
  start: number;
  end: number;
}

/** Shared length over the longer of the two spans: 1 for the same span, 0 for disjoint ones. */
export function overlapRatio(a: Span, b: Span): number {
  if (a.articleId !== b.articleId) return 0;
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared <= 0 ? 0 : shared / Math.max(a.end - a.start, b.end - b.start);
}

/** Overlap above which two spans are taken to be the same span found again. */
const SAME_SPAN = 0.6;

const annotationSpans = (db: Db, articleId: number) =>
  db.prepare('SELECT id, article_id AS articleId, start, "end" FROM annotations WHERE article_id = ?').all(articleId) as Array<Span & { id: number }>;

/** The annotation that is this span, or nearly: the one overlapping it most, if that is at least SAME_SPAN. */
function coveringAnnotation(annotations: ReadonlyArray<Span & { id: number }>, span: Span): number | null {
  let best: { id: number; overlap: number } | null = null;
  for (const a of annotations) {
    const overlap = overlapRatio(a, span);
    if (overlap >= SAME_SPAN && overlap > (best?.overlap ?? 0)) best = { id: a.id, overlap };
  }
  return best?.id ?? null;
}

/**
 * "Find this claim elsewhere": spans across the corpus that report the
 * annotation's words, best first. Retrieval from the word index, alignment in
 * each retrieved article, then what the analyst has already settled is left
 * out: the annotation itself, spans already linked to it or in its claim
 * group, and spans rejected for it before.
 */
export function suggestFor(db: Db, annotationId: number, options: SuggestOptions = {}): Suggestion[] {
  ensureMatchIndex(db);
  const source = getAnnotation(db, annotationId);
  const rawQuote = tokenize(source.quote);
  const stats = termStatistics(db, rawQuote.filter((t) => t.content).map((t) => t.key));
  const weightOf = (key: string) => (stats.frequency.has(key) ? rarityWeight(stats, key) : 1);
  const quote = weighTokens(rawQuote, weightOf);
  const settled = settledSpans(db, source);
  const rejected = db
    .prepare('SELECT article_id AS articleId, start, "end" FROM suggestion_rejections WHERE annotation_id = ?')
    .all(annotationId) as Span[];
  const textOf = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();

  // An article can only cover as much of the quote as the words it shares (or cannot be told apart
  // by the index: function words and words in most articles). Too little, and it is not aligned at all.
  const quoteWeight = quote.reduce((sum, t) => sum + t.weight, 0);
  const reachable = (keys: ReadonlySet<string>) => quote.reduce((sum, t) => sum + (!t.content || !retrieves(stats, t.key) || keys.has(t.key) ? t.weight : 0), 0);
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;

  const suggestions: Suggestion[] = [];
  for (const candidate of candidateArticles(db, quote, stats)) {
    if (reachable(new Set(candidate.sharedKeys)) < minCoverage * quoteWeight) continue;
    const text = textOf.get(candidate.articleId) as string | undefined;
    if (text === undefined) continue; // an article deleted since it was indexed
    const existing = annotationSpans(db, candidate.articleId);
    for (const match of findSpans(quote, weighTokens(tokenize(text), weightOf), { minScore: options.minScore, minCoverage: options.minCoverage })) {
      const span = { articleId: candidate.articleId, start: match.start, end: match.end };
      if (settled.some((s) => overlapRatio(s, span) > 0)) continue;
      if (rejected.some((r) => overlapRatio(r, span) >= SAME_SPAN)) continue;
      suggestions.push(toSuggestion(source, span, text, match, coveringAnnotation(existing, span)));
    }
  }
  return suggestions.sort((a, b) => b.score - a.score || a.articleId - b.articleId || a.start - b.start).slice(0, options.limit ?? 20);
}

/** The annotation's own span and every span already tied to it: by any link, or through its claim group. */
function settledSpans(db: Db, source: Annotation): Span[] {
  const groups = claimGroupIds(db);
  const group = groups.get(source.id);
  const ids = new Set<number>([source.id]);
  for (const link of linksOf(db, source.id)) if (link.status !== 'rejected') ids.add(link.fromId === source.id ? link.toId : link.fromId);
  if (group !== undefined) for (const [id, g] of groups) if (g === group) ids.add(id);
  return [...ids].map((id) => getAnnotation(db, id));
}

function toSuggestion(source: Annotation, span: Span, text: string, match: SpanMatch, existingAnnotationId: number | null): Suggestion {
  const changes = match.operations.filter((o) => o.op !== 'equal');
  const count = (op: string) => changes.filter((o) => o.op === op).length;
  const summary = [
    `${match.sharedWords.length} shared word${match.sharedWords.length === 1 ? '' : 's'}`,
    count('near') && `${count('near')} reworded`,
    count('swap') && `${count('swap')} swapped`,
    count('delete') && `${count('delete')} missing`,
    count('insert') && `${count('insert')} added`,
    count('moved') && `${count('moved')} moved`,
    `covers ${Math.round(match.coverage * 100)}% of the quote`,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    sourceId: source.id,
    ...span,
    quote: text.slice(span.start, span.end),
    score: match.score,
    existingAnnotationId,
    explanation: { sharedWords: match.sharedWords, operations: match.operations, coverage: match.coverage, precision: match.precision, summary },
  };
}

/** Suggestions for every annotation, for the review queue and `suggest --all`. */
export function suggestAll(db: Db, options: SuggestOptions = {}): Suggestion[] {
  return listAnnotations(db).flatMap((a) => suggestFor(db, a.id, options));
}
