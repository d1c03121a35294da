import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { deleteArticle } from '../../main/corpus/articleDeletion.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase, type Db } from '../../main/corpus/database.ts';
import { refreshSuggestions } from '../../main/matching/suggestionRefresh.ts';
import { suggestFor } from '../../main/matching/suggestions.ts';
import { storedQueuePage } from '../../main/matching/storedQueue.ts';
import { articleTerms, ensureMatchIndex, matchIndexCurrent, matchIndexRebuildProgress, rebuildMatchIndexStep } from '../../main/matching/termIndex.ts';
import { tokenize } from '../../main/matching/tokens.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Made-up words from a seeded generator: the rebuild must not depend on any story's vocabulary. */
function generatedText(seed: number): string {
  let state = Math.imul(seed, 2654435761);
  const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) / 2 ** 24;
  const syllables = ['ka', 'lo', 'mer', 'tis', 'van', 'ru', 'pel', 'dor', 'sin', 'ga', 'fe', 'nok'];
  const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => syllables[Math.floor(next() * syllables.length)]).join('');
  return Array.from({ length: 4 }, () => Array.from({ length: 10 }, word).join(' ') + '.').join(' ');
}

function store(db: Db, seed: number): number {
  return insertArticle(db, { text: generatedText(seed), title: null, outlet: `Outlet ${seed % 7}`, url: null, published: null, fileName: `${seed}.txt` }, 'ana')
    .articleId;
}

/** What a from-scratch index holds: every article's keys, read from the articles themselves. */
function expectedPostings(db: Db): string[] {
  const rows = db.prepare('SELECT id, text FROM articles ORDER BY id').all() as Array<{ id: number; text: string }>;
  return rows.flatMap(({ id, text }) => articleTerms(tokenize(text, 0, false)).map((term) => `${term}|${id}`)).sort();
}
const postings = (db: Db, table = 'match_terms') => (db.prepare(`SELECT term || '|' || article_id FROM ${table}`).pluck().all() as string[]).sort();

