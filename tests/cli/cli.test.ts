import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/runCli.ts';
import { PROJECT_ROOT, SEEDS_DIR, tempDir } from '../helpers/tempCorpus.ts';

function seededCorpus(): string {
  const db = join(tempDir(), 'c.db');
  const run = runCli(['import', 'seeds', '--db', db]);
  expect(run.status, run.stderr).toBe(0);
  return db;
}

const json = (run: { stdout: string }) => JSON.parse(run.stdout);

describe('crosscheck import', () => {
  it('reports each file as imported, then as duplicate on a second run', () => {
    const db = join(tempDir(), 'c.db');
    const first = runCli(['import', 'seeds', '--db', db, '--json']);
    expect(first.status).toBe(0);
    expect(json(first).map((r: { status: string }) => r.status)).toEqual(Array(5).fill('imported'));
    const second = runCli(['import', SEEDS_DIR, '--db', db]);
    expect(second.stdout).toContain('0 imported, 5 duplicate, 0 failed');
  });

  it('imports the good files, reports the bad one with its reason and exits non-zero', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.txt'), 'A short article.');
    writeFileSync(join(dir, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    const db = join(tempDir(), 'c.db');
    const run = runCli(['import', dir, '--db', db, '--json']);
    expect(run.status).toBe(1);
    expect(json(run)).toEqual([
      { file: join(dir, 'bad.txt'), status: 'failed', reason: expect.stringMatching(/binary/) },
      { file: join(dir, 'good.txt'), status: 'imported', articleId: 1 },
    ]);
  });
});

describe('crosscheck articles and show', () => {
  it('lists the five seed articles with their dates, the header-dated two on 2022-12-10', () => {
    const articles = json(runCli(['articles', '--db', seededCorpus(), '--json']));
    expect(articles).toHaveLength(5);
    expect(Object.keys(articles[0]).sort()).toEqual(['fileName', 'id', 'length', 'outlet', 'published', 'title', 'url']);
    const byFile = Object.fromEntries(articles.map((a: { fileName: string; published: string | null }) => [a.fileName, a.published]));
    expect(byFile).toEqual({
      '000_ed5d5ab491bc05c6.txt': '2022-12-10',
      '001_0bb0776770e3bb18.txt': '2022-12-10',
      '002_8a7f0d865ba918a5.txt': '2022-12-11',
      '003_cffe77665d307e1a.txt': '2022-12-09',
      '004_3398d6d0c33d341a.txt': null,
    });
  });

  it('prints a table for people', () => {
    const run = runCli(['articles', '--db', seededCorpus()]);
    expect(run.stdout.split('\n')[0]).toMatch(/^id\s+published\s+outlet\s+title\s+length$/);
    expect(run.stdout).toContain('The Business Standard');
  });

  it('shows one article with its exact text', () => {
    const db = seededCorpus();
    const article = json(runCli(['show', '1', '--db', db, '--json']));
    expect(article.text).toBe(readFileSync(join(SEEDS_DIR, '000_ed5d5ab491bc05c6.txt'), 'utf8'));
    expect(article.length).toBe(article.text.length);
  });
});

describe('crosscheck annotate and annotations', () => {
  it('stores a span and returns it with quote and context; annotations lists it', () => {
    const db = seededCorpus();
    const text: string = json(runCli(['show', '1', '--db', db, '--json'])).text;
    const start = text.indexOf('military and technical support');
    const end = start + 'military and technical support'.length;
    const run = runCli([
      'annotate',
      '1',
      '--start',
      String(start),
      '--end',
      String(end),
      '--tag',
      'claim',
      '--speaker',
      'John Kirby',
      '--note',
      'drifts in 001',
      '--db',
      db,
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const annotation = json(run);
    expect(annotation).toEqual({
      id: 1,
      articleId: 1,
      start,
      end,
      quote: 'military and technical support',
      prefix: text.slice(start - 32, start),
      suffix: text.slice(end, end + 32),
      tag: 'claim',
      note: 'drifts in 001',
      speaker: 'John Kirby',
    });
    expect(json(runCli(['annotations', '1', '--db', db, '--json']))).toEqual([annotation]);
    expect(json(runCli(['annotations', '--db', db, '--json']))).toEqual([annotation]);
    expect(json(runCli(['annotations', '2', '--db', db, '--json']))).toEqual([]);
  });

  it.each([
    ['an unknown tag', ['annotate', '1', '--start', '0', '--end', '5', '--tag', 'rumour'], /tag/],
    ['end before start', ['annotate', '1', '--start', '9', '--end', '5', '--tag', 'claim'], /end must be greater/],
    ['a span past the text', ['annotate', '1', '--start', '0', '--end', '999999', '--tag', 'claim'], /past the end/],
    ['a negative offset', ['annotate', '1', '--start', '-3', '--end', '5', '--tag', 'claim'], /start|argument/],
    ['a missing article', ['annotate', '99', '--start', '0', '--end', '5', '--tag', 'claim'], /no article 99/],
    ['a non-numeric article', ['show', 'first'], /ARTICLE must be a whole number/],
    ['an unknown option', ['articles', '--verbose'], /Unknown option '--verbose'/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ])('refuses %s on stderr with a non-zero exit and changes nothing', (_name, args, message) => {
    const db = seededCorpus();
    const before = readFileSync(db);
    const run = runCli([...args, '--db', db]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('refuses a corpus from a newer version without touching it', () => {
    const db = seededCorpus();
    const newer = join(tempDir(), 'newer.db');
    copyFileSync(db, newer);
    spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(newer)});d.pragma('user_version = 999');d.close()`], {
      cwd: PROJECT_ROOT,
    });
    const run = runCli(['articles', '--db', newer]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/newer version of Crosscheck/);
  });
});

describe('running the CLI', () => {
  it('runs through npx as the package bin', () => {
    const db = seededCorpus();
    const run = spawnSync('npx', ['--no-install', 'crosscheck', 'articles', '--db', db, '--json'], { cwd: PROJECT_ROOT, env: cliEnv(), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(5);
  });

  it('explains itself on --help', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    for (const verb of ['import', 'articles', 'show', 'annotate', 'annotations', 'serve']) expect(run.stdout).toContain(`  ${verb}`);
  });

  it('tells a user on an old Node what to do instead of crashing', () => {
    const script = join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js');
    const shim = `Object.defineProperty(process.versions, 'node', { value: '20.11.0' }); await import(${JSON.stringify(script)});`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', shim], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/needs Node.js 22.18 or newer/);
  });
});
