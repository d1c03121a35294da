import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

function seededCorpus(): string {
  const db = join(tempDir(), 'corpus.sqlite');
  const run = runCli(['import', 'seeds', '--db', db]);
  expect(run.status, run.stderr).toBe(0);
  return db;
}

describe('crosscheck check', () => {
  it('runs the cheap check by default and the full one with --full, which it records', () => {
    const db = seededCorpus();
    const cheap = runCli(['check', '--db', db, '--json']);
    expect(cheap.status, cheap.stderr).toBe(0);
    expect(JSON.parse(cheap.stdout)).toEqual({ check: 'cheap', sound: true, lastFullCheck: null });
    const full = runCli(['check', '--full', '--db', db, '--json']);
    expect(full.status, full.stderr).toBe(0);
    const checked = JSON.parse(full.stdout);
    expect(checked).toMatchObject({ check: 'full', sound: true, lastFullCheck: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(runCli(['check', '--db', db]).stdout).toContain(`last full check ${checked.lastFullCheck}`);
  });

  it('refuses damage deep inside the article texts at open, which reads them in turn', () => {
    const db = seededCorpus();
    const raw = new Database(db);
    const leaves = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY path").pluck().all() as number[];
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    expect(leaves.length).toBeGreaterThanOrEqual(3);
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (leaves[1]! - 1) * 4096);
    closeSync(fd);
    for (const args of [['check'], ['check', '--full']]) {
      const refused = runCli([...args, '--db', db]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/is damaged/);
    }
  });
});
