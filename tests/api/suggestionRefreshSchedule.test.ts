import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { updateAnnotation } from '../../main/corpus/annotations.ts';
import { storedQueuePage } from '../../main/matching/storedQueue.ts';
import { scheduleSuggestionRefresh } from '../../main/api/suggestionRefreshSchedule.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const REPORTS = [
  'Harbour chief Mirela Osei said the northern ferry line would stay suspended for at least two weeks after the storm.',
  'Officials said the northern ferry line would stay suspended for at least two weeks after the storm.',
];
const CLAIM = 'the northern ferry line would stay suspended for at least two weeks after the storm';

function seeded(db: ReturnType<typeof tempCorpus>['db']) {
  const ids = REPORTS.map(
    (text, i) => insertArticle(db, { text, title: `Report ${i}`, outlet: `Outlet ${i}`, url: null, published: null, fileName: `${i}.txt` }, 'ana').articleId,
  );
  const start = REPORTS[0]!.indexOf(CLAIM);
  return createAnnotation(db, { articleId: ids[0]!, start, end: start + CLAIM.length, tag: 'claim' }, 'ana');
}

describe('the background suggestion refresher', () => {
  it('fills the store from a worker thread with its own connection, and again after an edit hid a row', async () => {
    const { db } = tempCorpus();
    const source = seeded(db);
    const schedule = scheduleSuggestionRefresh(db, { lookEveryMs: 50 });
    try {
      await schedule.whenSettled();
      const shown = storedQueuePage(db, 50, null);
      expect(shown.pending).toBe(0);
      expect(shown.items.map((s) => s.sourceId)).toContain(source.id);
      updateAnnotation(db, { id: source.id, end: source.end - 10 }, 'ana');
      expect(storedQueuePage(db, 50, null).pending).toBe(1);
      await schedule.whenSettled();
      expect(storedQueuePage(db, 50, null)).toMatchObject({ pending: 0 });
      expect(storedQueuePage(db, 50, null).items.length).toBeGreaterThan(0);
    } finally {
      await schedule.stop();
    }
  });

  it('works in slices on this thread for an in-memory corpus, where no worker can share it', async () => {
    const db = openDatabase(':memory:');
    const source = seeded(db);
    const schedule = scheduleSuggestionRefresh(db, { lookEveryMs: 20 });
    try {
      await schedule.whenSettled();
      expect(storedQueuePage(db, 50, null).items.map((s) => s.sourceId)).toContain(source.id);
    } finally {
      await schedule.stop();
      db.close();
    }
  });

  it('runs a slice asked for (a job’s) in its worker, so the asking thread goes on with its own work meanwhile', async () => {
    const { db } = tempCorpus();
    seeded(db);
    const schedule = scheduleSuggestionRefresh(db, { background: false });
    try {
      const order: string[] = [];
      const tick = new Promise<void>((resolve) => setTimeout(() => (order.push('this thread'), resolve()), 0));
      const slice = schedule.runSlice(1_000).then((progress) => (order.push('the slice'), progress));
      const [progress] = await Promise.all([slice, tick]);
      // On this thread the slice would have run to its end before any timer.
      expect(order).toEqual(['this thread', 'the slice']);
      expect(progress).toMatchObject({ refreshed: 1, pending: 0 });
      expect(storedQueuePage(db, 50, null).pending).toBe(0);
    } finally {
      await schedule.stop();
    }
  });

  it('looks at nothing by itself when told not to, and refuses a slice once stopped', async () => {
    const { db } = tempCorpus();
    seeded(db);
    const schedule = scheduleSuggestionRefresh(db, { background: false, lookEveryMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(storedQueuePage(db, 50, null).pending).toBe(1);
    await schedule.stop();
    await expect(schedule.runSlice(40)).rejects.toThrow(/stopped/);
  });

  it('runs a slice asked for on this thread for no longer than its own slice, however long was asked', async () => {
    const db = openDatabase(':memory:');
    seeded(db);
    const schedule = scheduleSuggestionRefresh(db, { background: false });
    try {
      const order: string[] = [];
      const tick = new Promise<void>((resolve) => setTimeout(() => (order.push('this thread'), resolve()), 0));
      await schedule.runSlice(60_000).then(() => order.push('the slice'));
      await tick;
      expect(order).toEqual(['the slice', 'this thread']);
      expect(storedQueuePage(db, 50, null).pending).toBe(0);
    } finally {
      await schedule.stop();
      db.close();
    }
  });
});
