import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/runCli.ts';
import { SEEDS_DIR, tempDir } from '../helpers/tempCorpus.ts';

const undo: Array<() => void> = [];
afterEach(() => {
  while (undo.length) undo.pop()!();
});

/**
 * A read-only view of `folder`: a read-only bind mount where this user may mount
 * (root, as in CI containers), otherwise the folder made unwritable (which root would ignore).
 */
function readOnlyView(folder: string): string {
  if (process.getuid?.() === 0) {
    const view = tempDir();
    execFileSync('mount', ['--bind', folder, view]);
    undo.push(() => execFileSync('umount', [view]));
    execFileSync('mount', ['-o', 'remount,ro,bind', view]);
    return view;
  }
  chmodSync(folder, 0o555);
  undo.push(() => chmodSync(folder, 0o755));
  return folder;
}

describe('a corpus on read-only storage', () => {
  it('is refused with the reason, not called damaged or "not a Crosscheck corpus"', () => {
    const folder = tempDir();
    expect(runCli(['import', SEEDS_DIR, '--db', join(folder, 'corpus.sqlite')]).status).toBe(0);
    mkdirSync(join(folder, 'empty'));
    const view = readOnlyView(folder);
    for (const path of [join(view, 'corpus.sqlite'), join(view, 'new.sqlite')]) {
      const run = runCli(['articles', '--db', path]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/cannot be opened: (the corpus file|its folder) (is on read-only storage|cannot be written by this user)/);
      expect(run.stderr).not.toMatch(/not a Crosscheck corpus|damaged|at .*\.ts:\d+/);
    }
    const nested = runCli(['articles', '--db', join(view, 'empty', 'sub', 'new.sqlite')]);
    expect(nested.stderr).toMatch(/cannot create the folder for .*read-only storage, or a folder this user cannot write/);
  });
});
