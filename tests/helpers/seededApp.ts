import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { useBrowserAndApp } from './browser.ts';
import { runCli } from './runCli.ts';
import { tempDir } from './tempCorpus.ts';

/** End-to-end steps on the seeded corpus, as an analyst takes them: set up through the command line, act in the app. */

/** Polls until the expectation holds; generous, because the test machines share two cores. */
export const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });

export type StoredAnnotation = { id: number; articleId: number; start: number; end: number; quote: string; tag: string; note: string; speaker: string | null };
export const cliAnnotations = (dbPath: string, article?: number): StoredAnnotation[] =>
  JSON.parse(runCli(['annotations', ...(article ? [String(article)] : []), '--db', dbPath, '--json']).stdout);
export const storedText = (dbPath: string, article: number): string => JSON.parse(runCli(['show', String(article), '--db', dbPath, '--json']).stdout).text;

/** A corpus file holding the seeds, imported by a first start of the app. */
export async function seededCorpus(session: ReturnType<typeof useBrowserAndApp>): Promise<string> {
  const dbPath = join(tempDir(), 'corpus.sqlite');
  await session.start(dbPath);
  await session.stop();
  return dbPath;
}

/** Tags `quote` (its first occurrence) in an article through the command line. */
export function annotate(dbPath: string, article: number, quote: string, tag = 'claim', speaker?: string): void {
  const text = storedText(dbPath, article);
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in article ${article}: ${quote}`);
  const run = runCli([
    'annotate',
    String(article),
    '--db',
    dbPath,
    '--start',
    String(start),
    '--end',
    String(start + quote.length),
    '--tag',
    tag,
    ...(speaker ? ['--speaker', speaker] : []),
  ]);
  expect(run.status, run.stderr).toBe(0);
}

/** Links two annotations through the command line. */
export function link(dbPath: string, from: number, to: number, type = 'same-claim'): void {
  const run = runCli(['link', String(from), String(to), '--type', type, '--db', dbPath]);
  expect(run.status, run.stderr).toBe(0);
}

/** Opens an article from the article list and waits for its text. */
export async function openArticle(page: Page, title: RegExp): Promise<void> {
  await eventually(() => page.locator('.corpus-size').innerText()).toMatch(/^\d+ articles$/);
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: title }).click();
  await eventually(() => page.locator('#article-heading').innerText()).toMatch(title);
  await page.locator('.article-text p').first().waitFor();
}
