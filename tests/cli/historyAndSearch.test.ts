import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

function seededCorpus(): string {
  const db = join(tempDir(), 'c.db');
  expect(runCli(['import', 'seeds', '--db', db]).status).toBe(0);
  return db;
}

describe('crosscheck search', () => {
  it('prints each match with its article, offsets and snippet', () => {
    const db = seededCorpus();
    const run = runCli(['search', 'Kirby', '--db', db, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const { articles } = JSON.parse(run.stdout);
    expect(articles.length).toBeGreaterThan(0);
    const first = articles[0];
    const text: string = JSON.parse(runCli(['show', String(first.articleId), '--db', db, '--json']).stdout).text;
    expect(text.slice(first.matches[0].start, first.matches[0].end)).toBe('Kirby');
  });

  it('refuses a search without words', () => {
    const run = runCli(['search', '--db', seededCorpus(), '()']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/at least one word/);
  });
});

describe('crosscheck undo and redo', () => {
  it('undo removes the annotation just made and redo brings it back', () => {
    const db = seededCorpus();
    expect(runCli(['annotate', '1', '--start', '0', '--end', '5', '--tag', 'claim', '--db', db]).status).toBe(0);
    const undo = runCli(['undo', '--db', db]);
    expect(undo.stdout).toMatch(/^undone: the create of annotation 1 \(article 1\)/);
    expect(JSON.parse(runCli(['annotations', '--db', db, '--json']).stdout)).toEqual([]);
    expect(runCli(['redo', '--db', db]).status).toBe(0);
    expect(JSON.parse(runCli(['annotations', '--db', db, '--json']).stdout)).toMatchObject([{ id: 1, start: 0, end: 5 }]);
    expect(runCli(['redo', '--db', db]).stdout).toBe('nothing to redo\n');
  });
});
