import { describe, expect, it } from 'vitest';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { createLink } from '../../main/corpus/links.ts';
import { waiting } from '../../main/corpus/suggestionStore.ts';
import { claimMatrix } from '../../main/matching/claimGroupTable.ts';
import { matcherFingerprint } from '../../main/matching/matcherFingerprint.ts';
import { refreshSuggestions } from '../../main/matching/suggestionRefresh.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Invented reports of one event; the matcher has never seen these names. */
const REPORTS = [
  'Harbour chief Mirela Osei said the northern ferry line would stay suspended for at least two weeks after the storm.',
  'The northern ferry line will stay suspended for at least two weeks after the storm, Mirela Osei told reporters.',
  'Officials said the northern ferry line would stay suspended for at least two weeks after the storm. Bakeries reopened on Tuesday.',
  'A spokesman said the northern ferry line would stay suspended for at least two weeks after the storm damage. Most bakeries reopened on Tuesday.',
];

function annotate(db: Db, articleId: number, quote: string) {
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(articleId) as string;
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in article ${articleId}: ${quote}`);
  return createAnnotation(db, { articleId, start, end: start + quote.length, tag: 'claim' }, 'ana');
}

/** Two groups: the ferry claim in the first two outlets, the bakeries in the last two, where the ferry claim waits unlinked. */
function story() {
  const { db } = tempCorpus();
  const ids = REPORTS.map(
    (text, i) =>
      insertArticle(db, { text, title: `Report ${i + 1}`, outlet: `Outlet ${i + 1}`, url: null, published: `2026-01-0${i + 1}`, fileName: null }, 'ana')
        .articleId,
  );
  const ferry = annotate(db, ids[0]!, 'the northern ferry line would stay suspended for at least two weeks after the storm');
  const ferryAgain = annotate(db, ids[1]!, 'The northern ferry line will stay suspended for at least two weeks after the storm');
  createLink(db, { fromId: ferry.id, toId: ferryAgain.id, type: 'same-claim' }, 'ana');
  const bakeries = annotate(db, ids[2]!, 'Bakeries reopened on Tuesday');
  const bakeriesAgain = annotate(db, ids[3]!, 'Most bakeries reopened on Tuesday');
  createLink(db, { fromId: bakeries.id, toId: bakeriesAgain.id, type: 'same-claim' }, 'ana');
  return { db, ids, ferry };
}

describe('the matrix and stored suggestions', () => {
  it('never runs the matcher: before the refresher has looked, it shows no suggestion and the annotations still wait', () => {
    const { db } = story();
    const before = waiting(db, matcherFingerprint());
    const matrix = claimMatrix(db);
    expect(matrix.suggestions).toEqual([]);
    expect(waiting(db, matcherFingerprint())).toEqual(before);
    expect(before.pending).toBeGreaterThan(0);
  });

  it('carries the best stored suggestion of each group in each source it shows, once the refresher has stored them', () => {
    const { db, ids, ferry } = story();
    refreshSuggestions(db);
    const matrix = claimMatrix(db);
    const ferryGroup = matrix.groups.find((g) => g.label.includes('ferry'))!;
    expect(ferryGroup.id).toBe(ferry.id);
    const inSources = (matrix.suggestions ?? []).filter((s) => s.sourceId === ferry.id || s.sourceId === ferry.id + 1).map((s) => s.articleId);
    // The ferry claim is unlinked in the bakeries' outlets: one suggestion for each, none in its own reports.
    expect(inSources.sort()).toEqual([ids[2], ids[3]]);
    const seen = (matrix.suggestions ?? []).map((s) => `${s.sourceId <= ferry.id + 1 ? 'ferry' : 'bakeries'}:${s.articleId}`);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('leaves out suggestions in articles outside the page’s sources', () => {
    const { db, ferry } = story();
    refreshSuggestions(db);
    const page = claimMatrix(db, { offset: 0, limit: 1 });
    expect(page.groups.map((g) => g.id)).toEqual([ferry.id]);
    // Only the ferry group's own two outlets are columns, and it is linked in both.
    expect(page.suggestions).toEqual([]);
  });
});
