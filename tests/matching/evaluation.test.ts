import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getAnnotation } from '../../main/corpus/annotations.ts';
import {
  checkEvaluationSet,
  evaluateMatcher,
  evaluationSetFiles,
  loadEvaluationSet,
  poolResults,
  scoreSource,
  summariseSources,
  type LocatedSpan,
  type ScoredSpan,
} from '../../main/matching/evaluation.ts';
import { suggestFor } from '../../main/matching/suggestions.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import { REOPEN, reopenSource, tinyStory } from '../helpers/tinyEvaluationSet.ts';

/** A labelled span in a pretend article: only positions matter to scoring. */
const label = (articleId: number, start: number, end: number, kind?: LocatedSpan['kind']): LocatedSpan => ({
  articleId,
  start,
  end,
  file: `${articleId}.txt`,
  quote: 'x',
  ...(kind ? { kind } : {}),
});
const found = (articleId: number, start: number, end: number): ScoredSpan => ({ articleId, start, end, file: `${articleId}.txt`, quote: 'y', score: 0.8 });

describe('scoring one source', () => {
  it('counts each expected span in the bucket of its kind, found or missed, and spans without a kind apart', () => {
    const expected = [
      label(1, 0, 100, 'near-verbatim'),
      label(2, 0, 100, 'drifted'),
      label(3, 0, 100, 'paraphrase'),
      label(4, 0, 100, 'paraphrase'),
      label(5, 0, 100),
    ];
    const result = scoreSource('s', { expected, acceptable: [] }, [found(1, 0, 100), found(3, 10, 100), found(5, 0, 90)]);
    expect(result.byKind).toEqual({
      'near-verbatim': { expected: 1, found: 1 },
      drifted: { expected: 1, found: 0 },
      paraphrase: { expected: 2, found: 1 },
      unlabelled: { expected: 1, found: 1 },
    });
    expect(result.missed).toEqual([
      { file: '2.txt', quote: 'x', kind: 'drifted' },
      { file: '4.txt', quote: 'x', kind: 'paraphrase' },
    ]);
  });

  it('takes a suggestion as a find only when it covers at least half of the longer span', () => {
    const expected = [label(1, 0, 100, 'drifted'), label(2, 0, 100, 'drifted')];
    const result = scoreSource('s', { expected, acceptable: [] }, [found(1, 0, 50), found(2, 0, 49)]);
    expect(result.found).toBe(1);
    expect(result.falsePositives).toHaveLength(1);
    expect(result.falsePositives[0]!.file).toBe('2.txt');
  });

  it('marks a false positive lying inside an expected span as a fragment of it, and counts such fragments in the totals', () => {
    const result = scoreSource('s', { expected: [label(1, 0, 100, 'drifted')], acceptable: [] }, [found(1, 60, 100), found(2, 0, 10)]);
    expect(result.falsePositives.map((f) => [f.file, f.fragment ?? false])).toEqual([
      ['1.txt', true],
      ['2.txt', false],
    ]);
    expect(summariseSources([result])).toMatchObject({ falsePositives: 2, fragmentFalsePositives: 1, precision: 0 });
  });

  it('treats a suggestion touching an acceptable span, or finding an expected span twice, as neither a hit nor an error', () => {
    const result = scoreSource('s', { expected: [label(1, 0, 100, 'near-verbatim')], acceptable: [label(2, 0, 40)] }, [
      found(1, 0, 100),
      found(1, 10, 100),
      found(2, 30, 90),
      found(3, 0, 10),
    ]);
    expect(result.found).toBe(1);
    expect(result.falsePositives.map((f) => f.file)).toEqual(['3.txt']);
  });

  it('counts a suggestion the matcher marks as another speaker’s apart, neither a hit nor a false positive, unless it finds a label', () => {
    const result = scoreSource('s', { expected: [label(1, 0, 100, 'drifted')], acceptable: [] }, [
      { ...found(1, 0, 100), otherSpeaker: 'Kade' },
      { ...found(2, 0, 50), otherSpeaker: 'Kade' },
      { ...found(3, 0, 50), otherSpeaker: null },
      found(4, 0, 50),
    ]);
    expect(result.found).toBe(1);
    expect(result.otherSpeaker.map((o) => [o.file, o.speaker])).toEqual([
      ['2.txt', 'Kade'],
      ['3.txt', null],
    ]);
    expect(result.falsePositives.map((f) => f.file)).toEqual(['4.txt']);
    expect(summariseSources([result])).toMatchObject({ truePositives: 1, falsePositives: 1, otherSpeakerFinds: 2, precision: 0.5 });
  });

  it('counts exact boundaries only for finds that start and end where the label does', () => {
    const result = scoreSource('s', { expected: [label(1, 0, 100, 'drifted'), label(2, 0, 100, 'drifted')], acceptable: [] }, [
      found(1, 0, 100),
      found(2, 0, 98),
    ]);
    expect(result.exactBoundaries).toBe(1);
  });
});

