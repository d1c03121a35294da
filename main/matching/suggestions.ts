import type { Annotation, Suggestion } from '../contract/contract.ts';
import { getAnnotation, listAnnotations } from '../corpus/annotations.ts';
import { claimGroupWith } from '../corpus/claimGroups.ts';
import type { Db } from '../corpus/database.ts';
import { linksOf } from '../corpus/links.ts';
import { speakerOf } from '../corpus/speakers.ts';
import { cachedStatement } from '../corpus/statements.ts';
import { findSpeaker, sameSpeaker, speakerNamed } from './attribution.ts';
import { findInArticle, headingTokens, MIN_MEANING, MIN_MEANING_COVERAGE, type FoundSpan } from './articleMatches.ts';
import { sentencesOf } from './clauses.ts';
import { bestClauseRun } from './meaningMatch.ts';
import { DEFAULT_MIN_COVERAGE } from './spanFinder.ts';
import { claimStructure } from './claimStructure.ts';
import { lexicon } from './lexicon/lexicon.ts';
import { candidateArticles, rarityWeight, retrieves, termStatistics } from './termIndex.ts';
import { tokenize, weighTokens, type Token } from './tokens.ts';
import { normaliseWord, wordKey } from './wordForms.ts';

export interface SuggestOptions {
  limit?: number;
  minScore?: number;
  minCoverage?: number;
  /** Lowest meaning score for a span found by meaning alone (articleMatches.ts). */
  minMeaning?: number;
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
  cachedStatement(db, 'SELECT id, article_id AS articleId, start, "end" FROM annotations WHERE article_id = ?').all(articleId) as Array<Span & { id: number }>;

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
 * "Find this claim elsewhere": spans across the live corpus that report the
 * annotation's claim, best first. Candidate articles come from the word index
 * (the quote's words and their WordNet rewordings); in each, word-by-word
 * alignment finds reports that keep the words (exact boundaries), and a
 * meaning score over whole clauses finds those that reword them. A
 * candidate whose numbers, negation or actors differ from the quote's is
 * another claim and is dropped; one attributed to someone else is kept but
 * marked, and listed after the others. What the analyst has settled is left
 * out: the annotation itself, spans linked to it or in its claim group, spans
 * rejected for any member of the group, and superseded article versions.
 */
export function suggestFor(db: Db, annotationId: number, options: SuggestOptions = {}): Suggestion[] {
  // Never rebuilds the word index: a rebuild takes minutes on a large corpus and runs in the background
  // (suggestionRefresh.ts); while it does, retrieval reads the index of the previous matcher version.
  const source = getAnnotation(db, annotationId);
  const rawQuote = tokenize(source.quote);
  const words = lexicon();
  const expansions = new Map<string, number>();
  for (const t of rawQuote) if (t.content && t.lex >= 0) for (const r of words.relatedWords(t.lex)) expansions.set(wordKey(words.word(r)), EXPANSION_SHARE);
  const stats = termStatistics(db, [...rawQuote.filter((t) => t.content).map((t) => t.key), ...expansions.keys()]);
  const weightOf = (key: string) => (stats.frequency.has(key) ? rarityWeight(stats, key) : 1);
  const quote = weighTokens(rawQuote, weightOf);
  const settled = settledSpans(db, source);
  const settledIds = settled.map((s) => s.id);
  const rejected = db
    .prepare(`SELECT article_id AS articleId, start, "end" FROM suggestion_rejections WHERE annotation_id IN (${settledIds.map(() => '?').join(',')})`)
    .all(...settledIds) as Span[];
  const textOf = cachedStatement(db, 'SELECT text FROM articles WHERE id = ?').pluck();
  const superseded = cachedStatement(db, 'SELECT 1 FROM article_supersessions WHERE old_id = ?').pluck();

  const quoteStructure = claimStructure(source.quote, quote, 0, quote.length - 1);
  const sourceSpeaker = speakerOfSource(db, source, textOf.get(source.articleId) as string);
  const speakerName = personalName(sourceSpeaker?.name ?? '');

  // Read from the source's article only when a span found by meaning needs them.
  let claimsOfSource: Token[][] | undefined;
  const otherClaims = () => (claimsOfSource ??= otherClaimsOf(source, textOf.get(source.articleId) as string, quote));

  const plain: Suggestion[] = [];
  const otherSpeaker: Suggestion[] = [];
  // An article sharing too little of the quote (its words or their rewordings; function words and words in most
  // articles cannot be told apart by the index, so they count as shared) cannot report it: it is not read at all.
  const quoteWeight = quote.reduce((sum, t) => sum + t.weight, 0);
  const relatedKeys = quote.map((t) => new Set(t.content && t.lex >= 0 ? words.relatedWords(t.lex).map((r) => wordKey(words.word(r))) : []));
  const reachable = (keys: ReadonlySet<string>) =>
    quote.reduce(
      (sum, t, i) => sum + (!t.content || !retrieves(stats, t.key) || keys.has(t.key) || [...relatedKeys[i]!].some((k) => keys.has(k)) ? t.weight : 0),
      0,
    );
  const minReach = Math.min(options.minCoverage ?? DEFAULT_MIN_COVERAGE, MIN_MEANING_COVERAGE) * quoteWeight;
  for (const candidate of candidateArticles(db, quote, stats, CANDIDATE_ARTICLES, expansions)) {
    if (superseded.get(candidate.articleId)) continue;
    if (reachable(new Set(candidate.sharedKeys)) < minReach) continue;
    const text = textOf.get(candidate.articleId) as string | undefined;
    if (text === undefined) continue; // an article deleted since it was indexed
    const existing = annotationSpans(db, candidate.articleId);
    for (const found of findInArticle(quote, quoteStructure, text, weighTokens(tokenize(text), weightOf), { ...options, speakerName, otherClaims })) {
      const span = { articleId: candidate.articleId, start: found.start, end: found.end };
      if (settled.some((s) => overlapRatio(s, span) > 0)) continue;
      if (rejected.some((r) => overlapRatio(r, span) >= SAME_SPAN)) continue;
      const sameSpeakerCheck = sourceSpeaker && found.speaker ? sameSpeaker(sourceSpeaker, found.speaker) : null;
      const suggestion = toSuggestion(source, span, found, sameSpeakerCheck, sourceSpeaker?.name ?? null, coveringAnnotation(existing, span));
      (sameSpeakerCheck === false ? otherSpeaker : plain).push(suggestion);
    }
  }
  const byScore = (a: Suggestion, b: Suggestion) => b.score - a.score || a.articleId - b.articleId || a.start - b.start;
  return [...plain.sort(byScore), ...otherSpeaker.sort(byScore)].slice(0, options.limit ?? 20);
}

/**
 * The other claims of the source's article: its sentences outside the source, less its headings and the
 * sentences that themselves say the quote at the full meaning bar (a lead restating it), which are the same
 * claim, not another. The bar is the one without the speaker's evidence: with it, the speaker's neighbouring
 * claim in the source's own article would itself pass as a restatement (measured on the seed set, where the
 * check then caught nothing).
 */
function otherClaimsOf(source: Annotation, text: string, quote: readonly Token[]): Token[][] {
  const tokens = tokenize(text);
  const heading = headingTokens(text, tokens);
  const claims: Token[][] = [];
  for (const [a, b] of sentencesOf(tokens)) {
    if (heading[a] || (tokens[b]!.end > source.start && tokens[a]!.start < source.end)) continue;
    if ((bestClauseRun(quote, text, tokens, a, b)?.score ?? 0) >= MIN_MEANING) continue;
    claims.push(tokens.slice(a, b + 1));
  }
  return claims;
}

/** The annotation's own span and every span already tied to it: by any link, or through its claim group. */
function settledSpans(db: Db, source: Annotation): Annotation[] {
  const ids = new Set<number>(claimGroupWith(db, source.id).members);
  for (const link of linksOf(db, source.id)) if (link.status !== 'rejected') ids.add(link.fromId === source.id ? link.toId : link.fromId);
  return [...ids].map((id) => getAnnotation(db, id));
}

/** Share of a quote word's weight that a WordNet rewording of it carries in retrieval. */
const EXPANSION_SHARE = 0.6;
/** Articles aligned per query: the 40 sharing most rare words. bench:suggest keeps p95 under 100 ms at 100,000 articles with this. */
const CANDIDATE_ARTICLES = 40;

/**
 * The words of a speaker's own name, last one last: the run of capitalised
 * words that ends the description ("Britain’s UN ambassador Barbara Woodward"
 * → barbara, woodward; "Mayor Felix Brandt-Okoro" → mayor, felix, brandt,
 * okoro). The titles and places before it name others too.
 */
function personalName(name: string): string[] {
  const words = name.split(/[^\p{L}\p{N}'’-]+/u).filter(Boolean);
  let first = words.length;
  while (first > 0 && /^\p{Lu}/u.test(words[first - 1]!)) first--;
  return words
    .slice(first)
    .flatMap((w) => w.split('-'))
    .filter(Boolean)
    .map((w) => normaliseWord(w).replace(/'s$/, ''));
}

/** The source's speaker: the name the analyst gave the annotation, else the attribution around it in its article. */
function speakerOfSource(db: Db, source: Annotation, text: string): { name: string; words: string[] } | null {
  if (source.speaker) {
    const resolved = speakerOf(db, source.speaker);
    return speakerNamed(resolved?.name ?? source.speaker);
  }
  const tokens = tokenize(text);
  const first = tokens.findIndex((t) => t.end > source.start);
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.start < source.end) last++;
  return first < 0 ? null : findSpeaker(text, tokens, first, last);
}

function toSuggestion(
  source: Annotation,
  span: Span,
  found: FoundSpan,
  sameSpeakerCheck: boolean | null,
  sourceSpeaker: string | null,
  existingAnnotationId: number | null,
): Suggestion {
  const changes = found.operations.filter((o) => o.op !== 'equal');
  const count = (op: string) => changes.filter((o) => o.op === op).length;
  const checks = { ...found.checks, sameSpeaker: sameSpeakerCheck };
  const summary = [
    `${found.sharedWords.length} shared word${found.sharedWords.length === 1 ? '' : 's'}`,
    count('near') && `${count('near')} reworded`,
    count('swap') && `${count('swap')} swapped`,
    count('delete') && `${count('delete')} missing`,
    count('insert') && `${count('insert')} added`,
    count('moved') && `${count('moved')} moved`,
    `covers ${Math.round(found.coverage * 100)}% of the quote`,
    `meaning ${Math.round(found.meaning * 100)}%`,
    checks.sameNumber && 'same number',
    checks.sameActor && 'same actor',
    checks.sameModality === false && 'other modality',
    sameSpeakerCheck === true && `same speaker (${found.speaker!.name})`,
    sameSpeakerCheck === false && `said by ${found.speaker!.name}, not ${sourceSpeaker}`,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    sourceId: source.id,
    ...span,
    quote: found.quote,
    score: found.score,
    existingAnnotationId,
    explanation: {
      sharedWords: found.sharedWords,
      operations: found.operations,
      coverage: found.coverage,
      precision: found.precision,
      summary,
      meaning: found.meaning,
      method: found.method,
      checks,
      speaker: found.speaker?.name ?? null,
    },
  };
}

/** Suggestions for every annotation, for the review queue and `suggest --all`. */
export function suggestAll(db: Db, options: SuggestOptions = {}): Suggestion[] {
  return listAnnotations(db).flatMap((a) => suggestFor(db, a.id, options));
}
