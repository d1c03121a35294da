import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { TAGS } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { createAnnotation } from '../corpus/annotations.ts';
import { openDatabase, type Db } from '../corpus/database.ts';
import { importPaths } from '../ingest/importFiles.ts';
import { overlapRatio, suggestFor, type SuggestOptions } from './suggestions.ts';

/**
 * Precision and recall of "find this claim elsewhere" against a labelled set:
 * source spans, each with the spans that report it (`expected`) and spans
 * that report part of it (`acceptable`: neither a hit nor an error).
 */
const SpanRef = z.strictObject({ file: z.string(), quote: z.string().min(1) });

/**
 * How an expected span reports its source, as a fact-checker labels it:
 * the same words up to typography and spelling; the same sentence with words
 * swapped, cut or reordered; or the same claim in other words.
 */
export const MATCH_KINDS = ['near-verbatim', 'drifted', 'paraphrase'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];
/** The bucket for expected spans a set does not label with a kind (older sets). */
export const UNLABELLED = 'unlabelled';
export type KindBucket = MatchKind | typeof UNLABELLED;
export const KIND_BUCKETS: readonly KindBucket[] = [...MATCH_KINDS, UNLABELLED];

const ExpectedRef = SpanRef.extend({ kind: z.enum(MATCH_KINDS).optional() });
export const EvaluationSet = z.strictObject({
  description: z.string(),
  /** Folder of the articles, relative to the set file. */
  corpus: z.string(),
  sources: z.array(
    SpanRef.extend({
      id: z.string(),
      tag: z.enum(TAGS),
      /** Who says the quote; given to the source annotation as its speaker. */
      speaker: z.string().min(1).optional(),
      expected: z.array(ExpectedRef).min(1),
      acceptable: z.array(SpanRef),
    }),
  ),
});
export type EvaluationSet = z.infer<typeof EvaluationSet>;

/** A found span counts as an expected one when they overlap by at least half of the longer. */
export const HIT_OVERLAP = 0.5;

export interface KindCount {
  expected: number;
  found: number;
}
export interface KindRecall extends KindCount {
  /** Null when the set has no expected span of this kind. */
  recall: number | null;
}

export interface SourceResult {
  id: string;
  /** The set file the source comes from; given when several sets are pooled. */
  set?: string;
  expected: number;
  found: number;
  /**
   * Suggestions that are neither finds nor partial reports. `fragment` marks one lying
   * inside an expected span but covering less than HIT_OVERLAP of it: the right
   * mention with the wrong boundaries rather than a wrong mention.
   */
  falsePositives: Array<{ file: string; quote: string; score: number; fragment?: true }>;
  /**
   * Suggestions that find no label but that the matcher itself marks as said by
   * another speaker ("said by X, not Y"): it lists them last and shows them as
   * such, so they are counted apart rather than as errors.
   */
  otherSpeaker: Array<{ file: string; quote: string; score: number; speaker: string | null }>;
  missed: Array<{ file: string; quote: string; kind?: MatchKind }>;
  exactBoundaries: number;
  byKind: Record<KindBucket, KindCount>;
}

export interface EvaluationResult {
  precision: number;
  recall: number;
  /** Share of found expected spans whose boundaries are exactly the labelled ones. */
  exactBoundaries: number;
  truePositives: number;
  falsePositives: number;
  /** How many of the false positives are fragments of an expected span (see SourceResult). */
  fragmentFalsePositives: number;
  /** Suggestions marked as said by another speaker that find no label: neither hits nor false positives. */
  otherSpeakerFinds: number;
  expected: number;
  /** Recall over the expected spans of each kind; `unlabelled` holds those a set gives no kind. */
  byKind: Record<KindBucket, KindRecall>;
  sources: SourceResult[];
}

export interface PooledEvaluationResult extends EvaluationResult {
  /** Each set's own figures, in the order the sets were given. */
  sets: Array<{ set: string } & EvaluationResult>;
}

export interface LoadedEvaluationSet {
  set: EvaluationSet;
  corpusDir: string;
  /** The set file, as given. */
  file: string;
}

