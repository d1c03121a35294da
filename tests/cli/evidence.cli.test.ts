import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import { textPage, writePdf } from '../helpers/pdfWriter.ts';

const ok = (run: { status: number | null; stderr: string }) => expect(run.status, run.stderr).toBe(0);
const CLAIM = 'The harbour authority said on Monday that the port would reopen to container ships after the storm.';

describe('crosscheck import of a PDF, settings, rate, the published ClaimReview and the timeline', () => {
  it('imports a PDF, names the publisher, words the claim and writes JSON-LD that cannot break out of a script element', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    writeFileSync(
      join(dir, 'release.pdf'),
      writePdf([textPage([CLAIM]), textPage(['Officials added that inspections would continue all week.'])], { info: { title: 'Port to reopen' } }),
    );
    const imported = runCli(['import', join(dir, 'release.pdf'), '--db', db]);
    ok(imported);
    expect(imported.stdout).toContain('1 imported, 0 duplicate, 0 failed');
    ok(runCli(['annotate', '1', '--start', '4', '--end', '21', '--tag', 'claim', '--speaker', 'Port Authority', '--db', db]));
    const settings = runCli(['settings', '--organisation', 'Example Fact Check', '--url', 'https://factcheck.example.org/', '--db', db]);
    ok(settings);
    expect(settings.stdout).toBe('organisation: Example Fact Check\nurl: https://factcheck.example.org/\n');
    ok(
      runCli([
        'rate',
        '1',
        '--verdict',
        'False</script><script>alert(1)</script>',
        '--rating',
        '1',
        '--claim',
        'The port reopens Monday',
        '--review-url',
        'https://factcheck.example.org/r/1',
        '--db',
        db,
      ]),
    );
    const out = join(dir, 'review.json');
    ok(runCli(['export', '--format', 'claimreview', '--group', '1', '--out', out, '--db', db]));
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toMatchObject({
      url: 'https://factcheck.example.org/r/1',
      claimReviewed: 'The port reopens Monday',
      author: { '@type': 'Organization', name: 'Example Fact Check' },
      itemReviewed: { author: { name: 'Port Authority' }, appearance: [{ headline: 'Port to reopen', identifier: { propertyID: 'sha256' } }] },
      reviewRating: { alternateName: 'False</script><script>alert(1)</script>' },
    });
    expect(runCli(['settings', '--url', 'javascript:alert(1)', '--db', db]).status).toBe(1);
    const timeline = runCli(['timeline', '1', '--json', '--db', db]);
    ok(timeline);
    expect(JSON.parse(timeline.stdout)).toMatchObject({
      reports: 1,
      summary: '1 report, 1 independent origin (Port to reopen)',
      firstAppearance: { articleId: 1 },
    });
  }, 120_000);
});

