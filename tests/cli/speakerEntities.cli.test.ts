import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const ok = (run: { status: number | null; stderr: string }) => expect(run.status, run.stderr).toBe(0);

describe('crosscheck speakers ID --role --affiliation --wikidata', () => {
  it('records who a speaker is, refuses a malformed Wikidata id, clears a field with an empty value, and names the claimant so in ClaimReview', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    writeFileSync(join(dir, 'a.txt'), 'Kirby said the shipments had stopped in March.\n');
    ok(runCli(['import', join(dir, 'a.txt'), '--db', db]));
    ok(runCli(['annotate', '1', '--start', '11', '--end', '46', '--tag', 'claim', '--speaker', 'Kirby', '--db', db]));
    const set = runCli(['speakers', '1', '--role', 'spokesman', '--affiliation', 'National Security Council', '--wikidata', 'Q6253130', '--json', '--db', db]);
    ok(set);
    expect(JSON.parse(set.stdout)).toEqual([
      expect.objectContaining({ id: 1, name: 'Kirby', role: 'spokesman', affiliation: 'National Security Council', wikidata: 'Q6253130' }),
    ]);
    const bad = runCli(['speakers', '1', '--wikidata', 'wikidata.org/wiki/Q6253130', '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/expected a Wikidata item id: Q followed by its number, as in Q42/);
    const mixed = runCli(['speakers', '1', '--role', 'envoy', '--alias', 'John Kirby', '--db', db]);
    expect(mixed.stderr).toMatch(/give one of --alias, --rename, --role\/--affiliation\/--wikidata/);
    ok(runCli(['speakers', '1', '--role', '', '--db', db]));
    ok(runCli(['rate', '1', '--verdict', 'Unproven', '--db', db]));
    const out = join(dir, 'review.json');
    ok(runCli(['export', '--format', 'claimreview', '--out', out, '--db', db]));
    const reviews = JSON.parse(readFileSync(out, 'utf8'));
    const review = Array.isArray(reviews) ? reviews[0] : reviews;
    expect(review.itemReviewed.author).toEqual({
      '@type': 'Person',
      name: 'Kirby',
      affiliation: { '@type': 'Organization', name: 'National Security Council' },
      sameAs: 'https://www.wikidata.org/wiki/Q6253130',
    });
  }, 180_000);
});
