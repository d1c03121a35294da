import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/corpus/database.ts';
import { tempDir } from '../helpers/tempCorpus.ts';
import { runCrashCycles } from './crashCycles.ts';

describe('a writer killed with SIGKILL at random moments', () => {
  it('never loses an acknowledged write, never half-writes an article and never damages the corpus', async () => {
    const corpusPath = join(tempDir(), 'corpus.sqlite');
    const figures = await runCrashCycles({ corpusPath, kills: 10, seed: 6 });
    console.log(`crash (CI): ${figures.kills} kills, ${figures.acknowledged} acknowledged writes, ${figures.lostWrites} lost`);
    expect(figures.problems).toEqual([]);
    expect(figures.kills).toBe(10);
    // The check means something only if the worker got to write between kills.
    expect(figures.acknowledged).toBeGreaterThan(20);
    const db = openDatabase(corpusPath);
    expect(db.prepare('SELECT count(*) FROM articles').pluck().get()).toBeGreaterThan(0);
    db.close();
  }, 60_000);
});
