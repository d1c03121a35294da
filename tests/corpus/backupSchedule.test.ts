import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { scheduleBackups } from '../../main/corpus/backupSchedule.ts';
import { listBackups } from '../../main/corpus/backups.ts';
import { importPaths } from '../../main/ingest/importFiles.ts';
import { SEEDS_DIR, tempCorpus, tempDir } from '../helpers/tempCorpus.ts';

const MINUTE = 60_000;

// Only the clock is faked: the backup API steps with setImmediate and real file I/O.
beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

function seededCorpus() {
  const corpus = tempCorpus();
  importPaths(corpus.db, [SEEDS_DIR], 'ana');
  return corpus;
}

describe('scheduled backups', () => {
  it('takes a backup every interval while the corpus changes, and none when it does not', async () => {
    const { db, path } = seededCorpus();
    const schedule = scheduleBackups(db, path, { everyMs: 10 * MINUTE, keep: 5 });
    expect(listBackups(path)).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await schedule.whenIdle();
    expect(listBackups(path)).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(10 * MINUTE); // nothing changed meanwhile
    await schedule.whenIdle();
    expect(listBackups(path)).toHaveLength(1);

    createAnnotation(db, { articleId: 1, start: 0, end: 10, tag: 'claim' }, 'ana');
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await schedule.whenIdle();
    const backups = listBackups(path);
    expect(backups).toHaveLength(2);
    expect(backups.every((b) => b.reason === 'scheduled')).toBe(true);
    await schedule.stop();
  });

  it('keeps only the newest N', async () => {
    const { db, path } = seededCorpus();
    const schedule = scheduleBackups(db, path, { everyMs: MINUTE, keep: 2 });
    for (let i = 0; i < 4; i++) {
      createAnnotation(db, { articleId: 1, start: i, end: i + 5, tag: 'claim' }, 'ana');
      await vi.advanceTimersByTimeAsync(MINUTE);
      await schedule.whenIdle();
    }
    expect(listBackups(path)).toHaveLength(2);
    await schedule.stop();
  });

  it('takes a last backup on stop when something changed, and stops the timer', async () => {
    const { db, path } = seededCorpus();
    const schedule = scheduleBackups(db, path, { everyMs: MINUTE });
    const last = await schedule.stop();
    expect(last?.reason).toBe('quit');
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await schedule.whenIdle();
    expect(listBackups(path)).toHaveLength(1);
  });

  it('reports a failed backup instead of throwing, and keeps the corpus usable', async () => {
    const { db, path } = seededCorpus();
    const onError = vi.fn();
    // The backups folder cannot be made where a plain file stands.
    const blocked = join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    const schedule = scheduleBackups(db, join(blocked, 'corpus.sqlite'), { everyMs: MINUTE, onError });
    await vi.advanceTimersByTimeAsync(MINUTE);
    await schedule.whenIdle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(createAnnotation(db, { articleId: 1, start: 0, end: 4, tag: 'claim' }, 'ana').id).toBeGreaterThan(0);
    await schedule.stop();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(listBackups(path)).toHaveLength(0);
  });
});
