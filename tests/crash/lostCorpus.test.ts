import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { SEEDS_DIR, tempDir } from '../helpers/tempCorpus.ts';

/** A corpus with history and a backup, then lost as a crash or a sync tool can leave it: emptied or gone. */
function lostCorpus(how: 'emptied' | 'deleted') {
  const path = join(tempDir(), 'corpus.sqlite');
  expect(runCli(['import', SEEDS_DIR, '--db', path]).status).toBe(0);
  expect(runCli(['backup', '--db', path]).status).toBe(0);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  if (how === 'emptied') writeFileSync(path, '');
  return path;
}

describe.each(['emptied', 'deleted'] as const)('a corpus %s beside its good backup', (how) => {
  it('is refused by every command with the restore to run, and is neither seeded nor created', () => {
    const path = lostCorpus(how);
    for (const args of [['articles'], ['search', 'Iran']]) {
      const run = runCli([...args, '--db', path]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/but it has backups: the latest good one is .*crosscheck restore --db/);
    }
    expect(how === 'emptied' ? statSync(path).size : existsSync(path)).toBe(how === 'emptied' ? 0 : false);
  });

  it('comes back whole with crosscheck restore', () => {
    const path = lostCorpus(how);
    expect(runCli(['restore', '--db', path]).status).toBe(0);
    const listed = runCli(['articles', '--db', path, '--json']);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toHaveLength(5);
  });
});
