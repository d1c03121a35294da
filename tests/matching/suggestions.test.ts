import { describe, expect, it } from 'vitest';
import { createAnnotation, getAnnotation } from '../../main/corpus/annotations.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { createLink, listLinks } from '../../main/corpus/links.ts';
import { suggestFor } from '../../main/matching/suggestions.ts';
import { acceptSuggestion, rejectSuggestion } from '../../main/matching/suggestionDecisions.ts';
import { candidateArticles, ensureMatchIndex, termStatistics } from '../../main/matching/termIndex.ts';
import { tokenize } from '../../main/matching/tokens.ts';
import { wordKey } from '../../main/matching/wordForms.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const QUOTE = 'These fighter planes will significantly strengthen Iran’s air force relative to its regional neighbors';

function corpus(texts: string[]): { db: Db; ids: number[] } {
  const { db } = tempCorpus();
  const ids = texts.map(
    (text, i) => insertArticle(db, { text, title: null, outlet: `Outlet ${i + 1}`, url: null, published: null, fileName: `${i}.txt` }, 'ana').articleId,
  );
  return { db, ids };
}

function annotate(db: Db, articleId: number, quote: string, extra: { speaker?: string; tag?: 'claim' | 'denial' | 'attribution' } = {}) {
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(articleId) as string;
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`not in article ${articleId}: ${quote}`);
  return createAnnotation(db, { articleId, start, end: start + quote.length, tag: extra.tag ?? 'claim', speaker: extra.speaker }, 'ana');
}

const STORY = [
  `Kirby said: "${QUOTE}," he told reporters.`,
  '“These fighter jets will significantly strengthen Iran’s air force compared to its regional neighbors,” Kirby said.',
  'The weather in Tehran was mild on Friday and the markets were calm.',
  '"These fighter planes would significantly strengthen Iran\'s Air Force relative to its regional neighbors," said Kirby.',
];

