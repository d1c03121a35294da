import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../main/api/dispatch.ts';
import { createHandlers } from '../../main/api/handlers.ts';
import { deleteArticle } from '../../main/corpus/articleDeletion.ts';
import { createAnnotationStep, historyState } from '../../main/corpus/history.ts';
import { createLink } from '../../main/corpus/links.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { verifyCorpus } from '../../main/corpus/integrity.ts';
import { searchArticles } from '../../main/corpus/search.ts';
import { importContent } from '../../main/ingest/importFiles.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const count = (db: ReturnType<typeof tempCorpus>['db'], sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params);

function twoArticles() {
  const { db } = tempCorpus();
  const first = importContent(db, 'a.txt', new TextEncoder().encode('Officials said the floodgates opened at dawn near the harbour.\n'), 'ana').articleId!;
  const second = importContent(db, 'b.txt', new TextEncoder().encode('Residents said the floodgates opened at dawn, the council added.\n'), 'ana').articleId!;
  const a = createAnnotationStep(db, { articleId: first, start: 14, end: 39, tag: 'claim' }, 'ana');
  const b = createAnnotationStep(db, { articleId: second, start: 14, end: 39, tag: 'claim' }, 'ana');
  const link = createLink(db, { fromId: a.id, toId: b.id, type: 'same-claim', status: 'confirmed' }, 'ana');
  return { db, first, second, a, b, link };
}

describe('deleting an article', () => {
  it('removes the article with its annotations, links, captured source and word index, and leaves the other article whole', () => {
    const { db, first, second, b } = twoArticles();
    expect(deleteArticle(db, first, 'ana')).toEqual({ id: first, annotations: 1, links: 1 });
    expect(count(db, 'SELECT count(*) FROM articles WHERE id = ?', first)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM annotations WHERE article_id = ?', first)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM links')).toBe(0);
    expect(count(db, 'SELECT count(*) FROM article_sources WHERE article_id = ?', first)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM match_terms WHERE article_id = ?', first)).toBe(0);
    expect(count(db, 'SELECT count(*) FROM match_terms WHERE article_id = ?', second)).toBeGreaterThan(0);
    expect(count(db, 'SELECT count(*) FROM annotations WHERE id = ?', b.id)).toBe(1);
    expect(searchArticles(db, 'harbour').articles).toEqual([]);
  });

  it('records what was removed in the log, which still verifies', () => {
    const { db, first, a, link } = twoArticles();
    const uuidOf = (table: string, id: number) => db.prepare(`SELECT uuid FROM ${table} WHERE id = ?`).pluck().get(id);
    const removed = { annotations: [uuidOf('annotations', a.id)], links: [uuidOf('links', link.id)] };
    const sha256 = db.prepare('SELECT sha256 FROM articles WHERE id = ?').pluck().get(first);
    deleteArticle(db, first, 'ana');
    const event = listEvents(db, 'article', first).find((e) => e.action === 'article.delete');
    expect(event?.data).toMatchObject({ fileName: 'a.txt', sha256, ...removed });
    expect(verifyCorpus(db, { full: true }).ok).toBe(true);
  });

  it("discards the undo steps of the article's annotations, so undo never replays onto a missing article", () => {
    const { db, first, second } = twoArticles();
    deleteArticle(db, second, 'ana');
    expect(historyState(db, 'ana').undo).toMatchObject({ articleId: first });
  });

  it('answers not_found for an article that does not exist, through the contract, changing nothing', () => {
    const { db } = twoArticles();
    const events = count(db, 'SELECT count(*) FROM events');
    const dispatch = createDispatch(createHandlers({ db, actor: 'ana' }), () => {});
    expect(dispatch('articles.delete', { id: 99 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(count(db, 'SELECT count(*) FROM events')).toBe(events);
  });
});
