import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../main/contract/contract.ts';
import { createAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { markSuperseded } from '../../main/corpus/articleVersions.ts';
import type { Db } from '../../main/corpus/database.ts';
import { deleteAnnotationStep, undo, updateAnnotationStep } from '../../main/corpus/history.ts';
import { createLink } from '../../main/corpus/links.ts';
import { addSpeakerAlias, speakerOf } from '../../main/corpus/speakers.ts';
import { annotationHorizon, currentEpoch, queuePage, sourcesToRefresh, storeRefreshResults } from '../../main/corpus/suggestionStore.ts';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { matcherFingerprint } from '../../main/matching/matcherFingerprint.ts';
import { storedQueue, storedQueuePage } from '../../main/matching/storedQueue.ts';
import { acceptSuggestion, rejectSuggestion } from '../../main/matching/suggestionDecisions.ts';
import { refreshSuggestions } from '../../main/matching/suggestionRefresh.ts';
import { suggestAll, suggestFor } from '../../main/matching/suggestions.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

/** Invented reports of one event; the matcher has never seen these names. */
const REPORTS = [
  'Harbour chief Mirela Osei said the northern ferry line would stay suspended for at least two weeks after the storm.',
  'The northern ferry line will stay suspended for at least two weeks after the storm, Mirela Osei told reporters.',
  'Officials said the northern ferry line would stay suspended for at least two weeks after the storm.',
  'A spokesman said the northern ferry line would stay suspended for at least two weeks after the storm damage.',
];
const CLAIM = 'the northern ferry line would stay suspended for at least two weeks after the storm';

function corpus(texts: string[]): { db: Db; ids: number[] } {
  const { db } = tempCorpus();
  const ids = texts.map((text, i) => addArticle(db, text, i));
  return { db, ids };
}

function addArticle(db: Db, text: string, i: number): number {
  return insertArticle(db, { text, title: `Report ${i + 1}`, outlet: `Outlet ${i + 1}`, url: null, published: null, fileName: `${i}.txt` }, 'ana').articleId;
}

function annotate(db: Db, articleId: number, quote: string, speaker?: string) {
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(articleId) as string;
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in article ${articleId}: ${quote}`);
  return createAnnotation(db, { articleId, start, end: start + quote.length, tag: 'claim', speaker }, 'ana');
}

const page = (db: Db, limit = 200) => storedQueuePage(db, limit, null);
const spans = (suggestions: Suggestion[]) => suggestions.map((s) => `${s.sourceId}:${s.articleId}:${s.start}-${s.end}`);

describe('the stored suggestion queue', () => {
  it('hides a new annotation’s suggestions until the matcher has run for it, then shows exactly what the matcher finds', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM);
    expect(page(db)).toMatchObject({ items: [], pending: 1, next: null });
    expect(refreshSuggestions(db)).toMatchObject({ refreshed: 1, pending: 0, refreshing: 0 });
    const shown = page(db);
    expect(shown.pending).toBe(0);
    expect(shown.items.length).toBeGreaterThan(0);
    expect(spans(shown.items).sort()).toEqual(spans(suggestFor(db, source.id)).sort());
  });

  it('reads pages in one stable order that covers every row once, best score first', () => {
    const { db, ids } = corpus(REPORTS);
    annotate(db, ids[0]!, CLAIM);
    annotate(db, ids[2]!, 'the northern ferry line would stay suspended for at least two weeks after the storm');
    refreshSuggestions(db);
    const all = page(db).items;
    expect(all.length).toBeGreaterThan(2);
    const walked: Suggestion[] = [];
    let after = null;
    for (let pages = 0; pages < 50; pages++) {
      const next = storedQueuePage(db, 1, after);
      walked.push(...next.items);
      if (!next.next) break;
      after = next.next;
    }
    expect(spans(walked)).toEqual(spans(all));
    expect(all.map((s) => s.score)).toEqual([...all.map((s) => s.score)].sort((a, b) => b - a));
  });

  it('hides an annotation’s rows the moment its span is edited, and after an undo of that edit too', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM);
    refreshSuggestions(db);
    expect(page(db).items.length).toBeGreaterThan(0);
    updateAnnotationStep(db, { id: source.id, start: source.start + 4 }, 'ana');
    expect(page(db)).toMatchObject({ items: [], pending: 1 });
    refreshSuggestions(db);
    expect(page(db).items.length).toBeGreaterThan(0);
    undo(db, 'ana');
    expect(page(db)).toMatchObject({ items: [], pending: 1 });
  });

  it('drops a deleted annotation’s suggestions and names no deleted annotation as existing', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM);
    const other = annotate(db, ids[2]!, CLAIM);
    refreshSuggestions(db);
    expect(page(db).items.some((s) => s.existingAnnotationId === other.id)).toBe(true);
    deleteAnnotationStep(db, other.id, 'ana');
    const after = page(db);
    expect(after.items.some((s) => s.sourceId === other.id || s.existingAnnotationId === other.id)).toBe(false);
    expect(after.pending).toBe(1);
    refreshSuggestions(db);
    expect(spans(page(db).items).sort()).toEqual(spans(suggestFor(db, source.id)).sort());
  });

  it('no longer shows an accepted suggestion, for the source or for anyone in its claim group', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM);
    const member = annotate(db, ids[1]!, 'The northern ferry line will stay suspended for at least two weeks after the storm');
    createLink(db, { fromId: member.id, toId: source.id, type: 'same-claim', status: 'confirmed' }, 'ana');
    refreshSuggestions(db);
    const officials = page(db).items.find((s) => s.sourceId === member.id && s.articleId === ids[2])!;
    expect(officials).toBeDefined();
    acceptSuggestion(db, { annotationId: member.id, articleId: officials.articleId, start: officials.start, end: officials.end }, 'ana');
    const hidden = page(db);
    expect(hidden.items.filter((s) => s.sourceId === source.id || s.sourceId === member.id)).toEqual([]);
    refreshSuggestions(db);
    expect(page(db).items.some((s) => s.articleId === ids[2] && s.start < officials.end && s.end > officials.start)).toBe(false);
  });

  it('holds a rejection for the whole claim group at once: the other member’s rows are hidden until recomputed without it', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM);
    const member = annotate(db, ids[1]!, 'The northern ferry line will stay suspended for at least two weeks after the storm');
    createLink(db, { fromId: member.id, toId: source.id, type: 'same-claim', status: 'confirmed' }, 'ana');
    refreshSuggestions(db);
    const officials = page(db).items.find((s) => s.sourceId === member.id && s.articleId === ids[2])!;
    rejectSuggestion(db, { annotationId: member.id, articleId: officials.articleId, start: officials.start, end: officials.end }, 'ana');
    expect(page(db).items.filter((s) => s.sourceId === source.id)).toEqual([]);
    refreshSuggestions(db);
    expect(page(db).items.some((s) => s.articleId === ids[2])).toBe(false);
  });

  it('keeps showing true rows while a newly imported article is looked at, then adds its match', () => {
    const { db, ids } = corpus(REPORTS.slice(0, 2));
    annotate(db, ids[0]!, CLAIM);
    refreshSuggestions(db);
    const before = page(db);
    const added = addArticle(db, REPORTS[2]!, 2);
    const during = page(db);
    expect(during).toMatchObject({ pending: 0, refreshing: 1 });
    expect(spans(during.items)).toEqual(spans(before.items));
    refreshSuggestions(db);
    const after = page(db);
    expect(after.refreshing).toBe(0);
    expect(after.items.some((s) => s.articleId === added)).toBe(true);
  });

  it('drops rows in a superseded article at once', () => {
    const { db, ids } = corpus(REPORTS);
    annotate(db, ids[0]!, CLAIM);
    refreshSuggestions(db);
    expect(page(db).items.some((s) => s.articleId === ids[2])).toBe(true);
    const newer = addArticle(db, 'Officials said the ferries were running again on Friday.', 9);
    markSuperseded(db, ids[2]!, newer, new Date().toISOString(), 'tester');
    expect(page(db).items.some((s) => s.articleId === ids[2])).toBe(false);
  });

  it('hides rows found by another matcher, and recomputes them', () => {
    const { db, ids } = corpus(REPORTS);
    annotate(db, ids[0]!, CLAIM);
    refreshSuggestions(db);
    db.prepare("UPDATE suggestion_sources SET matcher = 'an older matcher'").run();
    expect(page(db)).toMatchObject({ items: [], pending: 1 });
    expect(queuePage(db, { matcher: 'an older matcher', limit: 10 }).items.length).toBeGreaterThan(0);
    refreshSuggestions(db);
    expect(page(db).items.length).toBeGreaterThan(0);
    expect(db.prepare('SELECT DISTINCT matcher FROM suggestion_sources').pluck().all()).toEqual([matcherFingerprint()]);
  });

  it('throws away a result computed before its annotation changed', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM);
    const [listed] = sourcesToRefresh(db, matcherFingerprint(), 1);
    const computed = {
      ...listed!,
      epoch: currentEpoch(db),
      annotationHorizon: annotationHorizon(db),
      suggestions: suggestFor(db, source.id),
    };
    updateAnnotationStep(db, { id: source.id, speaker: 'Mirela Osei' }, 'ana');
    expect(storeRefreshResults(db, matcherFingerprint(), [computed])).toEqual([]);
    expect(page(db)).toMatchObject({ items: [], pending: 1 });
  });

  it('throws away a result when an annotation appeared on one of its spans meanwhile', () => {
    const { db, ids } = corpus(REPORTS);
    const source = annotate(db, ids[0]!, CLAIM);
    const [listed] = sourcesToRefresh(db, matcherFingerprint(), 1);
    const computed = { ...listed!, epoch: currentEpoch(db), annotationHorizon: annotationHorizon(db), suggestions: suggestFor(db, source.id) };
    const target = computed.suggestions.find((s) => s.articleId === ids[3])!;
    createAnnotation(db, { articleId: target.articleId, start: target.start, end: target.end, tag: 'claim' }, 'ana');
    expect(storeRefreshResults(db, matcherFingerprint(), [computed])).toEqual([]);
  });

  it('hides the rows of an annotation whose speaker gains an alias', () => {
    const { db, ids } = corpus(REPORTS);
    annotate(db, ids[0]!, CLAIM, 'Mirela Osei');
    refreshSuggestions(db);
    expect(page(db).pending).toBe(0);
    addSpeakerAlias(db, speakerOf(db, 'Mirela Osei')!.id, 'M. Osei', 'ana');
    expect(page(db)).toMatchObject({ items: [], pending: 1 });
  });

  it('stops at its time budget and leaves the rest waiting', () => {
    const { db, ids } = corpus(REPORTS);
    for (const id of ids) annotate(db, id, id === ids[1] ? 'The northern ferry line will stay suspended' : 'the northern ferry line would stay suspended');
    const first = refreshSuggestions(db, { budgetMs: 1 });
    expect(first.refreshed).toBeGreaterThanOrEqual(1);
    expect(first.refreshed).toBeLessThan(4);
    expect(first.pending).toBe(4 - first.refreshed);
    expect(refreshSuggestions(db)).toMatchObject({ refreshed: 4 - first.refreshed, pending: 0 });
  });

  it('answers the batch form (`suggest --all`) with what the matcher finds for every annotation', () => {
    const { db, ids } = corpus(REPORTS);
    annotate(db, ids[0]!, CLAIM);
    annotate(db, ids[1]!, 'The northern ferry line will stay suspended for at least two weeks after the storm');
    expect(spans(storedQueue(db, 5))).toEqual(spans(suggestAll(db, { limit: 5 })));
  });

  it('refuses a page request without a limit or with a malformed cursor, through the contract', () => {
    const { db } = corpus(REPORTS);
    const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }));
    expect(dispatch('suggestions.page', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dispatch('suggestions.page', { limit: 10, after: { score: 2, sourceId: 1, rank: 0 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(dispatch('suggestions.page', { limit: 10 })).toMatchObject({ ok: true, value: { items: [], next: null, pending: 0 } });
    expect(dispatch('suggestions.refresh', { budgetMs: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
