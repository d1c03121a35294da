import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEvaluationSet, evaluationSetFiles, loadEvaluationSet, MATCH_KINDS } from '../../main/matching/evaluation.ts';

/**
 * The matcher's development set: invented stories, several outlet-style
 * reports each, labelled by hand. These tests keep the labels honest as the
 * reports or the labels change; they do not run the matcher.
 */
const STORIES = join(import.meta.dirname, '../fixtures/stories');
const setFiles = evaluationSetFiles([STORIES]);

describe('the development set of invented stories', () => {
  it('holds at least four stories, each a folder of reports with a set file beside it', () => {
    expect(setFiles.length).toBeGreaterThanOrEqual(4);
    const folders = readdirSync(STORIES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    for (const file of setFiles) expect(folders).toContain(loadEvaluationSet(file).set.corpus);
  });

  describe.each(setFiles.map((file) => [file.split('/').pop()!, file]))('%s', (_name, file) => {
    const { set, corpusDir } = loadEvaluationSet(file);

    it('finds every quote in its file, gives every expected span a kind and none overlaps its own source', () => {
      const checked = checkEvaluationSet(set, corpusDir, { requireKinds: true });
      expect(checked.sources).toBe(set.sources.length);
    });

    it('has 8 to 12 sources over at least five reports, each with at least two reports of it elsewhere', () => {
      expect(set.sources.length).toBeGreaterThanOrEqual(8);
      expect(set.sources.length).toBeLessThanOrEqual(12);
      const reports = readdirSync(corpusDir).filter((name) => name.endsWith('.txt'));
      expect(reports.length).toBeGreaterThanOrEqual(5);
      for (const source of set.sources) expect(source.expected.length, source.id).toBeGreaterThanOrEqual(2);
    });

    it('labels every kind of report: near-verbatim, drifted and paraphrase', () => {
      const kinds = new Set(set.sources.flatMap((s) => s.expected.map((e) => e.kind)));
      for (const kind of MATCH_KINDS) expect(kinds).toContain(kind);
    });
  });
});
