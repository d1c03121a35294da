import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Each test spawns the CLI a dozen times, as a user would; on a busy two-core machine that takes a while.
const SLOW = { timeout: 90_000 };
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const json = (run: { stdout: string }) => JSON.parse(run.stdout);

/** The seed corpus with Kirby's quote annotated in article 1 (Fast News). */
function seededWithKirby(): { db: string; annotate(article: string, quote: string, ...extra: string[]): number } {
  const db = join(tempDir(), 'c.db');
  expect(runCli(['import', 'seeds', '--db', db]).status).toBe(0);
  const annotate = (article: string, quote: string, ...extra: string[]) => {
    const text: string = json(runCli(['show', article, '--db', db, '--json'])).text;
    const start = text.indexOf(quote);
    const run = runCli([
      'annotate',
      article,
      '--db',
      db,
      '--start',
      String(start),
      '--end',
      String(start + quote.length),
      '--tag',
      'claim',
      '--json',
      ...extra,
    ]);
    expect(run.status, run.stderr).toBe(0);
    return json(run).id as number;
  };
  annotate(
    '1',
    'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defence partnership',
    '--speaker',
    'John Kirby',
  );
  return { db, annotate };
}

describe('crosscheck suggest', () => {
  it('prints candidates ordered by score, each with article, offsets, quote, score and explanation', SLOW, () => {
    const { db } = seededWithKirby();
    const run = runCli(['suggest', '1', '--db', db, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const candidates = json(run);
    expect(candidates.length).toBeGreaterThanOrEqual(4);
    // By score, except that spans said by another speaker come after all others (each part by score).
    const saidElsewhere = (c: { explanation: { checks?: { sameSpeaker?: boolean | null } } }) => c.explanation.checks?.sameSpeaker === false;
    const byScore = (part: Array<{ score: number }>) => part.map((c) => c.score);
    const same = candidates.filter((c: never) => !saidElsewhere(c));
    const other = candidates.filter((c: never) => saidElsewhere(c));
    expect(candidates).toEqual([...same, ...other]);
    for (const part of [same, other]) expect(byScore(part)).toEqual([...byScore(part)].sort((a, b) => b - a));
    expect(Object.keys(candidates[0]).sort()).toEqual(['annotationId', 'articleId', 'end', 'existingAnnotationId', 'explanation', 'quote', 'score', 'start']);
    expect(candidates).toContainEqual(
      expect.objectContaining({
        articleId: 2,
        quote: 'an unprecedented level of military and technique that transforms their relationship into a full-fledged defense partnership',
        explanation: expect.objectContaining({
          sharedWords: expect.arrayContaining(['unprecedented', 'military', 'partnership']),
          operations: expect.arrayContaining([{ op: 'near', from: 'technical', to: 'technique' }]),
        }),
      }),
    );
    const texts = new Map<number, string>();
    for (const c of candidates) {
      if (!texts.has(c.articleId)) texts.set(c.articleId, json(runCli(['show', String(c.articleId), '--db', db, '--json'])).text);
      expect(texts.get(c.articleId)!.slice(c.start, c.end)).toBe(c.quote);
    }
  });

  it('runs for every annotation with --all, and refuses an annotation and --all together', SLOW, () => {
    const { db, annotate } = seededWithKirby();
    annotate('1', "These fighter planes will significantly strengthen Iran's air force relative to its regional neighbors");
    const all = json(runCli(['suggest', '--all', '--db', db, '--json']));
    expect(new Set(all.map((s: { annotationId: number }) => s.annotationId))).toEqual(new Set([1, 2]));
    const both = runCli(['suggest', '1', '--all', '--db', db]);
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/name one annotation, or give --all/);
    expect(runCli(['suggest', '99', '--db', db]).stderr).toMatch(/no annotation 99/);
  });
});

describe('crosscheck link and links', () => {
  it('links two annotations, lists the link, and refuses a duplicate or an unknown type without changing anything', SLOW, () => {
    const { db, annotate } = seededWithKirby();
    const other = annotate(
      '4',
      'an unprecedented level of military and technical support that is transforming their relationship into a full-fledged defense partnership',
    );
    const run = runCli(['link', '1', String(other), '--type', 'same-claim', '--db', db]);
    expect(run.stdout).toMatch(/^link 1: 1 —same-claim→ 2 \(confirmed\)/);
    expect(runCli(['link', String(other), '1', '--type', 'same-claim', '--db', db]).stderr).toMatch(/already linked/);
    expect(runCli(['link', '1', String(other), '--type', 'agrees', '--db', db]).stderr).toMatch(/type/);
    expect(runCli(['link', '1', '--type', 'cites', '--db', db]).stderr).toMatch(/expected two annotations/);
    const links = json(runCli(['links', '--db', db, '--json']));
    expect(links).toEqual([expect.objectContaining({ id: 1, fromId: 1, toId: other, type: 'same-claim', status: 'confirmed', method: 'manual' })]);
    expect(json(runCli(['links', '--status', 'suggested', '--db', db, '--json']))).toEqual([]);
    expect(runCli(['review-link', '1', '--status', 'rejected', '--db', db]).stdout).toMatch(/\(rejected\)/);
    expect(runCli(['links', '--db', db]).stdout).toMatch(/rejected/);
  });
});

describe('crosscheck speakers', () => {
  it('lists speakers, adds an alias and merges two speakers', SLOW, () => {
    const { db, annotate } = seededWithKirby();
    annotate('4', 'National Security Council spokesman John Kirby', '--speaker', 'Kirby');
    const speakers = json(runCli(['speakers', '--db', db, '--json']));
    expect(speakers.map((s: { name: string }) => s.name)).toEqual(['John Kirby', 'Kirby']);
    const [john, kirby] = speakers.map((s: { id: number }) => s.id);
    expect(json(runCli(['speakers', String(john), '--alias', 'Admiral John Kirby', '--db', db, '--json']))[0].aliases).toContain('Admiral John Kirby');
    const merged = json(runCli(['speakers', '--merge', String(kirby), '--into', String(john), '--db', db, '--json']))[0];
    expect(merged).toMatchObject({ id: john, name: 'John Kirby', annotations: 2, aliases: ['Admiral John Kirby', 'John Kirby', 'Kirby'] });
    expect(runCli(['speakers', '--merge', String(john), '--db', db]).stderr).toMatch(/both --merge ID and --into ID/);
  });
});

describe('crosscheck eval-matcher', () => {
  it('prints precision and recall on the seed evaluation set', SLOW, () => {
    const run = runCli(['eval-matcher', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const result = json(run);
    expect(result.expected).toBe(33);
    expect(result.precision).toBeGreaterThanOrEqual(0.85);
    expect(result.recall).toBeGreaterThanOrEqual(0.85);
    expect(runCli(['eval-matcher']).stdout).toMatch(/^precision \d/m);
  });

  it('refuses a set that is not an evaluation set, with the reason', SLOW, () => {
    const file = join(tempDir(), 'set.json');
    writeFileSync(file, JSON.stringify({ description: 'x', corpus: '.', sources: [{ id: 'a' }] }));
    const run = runCli(['eval-matcher', '--set', file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/is not an evaluation set: sources\.0\./);
    expect(runCli(['eval-matcher', '--min-score', '2']).stderr).toMatch(/from 0 to 1/);
  });
});
