import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { openDatabase } from '../../main/corpus/database.ts';
import { listEvents } from '../../main/corpus/events.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it.';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

function workspace(actor = 'ana') {
  const corpus = tempCorpus();
  const { articleId } = insertArticle(corpus.db, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName: null }, actor);
  return { ...corpus, articleId, api: createHandlers({ db: corpus.db, actor }) };
}

describe('undo and redo of annotation edits', () => {
  it('undoes a create by removing the annotation, and redoes it with the same id', () => {
    const { api, articleId } = workspace();
    const created = api['annotations.create']({ articleId, ...span('military and technical'), tag: 'claim' });
    expect(api['history.undo']({}).applied).toMatchObject({ action: 'create', annotationId: created.id, articleId, quote: 'military and technical' });
    expect(api['annotations.list']({ articleId })).toEqual([]);
    api['history.redo']({});
    expect(api['annotations.list']({ articleId })).toEqual([created]);
  });

  it('undoes a retag, a note edit and a resize back to exactly what was there before', () => {
    const { api, articleId } = workspace();
    const created = api['annotations.create']({ articleId, ...span('military and technical'), tag: 'claim' });
    api['annotations.update']({ id: created.id, tag: 'denial' });
    api['annotations.update']({ id: created.id, note: 'checked' });
    const resized = api['annotations.update']({ id: created.id, end: span('military and technical support').end });
    expect(resized.quote).toBe('military and technical support');
    api['history.undo']({});
    api['history.undo']({});
    api['history.undo']({});
    expect(api['annotations.list']({ articleId })).toEqual([created]);
    api['history.redo']({});
    api['history.redo']({});
    api['history.redo']({});
    expect(api['annotations.list']({ articleId })).toEqual([resized]);
  });

  it('restores a deleted annotation with its id and its links', () => {
    const { api, articleId } = workspace();
    const a = api['annotations.create']({ articleId, ...span('military and technical'), tag: 'claim' });
    const b = api['annotations.create']({ articleId, ...span('Tehran denied it'), tag: 'denial' });
    const link = api['links.create']({ fromId: b.id, toId: a.id, type: 'denies' });
    api['annotations.delete']({ id: a.id });
    expect(api['links.list']({})).toEqual([]);
    api['history.undo']({});
    expect(api['annotations.list']({ articleId })).toEqual([a, b]);
    expect(api['links.list']({})).toEqual([link]);
    api['history.redo']({});
    expect(api['annotations.list']({ articleId })).toEqual([b]);
    expect(api['links.list']({})).toEqual([]);
  });

  it('undoes a link as a step of its own, before the create it followed, and redoes both in order', () => {
    const { api, articleId } = workspace();
    const a = api['annotations.create']({ articleId, ...span('military and technical'), tag: 'claim' });
    const b = api['annotations.create']({ articleId, ...span('Tehran denied it'), tag: 'denial' });
    const link = api['links.create']({ fromId: b.id, toId: a.id, type: 'denies' });
    expect(api['history.undo']({}).applied).toMatchObject({ action: 'link', annotationId: b.id });
    expect(api['links.list']({})).toEqual([]);
    expect(api['history.undo']({}).applied).toMatchObject({ action: 'create', annotationId: b.id });
    expect(api['annotations.list']({ articleId })).toEqual([a]);
    api['history.redo']({});
    api['history.redo']({});
    expect(api['links.list']({})).toEqual([link]);
  });

  it('discards what could be redone once a new edit is made', () => {
    const { api, articleId } = workspace();
    api['annotations.create']({ articleId, ...span('military'), tag: 'claim' });
    api['history.undo']({});
    expect(api['history.state']({}).redo).not.toBeNull();
    api['annotations.create']({ articleId, ...span('Tehran'), tag: 'attribution' });
    expect(api['history.state']({}).redo).toBeNull();
    expect(api['history.redo']({}).applied).toBeNull();
  });

  it('reports nothing to undo on a fresh corpus and changes nothing', () => {
    const { api, db } = workspace();
    expect(api['history.state']({})).toEqual({ undo: null, redo: null });
    expect(api['history.undo']({})).toEqual({ applied: null, state: { undo: null, redo: null } });
    expect(listEvents(db).filter((e) => e.action.startsWith('annotation.'))).toEqual([]);
  });

  it('keeps each analyst’s history apart', () => {
    const { api, db, articleId } = workspace('ana');
    api['annotations.create']({ articleId, ...span('military'), tag: 'claim' });
    const ben = createHandlers({ db, actor: 'ben' });
    expect(ben['history.undo']({}).applied).toBeNull();
    expect(api['annotations.list']({ articleId })).toHaveLength(1);
  });

  it('refuses to undo over a change made by someone else, changing nothing', () => {
    const { api, db, articleId } = workspace('ana');
    const created = api['annotations.create']({ articleId, ...span('military'), tag: 'claim' });
    const changed = createHandlers({ db, actor: 'ben' })['annotations.update']({ id: created.id, note: 'ben was here' });
    expect(() => api['history.undo']({})).toThrow(/has changed since this step/);
    expect(api['annotations.list']({ articleId })).toEqual([changed]);
    expect(api['history.state']({}).undo).toMatchObject({ annotationId: created.id });
  });

  it('survives closing and reopening the corpus, and logs every replay', () => {
    const { api, db, path, articleId } = workspace();
    const created = api['annotations.create']({ articleId, ...span('military'), tag: 'claim' });
    api['annotations.delete']({ id: created.id });
    db.close();
    const reopened = openDatabase(path);
    const again = createHandlers({ db: reopened, actor: 'ana' });
    expect(again['history.state']({}).undo).toMatchObject({ action: 'delete', annotationId: created.id });
    again['history.undo']({});
    expect(again['annotations.list']({ articleId })).toEqual([created]);
    expect(listEvents(reopened, 'annotation', created.id).map((e) => e.action)).toEqual(['annotation.create', 'annotation.delete', 'annotation.undo']);
    reopened.close();
  });
});