describe('crosscheck verify', () => {
  it('passes a corpus nobody touched; after a byte of an article is flipped in the file, verify names that article while every other command refuses to open it', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    writeFileSync(join(dir, 'port.txt'), `${CLAIM}\n`);
    ok(runCli(['import', join(dir, 'port.txt'), '--db', db]));
    const clean = runCli(['verify', '--db', db]);
    ok(clean);
    expect(clean.stdout).toMatch(/^verified \d+ events, 1 articles, 1 captured sources: all as recorded\nchain head: [0-9a-f]{64}\n$/);
    const bytes = readFileSync(db);
    const at = bytes.indexOf(Buffer.from('container ships'));
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.from('k'), 0, 1, at + 3);
    closeSync(fd);
    // verify opens the file only to check it, so it can report what an ordinary open refuses.
    const checked = runCli(['verify', '--db', db]);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toMatch(/^the corpus does not match its own record: article 1: its text \(port\.txt\) does not match the sha256/);
    const report = JSON.parse(runCli(['verify', '--json', '--db', db]).stdout);
    expect(report).toMatchObject({ ok: false, firstBadArticle: 1, firstBadEvent: null });
    const quick = runCli(['verify', '--quick', '--json', '--db', db]);
    expect(quick.status).toBe(1);
    expect(JSON.parse(quick.stdout)).toMatchObject({ ok: false, full: false, firstBadArticle: 1 });
    // Opening for work refuses the changed corpus, naming the article, so nothing reads or backs up text that is not what was imported.
    for (const args of [['articles'], ['backup']]) {
      const refused = runCli([...args, '--db', db]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/the text of article 1 \(port\.txt\) no longer matches the checksum/);
    }
  }, 120_000);

  it('refuses a missing corpus or a file that is not one, creating nothing', () => {
    const dir = tempDir();
    const missing = runCli(['verify', '--db', join(dir, 'none.db')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/none\.db does not exist or cannot be read; nothing to check/);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
    writeFileSync(join(dir, 'notes.db'), 'just some notes, not a database at all, long enough to have a header'.repeat(20));
    const notCorpus = runCli(['verify', '--db', join(dir, 'notes.db')]);
    expect(notCorpus.status).toBe(1);
    expect(notCorpus.stderr).toMatch(/is not a Crosscheck corpus/);
  }, 60_000);
});

describe('crosscheck suggest --accept-above', () => {
  it('accepts the suggestions scoring at least the threshold, each as a confirmed link', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    const claim = 'the dam upstream had cracked during the night and engineers were sent';
    writeFileSync(join(dir, 'a.txt'), `Officials said ${claim}, a spokesperson confirmed.\n`);
    writeFileSync(join(dir, 'b.txt'), `Residents heard that ${claim}, according to the council.\n`);
    writeFileSync(join(dir, 'c.txt'), 'Reports that the old dam upstream partly cracked in the night were denied, and no engineers were sent.\n');
    ok(runCli(['import', join(dir, 'a.txt'), join(dir, 'b.txt'), join(dir, 'c.txt'), '--db', db]));
    const start = 'Officials said '.length;
    ok(runCli(['annotate', '1', '--start', String(start), '--end', String(start + claim.length), '--tag', 'claim', '--db', db]));
    const run = runCli(['suggest', '--all', '--accept-above', '0.9', '--db', db, '--json']);
    ok(run);
    const outcome = JSON.parse(run.stdout);
    expect(outcome.accepted).toHaveLength(1);
    expect(outcome.accepted[0].score).toBeGreaterThanOrEqual(0.9);
    const links = JSON.parse(runCli(['links', '--db', db, '--json']).stdout);
    expect(links).toEqual([expect.objectContaining({ fromId: 1, toId: outcome.accepted[0].annotationId, status: 'confirmed', method: 'matcher' })]);
    const bad = runCli(['suggest', '--all', '--accept-above', '1.5', '--db', db]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--accept-above must be a score from 0 to 1/);
  }, 120_000);
});

describe('crosscheck delete-article', () => {
  it('takes a backup, then removes the article with its annotations; a missing article is refused before any backup', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    writeFileSync(join(dir, 'a.txt'), `${CLAIM}\n`);
    ok(runCli(['import', join(dir, 'a.txt'), '--db', db]));
    ok(runCli(['annotate', '1', '--start', '4', '--end', '21', '--tag', 'claim', '--db', db]));
    expect(runCli(['delete-article', '7', '--db', db]).stderr).toMatch(/no article 7/);
    expect(runCli(['backup', '--list', '--db', db, '--json']).stdout.trim()).toBe('[]');
    const run = runCli(['delete-article', '1', '--db', db, '--json']);
    ok(run);
    const outcome = JSON.parse(run.stdout);
    expect(outcome).toMatchObject({ id: 1, annotations: 1, links: 0, backup: expect.stringMatching(/before-delete/) });
    expect(JSON.parse(runCli(['articles', '--db', db, '--json']).stdout)).toEqual([]);
  }, 120_000);
});