/** A corpus whose index was built by another matcher version: its postings are gone, as if every key had changed. */
function staleCorpus(articles: number) {
  const corpus = tempCorpus();
  corpus.db.transaction(() => {
    for (let i = 1; i <= articles; i++) store(corpus.db, i);
  })();
  // Every generated text differs: none was refused as a duplicate, so the corpus is as large as asked.
  expect(corpus.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(articles);
  corpus.db.prepare('DELETE FROM match_terms').run();
  corpus.db.prepare("UPDATE meta SET value = 'an older matcher' WHERE key = 'match_index_version'").run();
  return corpus;
}

function rebuildToTheEnd(db: Db, between: () => void = () => undefined): number {
  let steps = 0;
  while (!rebuildMatchIndexStep(db).done) {
    steps++;
    between();
    if (steps > 10_000) throw new Error('the rebuild does not end');
  }
  return steps;
}

describe('rebuilding the word index after a matcher update', () => {
  it('lets another connection commit between its steps, even one that will not wait for the lock', () => {
    const { db, path } = staleCorpus(700);
    const other = openDatabase(path, { busyTimeoutMs: 0 });
    try {
      const articleId = db.prepare('SELECT min(id) FROM articles').pluck().get() as number;
      let writes = 0;
      const steps = rebuildToTheEnd(db, () => {
        createAnnotation(other, { articleId, start: writes % 20, end: (writes % 20) + 3, tag: 'claim' }, 'ana');
        writes++;
      });
      // 700 articles, a few hundred a step at most: the work really was split.
      expect(steps).toBeGreaterThanOrEqual(4);
      expect(writes).toBe(steps);
      expect(matchIndexCurrent(db)).toBe(true);
    } finally {
      other.close();
    }
  });

  it('ends with the same index a build from scratch makes, and nothing left in the table it was built in', () => {
    const { db } = staleCorpus(450);
    rebuildToTheEnd(db);
    expect(postings(db)).toEqual(expectedPostings(db));
    expect(postings(db, 'match_terms_next')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM meta WHERE key = 'match_index_rebuild'").pluck().get()).toBe(0);
  });

  it('indexes an article stored while it runs, and keeps no postings of an article deleted while it runs', () => {
    const { db } = staleCorpus(450);
    const firstId = db.prepare('SELECT min(id) FROM articles').pluck().get() as number;
    for (let i = 0; i < 3; i++) rebuildMatchIndexStep(db); // clearing, then the first slice: the first article is in the new index
    expect(postings(db, 'match_terms_next').some((p) => p.endsWith(`|${firstId}`))).toBe(true);
    const stored = store(db, 9_001);
    deleteArticle(db, firstId, 'ana');
    rebuildToTheEnd(db);
    expect(postings(db)).toEqual(expectedPostings(db));
    expect(postings(db).some((p) => p.endsWith(`|${stored}`))).toBe(true);
    expect(postings(db).some((p) => p.endsWith(`|${firstId}`))).toBe(false);
  });

  it('resumes from where a stopped process left it instead of starting again', () => {
    const { db, path } = staleCorpus(700);
    for (let i = 0; i < 3; i++) rebuildMatchIndexStep(db);
    const built = postings(db, 'match_terms_next').length;
    expect(built).toBeGreaterThan(0);
    db.close();
    const reopened = openDatabase(path);
    try {
      const state = JSON.parse(reopened.prepare("SELECT value FROM meta WHERE key = 'match_index_rebuild'").pluck().get() as string) as { cursor: number };
      expect(state.cursor).toBeGreaterThan(0);
      expect(postings(reopened, 'match_terms_next')).toHaveLength(built);
      rebuildToTheEnd(reopened);
      expect(postings(reopened)).toEqual(expectedPostings(reopened));
    } finally {
      reopened.close();
    }
  });

  it('starts again from the beginning when the matcher version changed during a rebuild', () => {
    const { db } = staleCorpus(450);
    for (let i = 0; i < 3; i++) rebuildMatchIndexStep(db);
    db.prepare("UPDATE meta SET value = json_set(value, '$.version', 'an older matcher') WHERE key = 'match_index_rebuild'").run();
    rebuildToTheEnd(db);
    expect(postings(db)).toEqual(expectedPostings(db));
  });

  it('is not started by a suggestion request, which answers from the index it finds', () => {
    const { db } = staleCorpus(300);
    const articleId = db.prepare('SELECT min(id) FROM articles').pluck().get() as number;
    const source = createAnnotation(db, { articleId, start: 0, end: 30, tag: 'claim' }, 'ana');
    expect(suggestFor(db, source.id)).toEqual([]);
    // It read the empty index: no article was tokenised (no postings), and no rebuild was begun.
    expect(matchIndexCurrent(db)).toBe(false);
    expect(db.prepare("SELECT count(*) FROM meta WHERE key = 'match_index_rebuild'").pluck().get()).toBe(0);
    expect(postings(db)).toEqual([]);
  });

  it('is done by the suggestion refresher in steps within its budget before any suggestion is stored', () => {
    const { db } = staleCorpus(700);
    const articleId = db.prepare('SELECT min(id) FROM articles').pluck().get() as number;
    createAnnotation(db, { articleId, start: 0, end: 30, tag: 'claim' }, 'ana');
    const first = refreshSuggestions(db, { budgetMs: 1 });
    expect(first).toMatchObject({ refreshed: 0, pending: 1, indexing: true });
    let progress = first;
    for (let calls = 0; progress.indexing && calls < 10_000; calls++) progress = refreshSuggestions(db, { budgetMs: 1 });
    expect(matchIndexCurrent(db)).toBe(true);
    while (progress.pending > 0) progress = refreshSuggestions(db);
    expect(progress).toMatchObject({ pending: 0 });
  });

  it('runs to the end in one call for the command line and benchmarks', () => {
    const { db } = staleCorpus(250);
    ensureMatchIndex(db);
    expect(matchIndexCurrent(db)).toBe(true);
    expect(postings(db)).toEqual(expectedPostings(db));
  });

  it('says how far it has got, from none of the articles to all, and nothing once the index is current', () => {
    const { db } = staleCorpus(700);
    expect(matchIndexRebuildProgress(db)).toEqual({ indexed: 0, articles: 700 });
    const seen: number[] = [];
    rebuildToTheEnd(db, () => {
      const progress = matchIndexRebuildProgress(db);
      if (progress) seen.push(progress.indexed);
    });
    // It moves forward only, through articles in between, and ends with no rebuild to report.
    expect(seen.some((n) => n > 0 && n < 700)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(matchIndexRebuildProgress(db)).toBeNull();
    expect(storedQueuePage(db, 10, null).indexing).toBeNull();
  });

  it('is reported on the suggestion queue while it runs, so the app can say why suggestions wait', () => {
    const { db } = staleCorpus(50);
    expect(storedQueuePage(db, 10, null).indexing).toEqual({ indexed: 0, articles: 50 });
  });
});
