import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

const json = (run: { stdout: string }) => JSON.parse(run.stdout);
const ok = (run: { status: number | null; stderr: string }) => expect(run.status, run.stderr).toBe(0);

/** A corpus made through the CLI only: a saved page and a text file, one annotation on each. */
function workedCorpus(): string {
  const dir = tempDir();
  const db = join(dir, 'c.db');
  writeFileSync(join(dir, 'note.txt'), 'Tehran denied sending drones to Moscow, the foreign ministry said on Saturday.\n');
  ok(runCli(['import', join(PROJECT_ROOT, 'tests', 'fixtures', 'html', 'wire-report.html'), join(dir, 'note.txt'), '--db', db]));
  ok(runCli(['annotate', '1', '--start', '0', '--end', '10', '--tag', 'claim', '--note', '=1+1', '--db', db]));
  ok(runCli(['annotate', '2', '--start', '0', '--end', '6', '--tag', 'denial', '--db', db]));
  return db;
}

describe('crosscheck export', () => {
  it('writes annotations.csv and links.csv side by side, with a BOM when asked, filtered by tag', () => {
    const db = workedCorpus();
    const out = join(tempDir(), 'csv');
    const run = runCli(['export', '--format', 'csv', '--out', out, '--tag', 'claim', '--bom', '--db', db, '--json']);
    ok(run);
    expect(json(run)).toMatchObject({ annotations: 1, links: 0 });
    const rows = parse(readFileSync(join(out, 'annotations.csv')), { columns: true, bom: true });
    expect(rows).toMatchObject([{ annotation_id: '1', outlet: 'Example Wire', tag: 'claim', note: "'=1+1" }]);
    expect(existsSync(join(out, 'links.csv'))).toBe(true);
  });

  it('round-trips through a Web Annotation file into an empty corpus', () => {
    const db = workedCorpus();
    const file = join(tempDir(), 'work.json');
    ok(runCli(['export', '--format', 'json', '--out', file, '--db', db]));
    const other = join(tempDir(), 'other.db');
    const run = runCli(['import', file, '--db', other, '--json']);
    ok(run);
    expect(json(run)[0].reason).toBe('2 articles added, 0 already present; 2 annotations added, 0 already present; 0 links added, 0 already present');
    expect(json(runCli(['annotations', '--db', other, '--json']))).toEqual(json(runCli(['annotations', '--db', db, '--json'])));
  });

  it('writes ClaimReview JSON-LD for a rated claim', () => {
    const db = workedCorpus();
    ok(runCli(['rate', '1', '--verdict', 'Accurate', '--rating', '5', '--db', db]));
    const file = join(tempDir(), 'review.json');
    ok(runCli(['export', '--format', 'claimreview', '--out', file, '--group', '1', '--db', db]));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      '@type': 'ClaimReview',
      itemReviewed: { appearance: [{ publisher: { name: 'Example Wire' }, datePublished: '2022-12-09' }] },
      reviewRating: { ratingValue: 5, alternateName: 'Accurate' },
    });
  });

  it.each([
    [['--format', 'xml', '--out', 'x'], /--format must be one of csv, json, claimreview/],
    [['--format', 'csv'], /--out is required/],
    [['--format', 'csv', '--out', 'x', '--tag', 'opinion'], /--tag must be one of claim, denial, attribution/],
    [['--format', 'json', '--out', 'x', '--bom'], /apply to --format csv only/],
    [['--format', 'csv', '--out', join(PROJECT_ROOT, 'package.json')], /--out must name a folder for csv/],
  ])('refuses %j with a clear error', (args, message) => {
    const run = runCli(['export', ...args, '--db', join(tempDir(), 'c.db')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});

describe('crosscheck edit', () => {
  it("corrects an article's metadata and clears a field given as empty", () => {
    const db = workedCorpus();
    const run = runCli(['edit', '2', '--title', 'Iran denies drone deliveries', '--outlet', 'IRNA', '--published', '2022-12-10', '--db', db, '--json']);
    ok(run);
    expect(json(run)).toMatchObject({ id: 2, title: 'Iran denies drone deliveries', outlet: 'IRNA', published: '2022-12-10' });
    expect(json(runCli(['edit', '1', '--url', '', '--db', db, '--json'])).url).toBeNull();
  });

  it('refuses a malformed date and leaves the article as it was', () => {
    const db = workedCorpus();
    const before = json(runCli(['articles', '--db', db, '--json']));
    const run = runCli(['edit', '1', '--published', 'yesterday', '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/published: expected a date as YYYY-MM-DD/);
    expect(json(runCli(['articles', '--db', db, '--json']))).toEqual(before);
  });
});

describe('crosscheck orphans', () => {
  it('lists an empty queue and refuses to place an annotation that is not in it', () => {
    const db = workedCorpus();
    expect(json(runCli(['orphans', '--db', db, '--json']))).toEqual([]);
    const run = runCli(['orphans', 'place', '1', '--start', '0', '--end', '4', '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not waiting in the orphans queue/);
  });
});