describe('find this claim elsewhere', () => {
  it('keeps the word index in step with every import', () => {
    const { db, ids } = corpus(STORY);
    const articlesWith = (term: string) => db.prepare('SELECT article_id FROM match_terms WHERE term = ? ORDER BY article_id').pluck().all(term);
    expect(articlesWith('signi')).toEqual([ids[0], ids[1], ids[3]]);
    expect(articlesWith(wordKey('planes'))).toEqual([ids[0], ids[3]]);
    expect(articlesWith(wordKey('jets'))).toEqual([ids[1]]);
    expect(articlesWith('weath')).toEqual([ids[2]]);
  });

  it('retrieves candidate articles from the index: only those sharing the quote’s words', () => {
    const { db, ids } = corpus(STORY);
    const quote = tokenize(QUOTE);
    const found = candidateArticles(
      db,
      quote,
      termStatistics(
        db,
        quote.map((t) => t.key),
      ),
    ).map((c) => c.articleId);
    expect(found.sort()).toEqual([ids[0], ids[1], ids[3]]);
  });

  it('suggests the drifted variants in other articles, best first, with boundaries and explanations', () => {
    const { db, ids } = corpus(STORY);
    const source = annotate(db, ids[0]!, QUOTE);
    const suggestions = suggestFor(db, source.id);
    expect(suggestions.map((s) => [s.articleId, s.quote])).toEqual([
      [ids[3], "These fighter planes would significantly strengthen Iran's Air Force relative to its regional neighbors"],
      [ids[1], 'These fighter jets will significantly strengthen Iran’s air force compared to its regional neighbors'],
    ]);
    expect(suggestions[0]!.score).toBeGreaterThan(suggestions[1]!.score);
    expect(suggestions[1]!.explanation.operations).toContainEqual({ op: 'near', from: 'planes', to: 'jets' });
    expect(suggestions[1]!.explanation.summary).toMatch(/shared words/);
  });

  it('accepting creates the span in the target with the same tag and speaker, and a confirmed link, in one step', () => {
    const { db, ids } = corpus(STORY);
    const source = annotate(db, ids[0]!, QUOTE, { speaker: 'John Kirby' });
    const [top] = suggestFor(db, source.id);
    const { annotation, link } = acceptSuggestion(
      db,
      { annotationId: source.id, articleId: top!.articleId, start: top!.start, end: top!.end, score: top!.score },
      'ana',
    );
    expect(annotation).toMatchObject({ articleId: ids[3], quote: top!.quote, tag: 'claim', speaker: 'John Kirby' });
    expect(link).toMatchObject({
      fromId: source.id,
      toId: annotation.id,
      type: 'same-claim',
      status: 'confirmed',
      method: 'matcher',
      score: top!.score,
      reviewer: 'ana',
    });
    expect(suggestFor(db, source.id).map((s) => s.articleId)).toEqual([ids[1]]);
    expect(listEvents(db, 'suggestion').map((e) => e.action)).toEqual(['suggestion.accept']);
  });

  it('accepting a span that is already annotated links that annotation instead of making a second', () => {
    const { db, ids } = corpus(STORY);
    const source = annotate(db, ids[0]!, QUOTE);
    const existing = annotate(db, ids[1]!, 'These fighter jets will significantly strengthen Iran’s air force compared to its regional neighbors');
    const suggestion = suggestFor(db, source.id).find((s) => s.articleId === ids[1])!;
    expect(suggestion.existingAnnotationId).toBe(existing.id);
    const { annotation } = acceptSuggestion(db, { annotationId: source.id, articleId: ids[1]!, start: existing.start + 6, end: existing.end }, 'ana');
    expect(annotation.id).toBe(existing.id);
    expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(2);
  });

  it('remembers a rejection and does not suggest that span again', () => {
    const { db, ids } = corpus(STORY);
    const source = annotate(db, ids[0]!, QUOTE);
    const jets = suggestFor(db, source.id).find((s) => s.articleId === ids[1])!;
    rejectSuggestion(db, { annotationId: source.id, articleId: jets.articleId, start: jets.start, end: jets.end }, 'ana');
    rejectSuggestion(db, { annotationId: source.id, articleId: jets.articleId, start: jets.start, end: jets.end }, 'ana');
    expect(suggestFor(db, source.id).map((s) => s.articleId)).toEqual([ids[3]]);
    expect(listEvents(db, 'suggestion')).toHaveLength(1);
  });

  it('leaves out spans already linked to the annotation, by hand or through its claim group', () => {
    const { db, ids } = corpus(STORY);
    const source = annotate(db, ids[0]!, QUOTE);
    const jets = annotate(db, ids[1]!, 'These fighter jets will significantly strengthen');
    createLink(db, { fromId: jets.id, toId: source.id, type: 'same-claim' }, 'ana');
    expect(suggestFor(db, source.id).map((s) => s.articleId)).toEqual([ids[3]]);
  });

  it('refuses to accept or reject with an unknown annotation or a span past the article, changing nothing', () => {
    const { db, ids } = corpus(STORY);
    const source = annotate(db, ids[0]!, QUOTE);
    expect(() => acceptSuggestion(db, { annotationId: 999, articleId: ids[1]!, start: 0, end: 5 }, 'ana')).toThrow(/no annotation 999/);
    expect(() => rejectSuggestion(db, { annotationId: source.id, articleId: ids[1]!, start: 0, end: 100_000 }, 'ana')).toThrow(/past the end/);
    expect(() => acceptSuggestion(db, { annotationId: source.id, articleId: ids[0]!, start: source.start, end: source.end }, 'ana')).toThrow(
      /cannot be the annotation/,
    );
    expect(listLinks(db)).toEqual([]);
    expect(() => getAnnotation(db, source.id + 1)).toThrow(/no annotation/);
  });

  it('answers from an index left by another matcher version without rebuilding it, until the rebuild has run', () => {
    const { db, ids } = corpus(STORY);
    const source = annotate(db, ids[0]!, QUOTE);
    db.prepare('DELETE FROM match_terms').run();
    db.prepare("UPDATE meta SET value = 'old' WHERE key = 'match_index_version'").run();
    expect(suggestFor(db, source.id)).toEqual([]);
    ensureMatchIndex(db);
    expect(suggestFor(db, source.id)).toHaveLength(2);
    expect(db.prepare('SELECT count(DISTINCT article_id) FROM match_terms').pluck().get()).toBe(4);
  });
});