export function loadEvaluationSet(file: string): LoadedEvaluationSet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CrosscheckError('invalid_input', `cannot read the evaluation set ${file}: ${(error as Error).message}`);
  }
  const parsed = EvaluationSet.safeParse(raw);
  if (!parsed.success)
    throw new CrosscheckError(
      'invalid_input',
      `${file} is not an evaluation set: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`,
    );
  return { set: parsed.data, corpusDir: resolve(dirname(file), parsed.data.corpus), file };
}

/** Set files in a folder: its `*.eval.json` files, in name order. */
export const SET_FILE_SUFFIX = '.eval.json';

/**
 * The set files a list of paths names: a file is taken as it is, a folder
 * stands for the `*.eval.json` files directly in it.
 */
export function evaluationSetFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    let folder: boolean;
    try {
      folder = statSync(path).isDirectory();
    } catch {
      throw new CrosscheckError('invalid_input', `there is no evaluation set or folder ${path}`);
    }
    if (!folder) return [path];
    const files = readdirSync(path)
      .filter((name) => name.endsWith(SET_FILE_SUFFIX))
      .sort()
      .map((name) => join(path, name));
    if (files.length === 0) throw new CrosscheckError('invalid_input', `the folder ${path} holds no *${SET_FILE_SUFFIX} evaluation set`);
    return files;
  });
}

/** A labelled span found in its article. */
export interface LocatedSpan {
  articleId: number;
  start: number;
  end: number;
  file: string;
  quote: string;
  kind?: MatchKind;
}

/** A set's articles imported into a fresh corpus, and a way to find its quotes there. */
interface SetCorpus {
  fileOf(articleId: number): string;
  /** Every place the quote stands in the file; an error when it stands nowhere. */
  locate<R extends { file: string; quote: string }>(ref: R, where: string): Array<LocatedSpan & R>;
}

function importSetCorpus(db: Db, corpusDir: string): SetCorpus {
  const imported = importPaths(db, [corpusDir], 'evaluation');
  const articleOf = new Map<string, { id: number; text: string }>();
  for (const r of imported) {
    if (r.status === 'failed' || r.articleId === undefined) throw new CrosscheckError('invalid_input', `cannot import ${r.file}: ${r.reason}`);
    // A file read as a new version of another would hide that other from the matcher (it only sees live text).
    if (r.status === 'duplicate' || r.supersedes !== undefined) {
      throw new CrosscheckError(
        'invalid_input',
        `${basename(r.file)} in ${corpusDir} is imported as a duplicate or a new version of another article; give each report its own outlet and headline`,
      );
    }
    const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(r.articleId) as string;
    articleOf.set(basename(r.file), { id: r.articleId, text });
  }
  return {
    fileOf: (articleId) => [...articleOf].find(([, a]) => a.id === articleId)![0],
    locate(ref, where) {
      const article = articleOf.get(ref.file);
      if (!article) throw new CrosscheckError('invalid_input', `${where} names ${ref.file}, which is not in ${corpusDir}`);
      const spans = [];
      for (let at = article.text.indexOf(ref.quote); at >= 0; at = article.text.indexOf(ref.quote, at + 1)) {
        spans.push({ ...ref, articleId: article.id, start: at, end: at + ref.quote.length });
      }
      if (spans.length === 0) throw new CrosscheckError('invalid_input', `${where}: “${ref.quote}” is not in ${ref.file}`);
      return spans;
    },
  };
}

/**
 * Checks a set against its articles without running the matcher: every file
 * imports as an article of its own, every quote stands in its file, no
 * expected span overlaps its own source (the matcher never suggests the
 * source's own span, so such a span could never be found), another expected
 * span or an acceptable one. With `requireKinds`,
 * every expected span must say its kind. Returns the number of expected spans.
 */
