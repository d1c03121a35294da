import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { createJobs, jobSlices, type JobSlice, type Jobs } from '../../main/api/longJobs.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { waiting } from '../../main/corpus/suggestionStore.ts';
import { matcherFingerprint } from '../../main/matching/matcherFingerprint.ts';
import { storedQueuePage } from '../../main/matching/storedQueue.ts';
import { refreshSuggestions } from '../../main/matching/suggestionRefresh.ts';
import { suggestFor } from '../../main/matching/suggestions.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Invented reports of one event; the matcher has never seen these names. */
const REPORTS = [
  'Harbour chief Mirela Osei said the northern ferry line would stay suspended for at least two weeks after the storm. Bakeries reopened on Tuesday.',
  'The northern ferry line will stay suspended for at least two weeks after the storm, Mirela Osei told reporters. Most bakeries reopened on Tuesday.',
  'Officials said the northern ferry line would stay suspended for at least two weeks after the storm. The bakeries reopened Tuesday morning.',
];
const QUOTES = ['the northern ferry line would stay suspended', 'at least two weeks after the storm', 'Bakeries reopened on Tuesday'];

/** A corpus with a dozen annotations waiting for the matcher. */
function waitingCorpus(): Db {
  const { db } = tempCorpus();
  const ids = REPORTS.map(
    (text, i) => insertArticle(db, { text, title: `Report ${i + 1}`, outlet: `Outlet ${i + 1}`, url: null, published: null, fileName: null }, 'ana').articleId,
  );
  for (const [i, articleId] of ids.entries()) {
    const text = REPORTS[i]!;
    for (const word of text.split(' ').slice(0, 4)) {
      const start = text.indexOf(word);
      createAnnotation(db, { articleId, start, end: start + word.length, tag: 'claim' }, 'ana');
    }
    const quote = QUOTES.find((q) => text.includes(q));
    if (quote) createAnnotation(db, { articleId, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, tag: 'claim' }, 'ana');
  }
  return db;
}

const remaining = (db: Db) => {
  const { pending, refreshing } = waiting(db, matcherFingerprint());
  return pending + refreshing;
};

/** Every annotation the store shows holds exactly what the matcher finds for it now: nothing half-written. */
function expectStoreConsistent(db: Db) {
  const shown = db.prepare('SELECT annotation_id FROM suggestion_sources WHERE stale = 0').pluck().all() as number[];
  const stored = storedQueuePage(db, 500, null).items;
  for (const id of shown) {
    const rows = stored.filter((s) => s.sourceId === id).map((s) => `${s.articleId}:${s.start}-${s.end}`);
    expect(rows.sort()).toEqual(
      suggestFor(db, id, { limit: 20 })
        .map((s) => `${s.articleId}:${s.start}-${s.end}`)
        .sort(),
    );
  }
}

describe('long requests as jobs', () => {
  it('runs a suggestion refresh in slices to the end, counting the annotations it looked at', async () => {
    const db = waitingCorpus();
    const before = remaining(db);
    expect(before).toBeGreaterThan(10);
    const jobs = createJobs(jobSlices(db, 5));
    const api = createHandlers({ db, actor: 'ana', jobs });
    const started = api['jobs.start']({ kind: 'suggestions.refresh' });
    expect(started).toMatchObject({ kind: 'suggestions.refresh', state: 'running', done: 0 });
    const finished = await jobs.settled(started.id);
    expect(finished).toMatchObject({ state: 'done', done: before, total: before });
    expect(api['jobs.status']({ id: started.id })).toEqual(finished);
    expect(remaining(db)).toBe(0);
    expectStoreConsistent(db);
  });

  it('answers a second start of the same kind with the job already running', async () => {
    const db = waitingCorpus();
    const jobs = createJobs(jobSlices(db, 5));
    const first = jobs.start('suggestions.refresh');
    expect(jobs.start('suggestions.refresh').id).toBe(first.id);
    await jobs.settled(first.id);
  });

  it('stops a cancelled refresh after the slice under way, leaving what it stored whole and the rest waiting for a later run', async () => {
    const db = waitingCorpus();
    const before = remaining(db);
    let slices = 0;
    let id = 0;
    // One annotation a slice (a 1 ms budget), and the cancel arrives while the second slice runs.
    const kinds = {
      'suggestions.refresh': (): JobSlice => {
        const slice = jobSlices(db, 1)['suggestions.refresh']();
        return () => {
          if (++slices === 2) jobs.cancel(id);
          return slice();
        };
      },
    };
    const jobs: Jobs = createJobs(kinds);
    id = jobs.start('suggestions.refresh').id;
    const cancelled = await jobs.settled(id);
    expect(cancelled.state).toBe('cancelled');
    expect(slices).toBe(2);
    expect(cancelled.done).toBeGreaterThan(0);
    expect(cancelled.done).toBeLessThan(before);
    expect(remaining(db)).toBe(before - cancelled.done);
    expectStoreConsistent(db);

    const again = createJobs(jobSlices(db, 5));
    const finished = await again.settled(again.start('suggestions.refresh').id);
    expect(finished.state).toBe('done');
    expect(remaining(db)).toBe(0);
    expectStoreConsistent(db);
  });

  it('ends a job whose slice fails as failed, saying why, and refuses the status of a job it never ran', async () => {
    const jobs = createJobs({
      'suggestions.refresh': () => () => {
        throw new Error('the corpus is locked by another program');
      },
    });
    const failed = await jobs.settled(jobs.start('suggestions.refresh').id);
    expect(failed).toMatchObject({ state: 'failed', message: 'the corpus is locked by another program' });
    expect(() => jobs.status(999)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('gives up on work that changes under it each time instead of running forever', async () => {
    const jobs = createJobs({ 'suggestions.refresh': () => () => ({ done: 0, total: 3, finished: false, stuck: 'nothing could be stored' }) });
    expect(await jobs.settled(jobs.start('suggestions.refresh').id)).toMatchObject({ state: 'failed', message: 'nothing could be stored' });
  });

  it('answers status and cancel while a slice runs in another thread, and stops after it, keeping its work', async () => {
    let finishSlice: (done: number) => void = () => undefined;
    let slices = 0;
    const jobs = createJobs({
      'suggestions.refresh': () => () => {
        slices++;
        return new Promise((resolve) => (finishSlice = (done) => resolve({ done, total: 10, finished: false })));
      },
    });
    const { id } = jobs.start('suggestions.refresh');
    while (slices === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(jobs.status(id)).toMatchObject({ state: 'running', done: 0 });
    expect(jobs.cancel(id)).toMatchObject({ state: 'running' });
    finishSlice(3);
    expect(await jobs.settled(id)).toMatchObject({ state: 'cancelled', done: 3, total: 10 });
    expect(slices).toBe(1);
  });

  it('runs a refresh’s slices through the runner it is given, with the slice length it is given', async () => {
    const db = waitingCorpus();
    const asked: number[] = [];
    const jobs = createJobs(
      jobSlices(db, 25, (budgetMs) => {
        asked.push(budgetMs);
        return Promise.resolve(refreshSuggestions(db, { budgetMs }));
      }),
    );
    expect(await jobs.settled(jobs.start('suggestions.refresh').id)).toMatchObject({ state: 'done' });
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set([25]));
    expect(remaining(db)).toBe(0);
    expectStoreConsistent(db);
  });
});
