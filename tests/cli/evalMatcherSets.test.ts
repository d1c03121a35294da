import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import { reopenSource, tinyStory } from '../helpers/tinyEvaluationSet.ts';

// Each test spawns the CLI a few times; on a busy two-core machine that takes a while.
const SLOW = { timeout: 90_000 };

/** Two small stories in one folder: one set with a single source, one with two. */
function twoSets(): { dir: string; first: string; second: string } {
  const dir = tempDir();
  const first = tinyStory([reopenSource()], { dir, name: 'alpha' }).file;
  const second = tinyStory([reopenSource(), reopenSource({ id: 'reopen-again', speaker: 'Mayor Ines Falk' })], { dir, name: 'beta' }).file;
  return { dir, first, second };
}

describe('crosscheck eval-matcher on several sets', () => {
  it('keeps the output of one --set as it was, with recall by kind added', SLOW, () => {
    const { first } = twoSets();
    const run = runCli(['eval-matcher', '--set', first, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).not.toHaveProperty('sets');
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'precision',
        'recall',
        'exactBoundaries',
        'truePositives',
        'falsePositives',
        'otherSpeakerFinds',
        'expected',
        'sources',
        'byKind',
      ]),
    );
    expect(result.expected).toBe(2);
    expect(result.byKind['near-verbatim']).toEqual({ expected: 1, found: 1, recall: 1 });
    const text = runCli(['eval-matcher', '--set', first]).stdout;
    expect(text).toMatch(/^precision \d/m);
    expect(text).toMatch(/^said by another speaker \(marked as such, counted apart from hits and false positives\): \d+$/m);
    expect(text).toMatch(/^recall by kind: near-verbatim 1\/1 \(1\), drifted 0\/0 \(—\), paraphrase \d\/1 /m);
  });

  it('pools repeated --set options, summing their spans, and keeps each set’s own figures', SLOW, () => {
    const { first, second } = twoSets();
    const run = runCli(['eval-matcher', '--set', first, '--set', second, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const pooled = JSON.parse(run.stdout);
    expect(pooled.sets.map((s: { set: string; expected: number }) => [s.set, s.expected])).toEqual([
      [first, 2],
      [second, 4],
    ]);
    expect(pooled.expected).toBe(6);
    expect(pooled.byKind['near-verbatim']).toEqual({ expected: 3, found: 3, recall: 1 });
    expect(pooled.sources.map((s: { set: string; id: string }) => s.id)).toEqual(['reopen', 'reopen', 'reopen-again']);
    const text = runCli(['eval-matcher', '--set', first, '--set', second]).stdout;
    expect(text).toMatch(/^alpha: precision .*; recall by kind: near-verbatim 1\/1/m);
    expect(text).toMatch(/^pooled over 2 sets: precision .* recall [\d.]+ \(\d\/6\)/m);
    expect(text).toMatch(/^beta\/reopen-again /m);
  });

  it('takes a folder as all the *.eval.json sets in it', SLOW, () => {
    const { dir } = twoSets();
    const run = runCli(['eval-matcher', '--set', dir, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).sets).toHaveLength(2);
  });

  it('refuses a set whose quote is not in its file, naming the quote and the file', SLOW, () => {
    const { file } = tinyStory([reopenSource({ quote: 'the bridge is closed for good' })]);
    const run = runCli(['eval-matcher', '--set', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/source reopen: “the bridge is closed for good” is not in 01-wire\.txt/);
    expect(runCli(['eval-matcher', '--set', tempDir()]).stderr).toMatch(/holds no \*\.eval\.json evaluation set/);
  });
});