export function checkEvaluationSet(set: EvaluationSet, corpusDir: string, { requireKinds = false } = {}): { sources: number; expected: number } {
  const db = openDatabase(':memory:');
  try {
    const corpus = importSetCorpus(db, corpusDir);
    const ids = new Set<string>();
    let expected = 0;
    for (const source of set.sources) {
      if (ids.has(source.id)) throw new CrosscheckError('invalid_input', `two sources are called ${source.id}`);
      ids.add(source.id);
      const [span] = corpus.locate(source, `source ${source.id}`);
      const located: LocatedSpan[] = [];
      for (const ref of source.expected) {
        if (requireKinds && ref.kind === undefined)
          throw new CrosscheckError('invalid_input', `source ${source.id}: the expected span “${ref.quote}” in ${ref.file} has no kind`);
        for (const e of corpus.locate(ref, `source ${source.id}, expected`)) {
          if (overlapRatio(e, span!) > 0)
            throw new CrosscheckError('invalid_input', `source ${source.id}: the expected span “${ref.quote}” overlaps the source itself`);
          // One suggestion finds one expected span: two overlapping labels would count one mention twice.
          const twin = located.find((other) => overlapRatio(other, e) > 0);
          if (twin)
            throw new CrosscheckError('invalid_input', `source ${source.id}: the expected spans “${twin.quote}” and “${ref.quote}” in ${ref.file} overlap`);
          located.push(e);
        }
      }
      for (const ref of source.acceptable) {
        for (const a of corpus.locate(ref, `source ${source.id}, acceptable`)) {
          // A suggestion touching an acceptable span is never an error, so one overlapping an expected span would excuse its fragments.
          const shadowed = located.find((e) => overlapRatio(e, a) > 0);
          if (shadowed)
            throw new CrosscheckError(
              'invalid_input',
              `source ${source.id}: the acceptable span “${ref.quote}” overlaps the expected span “${shadowed.quote}” in ${ref.file}`,
            );
        }
      }
      expected += located.length;
    }
    return { sources: set.sources.length, expected };
  } finally {
    db.close();
  }
}

/** What finds a source annotation's other mentions: the app's matcher unless a caller measures another. */
export type Matcher = (
  db: Db,
  annotationId: number,
  options: SuggestOptions,
) => ReadonlyArray<{
  articleId: number;
  start: number;
  end: number;
  quote: string;
  score: number;
  explanation?: { checks?: { sameSpeaker?: boolean | null }; speaker?: string | null };
}>;

/** Runs the set on a fresh in-memory corpus of its articles; nothing is written anywhere. */
export function evaluateMatcher(set: EvaluationSet, corpusDir: string, options: SuggestOptions = {}, matcher: Matcher = suggestFor): EvaluationResult {
  const db = openDatabase(':memory:');
  try {
    const corpus = importSetCorpus(db, corpusDir);
    const sources: SourceResult[] = [];
    for (const source of set.sources) {
      const [span] = corpus.locate(source, `source ${source.id}`);
      const annotation = createAnnotation(
        db,
        {
          articleId: span!.articleId,
          start: span!.start,
          end: span!.end,
          tag: source.tag,
          ...(source.speaker === undefined ? {} : { speaker: source.speaker }),
        },
        'evaluation',
      );
      const suggestions = matcher(db, annotation.id, { ...options, limit: 100 });
      const expected = source.expected.flatMap((ref) => corpus.locate(ref, `source ${source.id}, expected`));
      const acceptable = source.acceptable.flatMap((ref) => corpus.locate(ref, `source ${source.id}, acceptable`));
      sources.push(
        scoreSource(
          source.id,
          { expected, acceptable },
          suggestions.map((s) => ({
            articleId: s.articleId,
            start: s.start,
            end: s.end,
            quote: s.quote,
            score: s.score,
            file: corpus.fileOf(s.articleId),
            ...(s.explanation?.checks?.sameSpeaker === false ? { otherSpeaker: s.explanation.speaker ?? null } : {}),
          })),
        ),
      );
    }
    return summariseSources(sources);
  } finally {
    db.close();
  }
}

/** A suggestion as scored: where it is, in which file, and the matcher's score. */
export interface ScoredSpan {
  articleId: number;
  start: number;
  end: number;
  file: string;
  quote: string;
  score: number;
  /** Present when the matcher marks the span as said by another speaker: that speaker's name, if it read one. */
  otherSpeaker?: string | null;
}

/**
 * Scores one source's suggestions against its labels. A suggestion overlapping an
 * expected span by at least HIT_OVERLAP finds it (each expected span once); one
 * touching an acceptable span, or finding an expected span a second time, is
 * neither a hit nor an error; one the matcher marks as said by another speaker
 * is counted apart (`otherSpeaker`); any other suggestion is a false positive.
 */
