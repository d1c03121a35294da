import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../main/corpus/database.ts';

export { PROJECT_ROOT, SEEDS_DIR } from './projectPaths.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real corpus file on disk (never a mock), closed and removed after the test. */
export function tempCorpus(): { db: Db; path: string } {
  const path = join(tempDir(), 'corpus.sqlite');
  const db = openDatabase(path);
  cleanups.push(() => db.open && db.close());
  return { db, path };
}
