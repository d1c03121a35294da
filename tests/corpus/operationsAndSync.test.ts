import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { listConflicts, resolveConflict } from '../../main/corpus/conflicts.ts';
import { openDatabase, type Db } from '../../main/corpus/database.ts';
import { applyOperation, deviceId, lastPulledSeq, pendingOperations, syncStatus } from '../../main/corpus/syncDevice.ts';
import { logicalDump, OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'Kirby said Russia was offering Iran military and technical support. Tehran denied it. Moscow said nothing.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const operations = (db: Db) =>
  db.prepare('SELECT kind, entity, base_version AS baseVersion, analyst, device, origin FROM operations ORDER BY position').all() as Array<
    Record<string, string | null>
  >;

function team() {
  const hub = new OrderingHub();
  const ana = tempCorpus().db;
  const ben = tempCorpus().db;
  const articleId = insertArticle(ana, { text: TEXT, title: 'One', outlet: 'Wire', url: null, published: null, fileName: null }, 'ana').articleId;
  syncDevice(hub, ana, 'ana');
  syncDevice(hub, ben, 'ben');
  return { hub, ana, ben, articleId, anaApi: createHandlers({ db: ana, actor: 'ana' }), benApi: createHandlers({ db: ben, actor: 'ben' }) };
}

describe('the operations outbox', () => {
  it('appends one operation per change, in the change’s transaction, naming the entity’s UUID and the version it was made from', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const { articleId } = insertArticle(db, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
    const a = api['annotations.create']({ articleId, ...at('military'), tag: 'claim' });
    api['annotations.update']({ id: a.id, tag: 'denial' });
    expect(() => api['annotations.update']({ id: a.id, end: 10_000 })).toThrow();
    const ops = operations(db);
    expect(ops.map((o) => o.kind)).toEqual(['article.add', 'annotation.create', 'annotation.update']);
    const uuid = db.prepare('SELECT uuid FROM annotations WHERE id = ?').pluck().get(a.id);
    expect(ops[1]).toMatchObject({ entity: uuid, baseVersion: null, analyst: 'ana', device: deviceId(db), origin: 'local' });
    const first = db.prepare("SELECT id FROM operations WHERE kind = 'annotation.create'").pluck().get();
    expect(ops[2]!.baseVersion).toBe(first);
  });

  it('makes every kind of edit an operation: links, reviews, verdicts, rejections, speakers, article details, undo', () => {
    const { db } = tempCorpus();
    const api = createHandlers({ db, actor: 'ana' });
    const { articleId } = insertArticle(db, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
    const a = api['annotations.create']({ articleId, ...at('military and technical'), tag: 'claim', speaker: 'Kirby' });
    const b = api['annotations.create']({ articleId, ...at('Moscow said nothing'), tag: 'claim', speaker: 'John Kirby' });
    const link = api['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    api['links.review']({ id: link.id, status: 'rejected' });
    api['claimRatings.set']({ annotationId: a.id, ratingValue: 2, alternateName: 'Misleading' });
    api['suggestions.reject']({ annotationId: a.id, articleId, ...at('Tehran denied') });
    const [first, second] = api['speakers.list']({});
    api['speakers.merge']({ intoId: first!.id, fromId: second!.id });
    api['articles.updateMetadata']({ id: articleId, title: 'Renamed' });
    api['history.undo']({});
    expect(new Set(operations(db).map((o) => o.kind))).toEqual(
      new Set([
        'article.add',
        'annotation.create',
        'link.create',
        'link.review',
        'verdict.set',
        'suggestion.reject',
        'speaker.alias',
        'speaker.delete',
        'article.metadata',
      ]),
    );
    expect(operations(db).at(-1)).toMatchObject({ kind: 'article.metadata' }); // the undo, replicated like the edit
  });

  it('writes work done before operations existed as a baseline, ahead of later edits', () => {
    const corpus = tempCorpus();
    const { articleId } = insertArticle(corpus.db, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
    createHandlers({ db: corpus.db, actor: 'ana' })['annotations.create']({ articleId, ...at('military'), tag: 'claim' });
    // As a corpus upgraded from before operations looks: rows, but no operations for them.
    corpus.db.exec('DELETE FROM operations; DELETE FROM entity_versions; UPDATE sync_state SET baseline_done = 0;');
    corpus.db.close();
    const db = openDatabase(corpus.path);
    createHandlers({ db, actor: 'ana' })['annotations.create']({ articleId, ...at('Tehran'), tag: 'denial' });
    expect(pendingOperations(db, 'ana').map((o) => o.kind)).toEqual(['article.add', 'annotation.create', 'annotation.create']);
    db.close();
  });
});

describe('applying other devices’ operations', () => {
  it('brings two devices to the same corpus, article text included', () => {
    const { hub, ana, ben, anaApi, benApi, articleId } = team();
    const a = anaApi['annotations.create']({ articleId, ...at('military and technical'), tag: 'claim', speaker: 'Kirby' });
    const b = anaApi['annotations.create']({ articleId, ...at('Moscow said nothing'), tag: 'claim' });
    const link = anaApi['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    anaApi['claimRatings.set']({ annotationId: a.id, ratingValue: 1, alternateName: 'False' });
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
    // Ben's own review travels back; each reviewer's review is kept, the latest is the link's status.
    const benLink = benApi['links.list']({})[0]!;
    benApi['links.review']({ id: benLink.id, status: 'rejected' });
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
    expect(anaApi['links.list']({})).toEqual([expect.objectContaining({ id: link.id, status: 'rejected', reviewer: 'ben' })]);
    expect(ana.prepare('SELECT count(*) FROM link_reviews').pluck().get()).toBe(2);
  });

  it('applies an operation once: a second delivery changes nothing', () => {
    const { hub, ana, ben, anaApi, articleId } = team();
    anaApi['annotations.create']({ articleId, ...at('military'), tag: 'claim' });
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    const before = logicalDump(ben);
    const again = hub.pull(0);
    for (const op of again) expect(applyOperation(ben, op, { articleText: (s) => hub.texts.get(s) }).outcome).toBe('duplicate');
    expect(logicalDump(ben)).toEqual(before);
    expect(lastPulledSeq(ben)).toBe(hub.log.length);
  });

  it('keeps both values of two analysts’ edits from the same version as one conflict, the same on every device, until someone decides', () => {
    const { hub, ana, ben, anaApi, benApi, articleId } = team();
    const a = anaApi['annotations.create']({ articleId, ...at('military and technical'), tag: 'claim' });
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    const benCopy = benApi['annotations.list']({ articleId })[0]!;
    anaApi['annotations.update']({ id: a.id, tag: 'denial' });
    benApi['annotations.update']({ id: benCopy.id, tag: 'attribution' });
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
    const [conflict] = listConflicts(ana);
    expect(listConflicts(ana)).toHaveLength(1);
    expect(conflict!.sides.map((s) => [s.analyst, (s.value as { tag: string }).tag]).sort()).toEqual([
      ['ana', 'denial'],
      ['ben', 'attribution'],
    ]);
    // The later edit in the hub's order shows meanwhile, on both devices.
    expect(anaApi['annotations.list']({ articleId })[0]!.tag).toBe('attribution');

    resolveConflict(ana, conflict!.id, 'ana', 'ana');
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(benApi['annotations.list']({ articleId })[0]!.tag).toBe('denial');
    expect(listConflicts(ben)).toEqual([]);
    expect(listConflicts(ben, { all: true })[0]).toMatchObject({ status: 'resolved', resolvedBy: 'ana' });
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
  });

  it('agrees everywhere when one analyst deletes an annotation while another links to it', () => {
    const { hub, ana, ben, anaApi, benApi, articleId } = team();
    const a = anaApi['annotations.create']({ articleId, ...at('military and technical'), tag: 'claim' });
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    const [benA] = benApi['annotations.list']({ articleId });
    const b = benApi['annotations.create']({ articleId, ...at('Moscow said nothing'), tag: 'claim' });
    benApi['links.create']({ fromId: b.id, toId: benA!.id, type: 'same-claim' });
    anaApi['annotations.delete']({ id: a.id });
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
    expect(benApi['links.list']({})).toEqual([]);
    expect(syncStatus(ana)).toMatchObject({ pending: 0, openConflicts: 0 });
  });

  it('refuses a malformed or forged operation with a clear error and changes nothing', () => {
    const { ben, hub } = team();
    const before = logicalDump(ben);
    const good = hub.log[0]!;
    expect(() => applyOperation(ben, { ...good, id: 'NOT-A-UUID', seq: 99 })).toThrow(/not a valid operation: id/);
    expect(() => applyOperation(ben, { ...good, kind: 'annotation.create', payload: { article: 'x' }, seq: 99 } as never)).toThrow(
      /not a valid operation: payload/,
    );
    expect(() => applyOperation(ben, { ...good, seq: 0 })).toThrow(/seq/);
    expect(() => applyOperation(ben, { ...good, payload: { ...(good.payload as object), title: 'forged' }, seq: good.seq })).toThrow(
      /already here with different content/,
    );
    expect(logicalDump(ben)).toEqual(before);
  });

  it('replicates an undo like any edit', () => {
    const { hub, ana, ben, anaApi, benApi, articleId } = team();
    anaApi['annotations.create']({ articleId, ...at('military'), tag: 'claim' });
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    anaApi['history.undo']({});
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(benApi['annotations.list']({ articleId })).toEqual([]);
  });
});
