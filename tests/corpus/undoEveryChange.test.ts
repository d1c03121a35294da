import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const ONE = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it.';
const TWO = 'According to Kirby, Russia was offering Iran military and technical support, a claim Tehran rejects.';
const at = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

function workspace() {
  const { db } = tempCorpus();
  const one = insertArticle(db, { text: ONE, title: 'One', outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
  const two = insertArticle(db, { text: TWO, title: 'Two', outlet: null, url: null, published: null, fileName: null }, 'ana').articleId;
  return { db, one, two, ana: createHandlers({ db, actor: 'ana' }), ben: createHandlers({ db, actor: 'ben' }) };
}

describe('undo and redo of every change', () => {
  it('brings a deleted annotation back with its claim group’s verdict and its rejected suggestions', () => {
    const { db, one, two, ana } = workspace();
    const a = ana['annotations.create']({ articleId: one, ...at(ONE, 'military and technical support'), tag: 'claim' });
    const b = ana['annotations.create']({ articleId: two, ...at(TWO, 'military and technical support'), tag: 'claim' });
    const link = ana['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    ana['claimRatings.set']({ annotationId: a.id, ratingValue: 2, alternateName: 'Misleading' });
    ana['suggestions.reject']({ annotationId: a.id, articleId: two, ...at(TWO, 'a claim Tehran rejects') });
    const group = () => ana['review.groups']({}).find((g) => g.rows.some((r) => r.annotation.id === b.id));
    expect(group()?.verdict).toMatchObject({ alternateName: 'Misleading' });

    ana['annotations.delete']({ id: a.id });
    expect(db.prepare('SELECT count(*) FROM suggestion_rejections').pluck().get()).toBe(0);
    ana['history.undo']({});

    expect(ana['annotations.list']({ articleId: one })).toEqual([a]);
    expect(ana['links.list']({})).toEqual([link]);
    expect(group()?.verdict).toMatchObject({ alternateName: 'Misleading', reviewer: 'ana' });
    expect(db.prepare('SELECT annotation_id AS id, reviewer FROM suggestion_rejections').all()).toEqual([{ id: a.id, reviewer: 'ana' }]);
  });

  it('names the rejected span’s article as the place of a rejection, so undoing it shows where the decision was taken', () => {
    const { db, one, two, ana } = workspace();
    const a = ana['annotations.create']({ articleId: one, ...at(ONE, 'military and technical support'), tag: 'claim' });
    ana['suggestions.reject']({ annotationId: a.id, articleId: two, ...at(TWO, 'a claim Tehran rejects') });
    const { applied } = ana['history.undo']({});
    expect(applied).toMatchObject({ action: 'reject', articleId: two, annotationId: null, quote: 'a claim Tehran rejects' });
    expect(db.prepare('SELECT count(*) FROM suggestion_rejections').pluck().get()).toBe(0);
  });

  it('takes back an accepted suggestion in one step, redoes it with the same ids, and never reuses them after a new edit', () => {
    const { db, one, two, ana } = workspace();
    const source = ana['annotations.create']({ articleId: one, ...at(ONE, 'military and technical support'), tag: 'claim' });
    const accepted = ana['suggestions.accept']({ annotationId: source.id, articleId: two, ...at(TWO, 'military and technical support') });
    expect(ana['history.state']({}).undo).toMatchObject({ action: 'accept', annotationId: accepted.annotation.id });

    ana['history.undo']({});
    expect(ana['annotations.list']({ articleId: two })).toEqual([]);
    expect(ana['links.list']({})).toEqual([]);
    ana['history.redo']({});
    expect(ana['annotations.list']({ articleId: two })).toEqual([accepted.annotation]);
    expect(ana['links.list']({})).toEqual([accepted.link]);

    ana['history.undo']({});
    const next = ana['annotations.create']({ articleId: two, ...at(TWO, 'a claim Tehran rejects'), tag: 'denial' });
    expect(next.id).not.toBe(accepted.annotation.id);
    expect(ana['history.state']({}).redo).toBeNull();
    expect(ana['history.redo']({}).applied).toBeNull();
    // The log names the accepted annotation and the new one by different UUIDs.
    const uuids = new Set(
      listEvents(db, 'annotation')
        .filter((e) => e.action === 'annotation.create')
        .map((e) => e.entityUuid),
    );
    expect(uuids.size).toBe(3);
  });

  it('makes rejecting a suggestion an undo step that clears the redo stack', () => {
    const { db, one, two, ana } = workspace();
    const source = ana['annotations.create']({ articleId: one, ...at(ONE, 'military and technical support'), tag: 'claim' });
    ana['annotations.create']({ articleId: one, ...at(ONE, 'Tehran denied it'), tag: 'denial' });
    ana['history.undo']({});
    expect(ana['history.state']({}).redo).not.toBeNull();
    ana['suggestions.reject']({ annotationId: source.id, articleId: two, ...at(TWO, 'military and technical support') });
    expect(ana['history.state']({})).toMatchObject({ undo: { action: 'reject', articleId: two, annotationId: null }, redo: null });
    ana['history.undo']({});
    expect(db.prepare('SELECT count(*) FROM suggestion_rejections').pluck().get()).toBe(0);
  });

  it('refuses to undo an annotation another analyst has since linked, naming them and changing nothing', () => {
    const { one, two, ana, ben } = workspace();
    const a = ana['annotations.create']({ articleId: one, ...at(ONE, 'military and technical support'), tag: 'claim' });
    const b = ben['annotations.create']({ articleId: two, ...at(TWO, 'military and technical support'), tag: 'claim' });
    const link = ben['links.create']({ fromId: b.id, toId: a.id, type: 'same-claim' });
    expect(() => ana['history.undo']({})).toThrow(/ben’s link .* depends on it.*Nothing was changed/);
    expect(ana['annotations.list']({ articleId: one })).toEqual([a]);
    expect(ana['links.list']({})).toEqual([link]);
    expect(ana['history.state']({}).undo).toMatchObject({ action: 'create', annotationId: a.id });
  });

  it('refuses to undo a link another analyst has since reviewed', () => {
    const { one, two, ana, ben } = workspace();
    const a = ana['annotations.create']({ articleId: one, ...at(ONE, 'military and technical support'), tag: 'claim' });
    const b = ana['annotations.create']({ articleId: two, ...at(TWO, 'military and technical support'), tag: 'claim' });
    const link = ana['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    const reviewed = ben['links.review']({ id: link.id, status: 'rejected' });
    expect(() => ana['history.undo']({})).toThrow(/ben’s review .* depends on it/);
    expect(ana['links.list']({})).toEqual([reviewed]);
  });

  it('undoes a link review, a verdict, article details and a speaker merge, each as its own step', () => {
    const { one, two, ana } = workspace();
    const a = ana['annotations.create']({ articleId: one, ...at(ONE, 'military and technical support'), tag: 'claim', speaker: 'Kirby' });
    const b = ana['annotations.create']({ articleId: two, ...at(TWO, 'military and technical support'), tag: 'claim', speaker: 'John Kirby' });
    const link = ana['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    ana['links.review']({ id: link.id, status: 'rejected' });
    ana['history.undo']({});
    expect(ana['links.list']({})).toEqual([link]);

    ana['claimRatings.set']({ annotationId: a.id, ratingValue: 1, alternateName: 'False' });
    ana['history.undo']({});
    expect(ana['review.groups']({}).find((g) => g.rows.some((r) => r.annotation.id === a.id))?.verdict ?? null).toBeNull();

    ana['articles.updateMetadata']({ id: one, title: 'Renamed' });
    expect(ana['history.state']({}).undo).toMatchObject({ action: 'metadata', articleId: one, annotationId: null });
    ana['history.undo']({});
    expect(ana['articles.get']({ id: one }).title).toBe('One');

    const speakers = ana['speakers.list']({});
    const [kirby, john] = [speakers.find((s) => s.name === 'Kirby')!, speakers.find((s) => s.name === 'John Kirby')!];
    ana['speakers.merge']({ intoId: john.id, fromId: kirby.id });
    expect(ana['speakers.list']({})).toHaveLength(1);
    ana['history.undo']({});
    expect(ana['speakers.list']({})).toEqual(speakers);
    ana['history.redo']({});
    expect(ana['speakers.list']({}).map((s) => s.aliases)).toEqual([['John Kirby', 'Kirby']]);
  });
});