export function scoreSource(
  id: string,
  labels: { expected: readonly LocatedSpan[]; acceptable: readonly LocatedSpan[] },
  suggestions: readonly ScoredSpan[],
): SourceResult {
  const { expected, acceptable } = labels;
  const hits = new Set<number>();
  let exact = 0;
  const falsePositives: SourceResult['falsePositives'] = [];
  const otherSpeaker: SourceResult['otherSpeaker'] = [];
  for (const s of suggestions) {
    const hit = expected.findIndex((e, i) => !hits.has(i) && overlapRatio(e, s) >= HIT_OVERLAP);
    if (hit >= 0) {
      hits.add(hit);
      if (expected[hit]!.start === s.start && expected[hit]!.end === s.end) exact++;
    } else if (!acceptable.some((a) => overlapRatio(a, s) > 0) && !expected.some((e) => overlapRatio(e, s) >= HIT_OVERLAP)) {
      if (s.otherSpeaker !== undefined) {
        otherSpeaker.push({ file: s.file, quote: s.quote, score: s.score, speaker: s.otherSpeaker });
        continue;
      }
      const fragment = expected.some((e) => overlapRatio(e, s) > 0);
      falsePositives.push({ file: s.file, quote: s.quote, score: s.score, ...(fragment ? { fragment: true as const } : {}) });
    }
  }
  const byKind = emptyCounts();
  expected.forEach((e, i) => {
    const bucket = byKind[e.kind ?? UNLABELLED];
    bucket.expected++;
    if (hits.has(i)) bucket.found++;
  });
  return {
    id,
    expected: expected.length,
    found: hits.size,
    falsePositives,
    otherSpeaker,
    missed: expected.filter((_, i) => !hits.has(i)).map(({ file, quote, kind }) => (kind === undefined ? { file, quote } : { file, quote, kind })),
    exactBoundaries: exact,
    byKind,
  };
}

/**
 * Runs several sets and pools their figures: every expected span and every
 * false positive of every set counts once, so a set with more labels weighs more.
 */
export function evaluateSets(sets: readonly LoadedEvaluationSet[], options: SuggestOptions = {}): PooledEvaluationResult {
  return poolResults(sets.map(({ set, corpusDir, file }) => ({ set: file, ...evaluateMatcher(set, corpusDir, options) })));
}

/** Pools the figures of several sets' results, each source marked with the set it comes from. */
export function poolResults(each: Array<{ set: string } & EvaluationResult>): PooledEvaluationResult {
  const pooled = summariseSources(each.flatMap((r) => r.sources.map((s) => ({ ...s, set: r.set }))));
  return { ...pooled, sets: each };
}

function emptyCounts(): Record<KindBucket, KindCount> {
  return Object.fromEntries(KIND_BUCKETS.map((k) => [k, { expected: 0, found: 0 }])) as Record<KindBucket, KindCount>;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 1000) / 1000);

/** Totals over sources: precision, recall and exact boundaries, overall and by kind. */
export function summariseSources(sources: readonly SourceResult[]): EvaluationResult {
  const truePositives = sources.reduce((n, s) => n + s.found, 0);
  const falsePositives = sources.reduce((n, s) => n + s.falsePositives.length, 0);
  const fragmentFalsePositives = sources.reduce((n, s) => n + s.falsePositives.filter((f) => f.fragment).length, 0);
  const otherSpeakerFinds = sources.reduce((n, s) => n + s.otherSpeaker.length, 0);
  const expected = sources.reduce((n, s) => n + s.expected, 0);
  const exact = sources.reduce((n, s) => n + s.exactBoundaries, 0);
  const byKind = Object.fromEntries(
    KIND_BUCKETS.map((k) => {
      const e = sources.reduce((n, s) => n + s.byKind[k].expected, 0);
      const f = sources.reduce((n, s) => n + s.byKind[k].found, 0);
      return [k, { expected: e, found: f, recall: e === 0 ? null : ratio(f, e) }];
    }),
  ) as Record<KindBucket, KindRecall>;
  return {
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, expected),
    exactBoundaries: ratio(exact, truePositives),
    truePositives,
    falsePositives,
    fragmentFalsePositives,
    otherSpeakerFinds,
    expected,
    byKind,
    sources: [...sources],
  };
}
