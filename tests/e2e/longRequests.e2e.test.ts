import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSession } from '../../main/api/session.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { useBrowserAndApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/tempCorpus.ts';

const session = useBrowserAndApp();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
const ARTICLES = 40;
const SPANS_PER_ARTICLE = 60;

/** 2,400 annotations the matcher has not looked at yet, on 40 articles of made-up words. */
function manyWaiting(): string {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  const { db, handlers, close } = openSession({ dbPath, actor: 'e2e' });
  db.transaction(() => {
    for (let a = 0; a < ARTICLES; a++) {
      const words = Array.from({ length: SPANS_PER_ARTICLE * 4 }, (_, i) => `w${(i * 7 + a * 13) % 500}x`);
      const text = `${words.join(' ')}.`;
      const { articleId } = insertArticle(db, { text, title: `Report ${a}`, outlet: `Outlet ${a % 5}`, url: null, published: null, fileName: null }, 'e2e');
      let at = 0;
      for (let s = 0; s < SPANS_PER_ARTICLE; s++) {
        const start = at;
        const end = start + words.slice(s * 4, s * 4 + 3).join(' ').length;
        handlers['annotations.create']({ articleId, start, end, tag: 'claim' });
        at += words.slice(s * 4, s * 4 + 4).join(' ').length + 1;
      }
    }
  })();
  close();
  return dbPath;
}

describe('long requests in the window', () => {
  it('shows a suggestion refresh’s progress and stops it on Cancel, keeping what it had stored', async () => {
    const { page, problems, app } = await session.open(manyWaiting());
    await page.getByRole('tablist', { name: 'View' }).getByRole('tab', { name: 'Review' }).click();
    await page.getByRole('tablist', { name: 'Review' }).getByRole('tab', { name: 'Suggestions' }).click();
    await page.getByRole('button', { name: 'Look now' }).click();
    const progress = page.getByRole('status', { name: 'Finding claims elsewhere now' });
    await eventually(() => progress.count()).toBe(1);
    await eventually(() => progress.getByRole('progressbar').evaluate((bar) => (bar as HTMLProgressElement).value)).toBeGreaterThan(0);
    expect(await progress.textContent()).toMatch(/Looked at \d+ of \d+ annotations/);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => page.getByText(/^Stopped after \d+ of \d+ annotations/).count()).toBe(1);
    // Jobs live in the app's writer: asked of the app, as the window asks.
    const status = await app.request('jobs.status', { id: 1 });
    if (!status.ok) throw new Error(status.error.message);
    const job = status.value as { state: string; done: number; total: number };
    expect(job.state).toBe('cancelled');
    expect(job.done).toBeGreaterThan(0);
    expect(job.done).toBeLessThan(job.total);
    expect(problems).toEqual([]);
  });
});