describe('totals and pooling', () => {
  const small = scoreSource('a', { expected: [label(1, 0, 10, 'paraphrase')], acceptable: [] }, [found(1, 0, 10)]);
  const large = scoreSource('b', { expected: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => label(id, 0, 10, 'paraphrase')), acceptable: [] }, [
    found(1, 0, 10),
    found(20, 0, 5),
  ]);

  it('gives recall by kind over all sources, and null recall for a kind no span has', () => {
    const totals = summariseSources([small, large]);
    expect(totals.byKind.paraphrase).toEqual({ expected: 10, found: 2, recall: 0.2 });
    expect(totals.byKind['near-verbatim']).toEqual({ expected: 0, found: 0, recall: null });
  });

  it('pools sets by summing their spans, so a large set weighs more than a small one', () => {
    const pooled = poolResults([
      { set: 'one.eval.json', ...summariseSources([small]) },
      { set: 'two.eval.json', ...summariseSources([large]) },
    ]);
    expect(pooled.recall).toBe(0.2); // 2 of 10, not the mean of 1 and 1/9
    expect(pooled.precision).toBe(0.667);
    expect(pooled.expected).toBe(10);
    expect(pooled.sets.map((s) => [s.set, s.recall])).toEqual([
      ['one.eval.json', 1],
      ['two.eval.json', 0.111],
    ]);
    expect(pooled.sources.map((s) => [s.set, s.id])).toEqual([
      ['one.eval.json', 'a'],
      ['two.eval.json', 'b'],
    ]);
  });
});

describe('running a set', () => {
  it('finds an exact copy in another report and reports every expected span under its kind', () => {
    const { file } = tinyStory([reopenSource()]);
    const { set, corpusDir } = loadEvaluationSet(file);
    const result = evaluateMatcher(set, corpusDir);
    expect(result.byKind['near-verbatim']).toEqual({ expected: 1, found: 1, recall: 1 });
    expect(result.byKind.paraphrase.expected).toBe(1);
    expect(result.byKind.drifted).toEqual({ expected: 0, found: 0, recall: null });
    expect(result.expected).toBe(2);
  });

  it('gives the source annotation the speaker the set names, and none when it names none', () => {
    const { file } = tinyStory([reopenSource({ speaker: 'Mayor Ines Falk' }), reopenSource({ id: 'unnamed' })]);
    const { set, corpusDir } = loadEvaluationSet(file);
    const speakers: Array<string | null> = [];
    evaluateMatcher(set, corpusDir, {}, (db, annotationId, options) => {
      speakers.push(getAnnotation(db, annotationId).speaker);
      return suggestFor(db, annotationId, options);
    });
    expect(speakers).toEqual(['Mayor Ines Falk', null]);
  });
});

