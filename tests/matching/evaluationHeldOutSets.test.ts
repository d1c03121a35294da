import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvaluationSet, evaluationSetFiles, loadEvaluationSet, MATCH_KINDS } from '../../main/matching/evaluation.ts';

/**
 * The matcher's held-out sets: stories the matcher is not developed against,
 * run only to check it at the end. These tests keep the labels honest as the
 * reports or the labels change; they do not run the matcher.
 */
const HELD_OUT = join(import.meta.dirname, '../fixtures/heldout');
const SEEDS = join(import.meta.dirname, '../../seeds');
const SEED_SET = join(import.meta.dirname, '../fixtures/matcher-eval.json');
const setFiles = evaluationSetFiles([HELD_OUT]);

describe('the held-out evaluation sets', () => {
  it('holds six invented stories and the other outlets of the seed story, each a folder of reports beside its set file', () => {
    const corpora = setFiles.map((file) => loadEvaluationSet(file).set.corpus).sort();
    expect(corpora).toEqual([
      'brevanne-turboprop-grounding',
      'halvorsen-bronzes-return',
      'kellerman-doping-appeal',
      'kessler-valley-shutoff',
      'seed-story-outlets',
      'solenne-ferry-inquiry',
      'veltaride-price-rise',
    ]);
  });

  describe.each(setFiles.map((file) => [file.split('/').pop()!, file]))('%s', (_name, file) => {
    const { set, corpusDir } = loadEvaluationSet(file);

    it('finds every quote in its file, gives every expected span a kind and none overlaps its own source', () => {
      expect(checkEvaluationSet(set, corpusDir, { requireKinds: true }).sources).toBe(set.sources.length);
    });

    it('names the speaker of every source', () => {
      for (const source of set.sources) expect(source.speaker, source.id).toBeTruthy();
    });

    it('has 8 to 12 sources over at least six reports, each reported at least twice elsewhere', () => {
      expect(set.sources.length).toBeGreaterThanOrEqual(8);
      expect(set.sources.length).toBeLessThanOrEqual(12);
      expect(readdirSync(corpusDir).filter((name) => name.endsWith('.txt')).length).toBeGreaterThanOrEqual(6);
      for (const source of set.sources) expect(source.expected.length, source.id).toBeGreaterThanOrEqual(2);
    });

    it('labels every kind of report, with at least a fifth of the expected spans paraphrase', () => {
      const kinds = set.sources.flatMap((s) => s.expected.map((e) => e.kind));
      for (const kind of MATCH_KINDS) expect(kinds).toContain(kind);
      expect(kinds.filter((k) => k === 'paraphrase').length / kinds.length).toBeGreaterThanOrEqual(0.2);
    });
  });

  describe('the other outlets of the seed story', () => {
    const { set, corpusDir } = loadEvaluationSet(join(HELD_OUT, 'seed-story-outlets.eval.json'));
    const seedSet = loadEvaluationSet(SEED_SET).set;

    it('carries the seed articles unchanged', () => {
      for (const name of readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) {
        expect(readFileSync(join(corpusDir, name), 'utf8'), name).toBe(readFileSync(join(SEEDS, name), 'utf8'));
      }
    });

    it('asks for the seed set’s sources, and keeps every seed-file span the seed set labels', () => {
      expect(set.sources.map(({ id, file, quote, tag }) => ({ id, file, quote, tag }))).toEqual(
        seedSet.sources.map(({ id, file, quote, tag }) => ({ id, file, quote, tag })),
      );
      for (const [i, seedSource] of seedSet.sources.entries()) {
        const spans = set.sources[i]!.expected.map(({ file, quote }) => ({ file, quote }));
        for (const e of seedSource.expected) expect(spans, seedSource.id).toContainEqual({ file: e.file, quote: e.quote });
      }
    });

    it('labels no new expected span in a seed file', () => {
      const seedFiles = new Set(readdirSync(SEEDS));
      for (const [i, source] of set.sources.entries()) {
        const labelled = new Set(seedSet.sources[i]!.expected.map((e) => `${e.file}\n${e.quote}`));
        for (const e of source.expected) if (seedFiles.has(e.file)) expect(labelled.has(`${e.file}\n${e.quote}`), `${source.id}: ${e.quote}`).toBe(true);
      }
    });
  });
});
