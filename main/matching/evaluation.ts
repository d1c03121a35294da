import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { TAGS } from '../api/contract.ts';
import { CrosscheckError } from '../api/errors.ts';
import { createAnnotation } from '../corpus/annotations.ts';
import { openDatabase } from '../corpus/database.ts';
import { importPaths } from '../ingest/importFiles.ts';
import { overlapRatio, suggestFor, type SuggestOptions } from './suggestions.ts';

/**
 * Precision and recall of "find this claim elsewhere" against a labelled set:
 * source spans, each with the spans that report it (`expected`) and spans
 * that report part of it (`acceptable`: neither a hit nor an error).
 */
const SpanRef = z.strictObject({ file: z.string(), quote: z.string().min(1) });
export const EvaluationSet = z.strictObject({
  description: z.string(),
  /** Folder of the articles, relative to the set file. */
  corpus: z.string(),
  sources: z.array(
    SpanRef.extend({ id: z.string(), tag: z.enum(TAGS), expected: z.array(SpanRef).min(1), acceptable: z.array(SpanRef) }),
  ),
});
export type EvaluationSet = z.infer<typeof EvaluationSet>;

/** A found span counts as an expected one when they overlap by at least half of the longer. */
export const HIT_OVERLAP = 0.5;

export interface SourceResult {
  id: string;
  expected: number;
  found: number;
  falsePositives: Array<{ file: string; quote: string; score: number }>;
  missed: Array<{ file: string; quote: string }>;
  exactBoundaries: number;
}

export interface EvaluationResult {
  precision: number;
  recall: number;
  /** Share of found expected spans whose boundaries are exactly the labelled ones. */
  exactBoundaries: number;
  truePositives: number;
  falsePositives: number;
  expected: number;
  sources: SourceResult[];
}

export function loadEvaluationSet(file: string): { set: EvaluationSet; corpusDir: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CrosscheckError('invalid_input', `cannot read the evaluation set ${file}: ${(error as Error).message}`);
  }
  const parsed = EvaluationSet.safeParse(raw);
  if (!parsed.success) throw new CrosscheckError('invalid_input', `${file} is not an evaluation set: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return { set: parsed.data, corpusDir: resolve(dirname(file), parsed.data.corpus) };
}

/** Runs the set on a fresh in-memory corpus of its articles; nothing is written anywhere. */
export function evaluateMatcher(set: EvaluationSet, corpusDir: string, options: SuggestOptions = {}): EvaluationResult {
  const db = openDatabase(':memory:');
  try {
    const imported = importPaths(db, [corpusDir], 'evaluation');
    const articleOf = new Map<string, { id: number; text: string }>();
    for (const r of imported) {
      if (r.status === 'failed' || r.articleId === undefined) throw new CrosscheckError('invalid_input', `cannot import ${r.file}: ${r.reason}`);
      const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(r.articleId) as string;
      articleOf.set(r.file.split(/[\\/]/).pop()!, { id: r.articleId, text });
    }
    const locate = (ref: { file: string; quote: string }) => {
      const article = articleOf.get(ref.file);
      if (!article) throw new CrosscheckError('invalid_input', `the evaluation set names ${ref.file}, which is not in ${corpusDir}`);
      const spans = [];
      for (let at = article.text.indexOf(ref.quote); at >= 0; at = article.text.indexOf(ref.quote, at + 1)) {
        spans.push({ articleId: article.id, start: at, end: at + ref.quote.length, ...ref });
      }
      if (spans.length === 0) throw new CrosscheckError('invalid_input', `“${ref.quote}” is not in ${ref.file}`);
      return spans;
    };

    const sources: SourceResult[] = [];
    for (const source of set.sources) {
      const [span] = locate(source);
      const annotation = createAnnotation(db, { articleId: span!.articleId, start: span!.start, end: span!.end, tag: source.tag }, 'evaluation');
      const suggestions = suggestFor(db, annotation.id, { ...options, limit: 100 });
      const expected = source.expected.flatMap(locate);
      const acceptable = source.acceptable.flatMap(locate);
      const hits = new Set<number>();
      let exact = 0;
      const falsePositives: SourceResult['falsePositives'] = [];
      for (const s of suggestions) {
        const hit = expected.findIndex((e, i) => !hits.has(i) && overlapRatio(e, s) >= HIT_OVERLAP);
        if (hit >= 0) {
          hits.add(hit);
          if (expected[hit]!.start === s.start && expected[hit]!.end === s.end) exact++;
        } else if (!acceptable.some((a) => overlapRatio(a, s) > 0) && !expected.some((e) => overlapRatio(e, s) >= HIT_OVERLAP)) {
          // Neither a partial report nor a second find of a span already counted: an error.
          const file = [...articleOf].find(([, a]) => a.id === s.articleId)![0];
          falsePositives.push({ file, quote: s.quote, score: s.score });
        }
      }
      sources.push({
        id: source.id,
        expected: expected.length,
        found: hits.size,
        falsePositives,
        missed: expected.filter((_, i) => !hits.has(i)).map(({ file, quote }) => ({ file, quote })),
        exactBoundaries: exact,
      });
    }
    const truePositives = sources.reduce((n, s) => n + s.found, 0);
    const falsePositives = sources.reduce((n, s) => n + s.falsePositives.length, 0);
    const expected = sources.reduce((n, s) => n + s.expected, 0);
    const exact = sources.reduce((n, s) => n + s.exactBoundaries, 0);
    const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);
    return {
      precision: ratio(truePositives, truePositives + falsePositives),
      recall: ratio(truePositives, expected),
      exactBoundaries: ratio(exact, truePositives),
      truePositives,
      falsePositives,
      expected,
      sources,
    };
  } finally {
    db.close();
  }
}