describe('refusing a set that cannot be measured, with the reason', () => {
  it('fails when a quote is not in its file, naming the source, the quote and the file', () => {
    const { file } = tinyStory([reopenSource({ expected: [{ file: '02-paper.txt', quote: 'the bridge will never reopen', kind: 'drifted' }] })]);
    const { set, corpusDir } = loadEvaluationSet(file);
    const reason = /source reopen, expected: “the bridge will never reopen” is not in 02-paper\.txt/;
    expect(() => checkEvaluationSet(set, corpusDir)).toThrow(reason);
    expect(() => evaluateMatcher(set, corpusDir)).toThrow(reason);
  });

  it('fails when a set names a file that is not in its folder', () => {
    const { file } = tinyStory([reopenSource({ file: '09-missing.txt' })]);
    const { set, corpusDir } = loadEvaluationSet(file);
    expect(() => checkEvaluationSet(set, corpusDir)).toThrow(/source reopen names 09-missing\.txt, which is not in/);
  });

  it('fails when an expected span overlaps its own source, which the matcher never suggests', () => {
    const { file } = tinyStory([reopenSource({ expected: [{ file: '01-wire.txt', quote: 'Kestrel Bridge will reopen', kind: 'near-verbatim' }] })]);
    const { set, corpusDir } = loadEvaluationSet(file);
    expect(() => checkEvaluationSet(set, corpusDir)).toThrow(/overlaps the source itself/);
  });

  it('fails when two expected spans of one source overlap, or an acceptable span overlaps an expected one', () => {
    const twice = tinyStory([
      reopenSource({
        expected: [
          { file: '02-paper.txt', quote: REOPEN, kind: 'near-verbatim' },
          { file: '02-paper.txt', quote: 'will reopen on Monday', kind: 'drifted' },
        ],
      }),
    ]);
    const a = loadEvaluationSet(twice.file);
    expect(() => checkEvaluationSet(a.set, a.corpusDir)).toThrow(
      /the expected spans “the Kestrel Bridge will reopen.*” and “will reopen on Monday” in 02-paper\.txt overlap/,
    );
    const shadow = tinyStory([reopenSource({ acceptable: [{ file: '02-paper.txt', quote: 'The mayor said the Kestrel Bridge' }] })]);
    const b = loadEvaluationSet(shadow.file);
    expect(() => checkEvaluationSet(b.set, b.corpusDir)).toThrow(/the acceptable span “The mayor said the Kestrel Bridge” overlaps the expected span/);
  });

  it('accepts expected spans without a kind, unless kinds are required', () => {
    const { file } = tinyStory([reopenSource({ expected: [{ file: '02-paper.txt', quote: REOPEN }] })]);
    const { set, corpusDir } = loadEvaluationSet(file);
    expect(checkEvaluationSet(set, corpusDir)).toEqual({ sources: 1, expected: 1 });
    expect(() => checkEvaluationSet(set, corpusDir, { requireKinds: true })).toThrow(
      /the expected span “the Kestrel Bridge will reopen.*” in 02-paper\.txt has no kind/,
    );
  });

  it('refuses a kind it does not know, and two sources with one id', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.eval.json');
    writeFileSync(
      file,
      JSON.stringify({ description: 'x', corpus: '.', sources: [{ ...reopenSource(), expected: [{ file: 'a.txt', quote: 'q', kind: 'verbatim' }] }] }),
    );
    expect(() => loadEvaluationSet(file)).toThrow(/is not an evaluation set: sources\.0\.expected\.0\.kind/);
    const twice = tinyStory([reopenSource(), reopenSource()]);
    const loaded = loadEvaluationSet(twice.file);
    expect(() => checkEvaluationSet(loaded.set, loaded.corpusDir)).toThrow(/two sources are called reopen/);
  });

  it('fails when two reports would be read as versions of one article, since the older would be hidden', () => {
    const { file, dir } = tinyStory([reopenSource()]);
    writeFileSync(
      join(dir, 'bridge', '04-wire-update.txt'),
      'Kestrel Bridge to reopen next week after repairs\n\nRiverside Wire 12 May 2026\n\nThe mayor said the Kestrel Bridge will reopen on Monday after repairs costing 2 million. Updated with shop owners.\n',
    );
    const { set, corpusDir } = loadEvaluationSet(file);
    expect(() => checkEvaluationSet(set, corpusDir)).toThrow(/04-wire-update\.txt .* is imported as a duplicate or a new version of another article/);
  });
});

describe('naming several sets', () => {
  it('takes a folder as its *.eval.json set files in name order, and a file as itself', () => {
    const dir = tempDir();
    for (const name of ['b.eval.json', 'a.eval.json', 'notes.json']) writeFileSync(join(dir, name), '{}');
    expect(evaluationSetFiles([dir, join(dir, 'notes.json')])).toEqual([join(dir, 'a.eval.json'), join(dir, 'b.eval.json'), join(dir, 'notes.json')]);
  });

  it('refuses a folder with no set file and a path that does not exist', () => {
    const dir = tempDir();
    expect(() => evaluationSetFiles([dir])).toThrow(/holds no \*\.eval\.json evaluation set/);
    expect(() => evaluationSetFiles([join(dir, 'nope.eval.json')])).toThrow(/there is no evaluation set or folder/);
  });
});
