import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { damagePages } from '../helpers/damageFile.ts';
import { listBackups } from '../../main/corpus/backups.ts';
import { cliEnv, runCli } from '../helpers/runCli.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

function seededCorpus(): string {
  const db = join(tempDir(), 'corpus.sqlite');
  const run = runCli(['import', 'seeds', '--db', db]);
  expect(run.status, run.stderr).toBe(0);
  return db;
}

describe('crosscheck backup and restore', () => {
  it('backs the corpus up into backups/ beside it and lists the backups', () => {
    const db = seededCorpus();
    const made = runCli(['backup', '--db', db, '--json']);
    expect(made.status, made.stderr).toBe(0);
    const backup = JSON.parse(made.stdout);
    expect(backup).toMatchObject({ reason: 'manual', path: expect.stringContaining(join(dirname(db), 'backups')) });
    expect(existsSync(backup.path)).toBe(true);
    const listed = runCli(['backup', '--list', '--db', db, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([backup]);
  });

  it('refuses a bad --keep with a clear error', () => {
    const db = seededCorpus();
    const run = runCli(['backup', '--keep', '0', '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--keep must be at least 1');
  });

  it('on a damaged corpus, says so and names the restore command; restore brings the backup back', () => {
    const db = seededCorpus();
    expect(runCli(['backup', '--db', db]).status).toBe(0);
    damagePages(db);

    const refused = runCli(['articles', '--db', db]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/is damaged/);
    expect(refused.stderr).toContain(`crosscheck restore --db "${db}"`);
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace

    const restored = runCli(['restore', '--db', db, '--json']);
    expect(restored.status, restored.stderr).toBe(0);
    const { setAside } = JSON.parse(restored.stdout);
    expect(existsSync(setAside)).toBe(true);
    const articles = runCli(['articles', '--db', db, '--json']);
    expect(articles.status, articles.stderr).toBe(0);
    expect(JSON.parse(articles.stdout)).toHaveLength(5);
  });

  it('restore without any backup fails clearly and leaves the corpus in place', () => {
    const db = seededCorpus();
    const run = runCli(['restore', '--db', db]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no good backup/);
    expect(runCli(['articles', '--db', db]).status).toBe(0);
  });
});

describe('crosscheck serve', () => {
  it('backs the corpus up when stopped, after the changes of the session', async () => {
    const db = join(tempDir(), 'corpus.sqlite');
    const serve = spawn(join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), ['serve', '--db', db, '--json'], { env: cliEnv(), cwd: PROJECT_ROOT });
    let stderr = '';
    serve.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<string>((resolve) => serve.on('close', (code, signal) => resolve(`${code} ${signal}`)));
    // The first run seeds the corpus: a change worth keeping.
    await new Promise<void>((resolve, reject) => {
      serve.stdout.once('data', () => resolve());
      serve.once('close', () => reject(new Error(`serve stopped: ${stderr}`)));
    });
    expect(listBackups(db)).toEqual([]);
    serve.kill('SIGTERM');
    expect(await exited, stderr).toBe('0 null');
    expect(listBackups(db).map((b) => b.reason)).toEqual(['quit']);
  });
});
