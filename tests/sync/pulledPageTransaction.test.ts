import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { applyPulledOperations, lastPulledSeq, type SequencedOperation } from '../../main/corpus/syncDevice.ts';
import { logicalDump, OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'The minister said the bridge was finished in May. The contractor denied it. Residents said nothing.';
const at = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

describe('applying a pulled page', () => {
  it('applies a page in one write and, when an operation fails, keeps everything before it with the cursor just after it', () => {
    const hub = new OrderingHub();
    const ana = tempCorpus().db;
    const ben = tempCorpus().db;
    const articleId = insertArticle(ana, { text: TEXT, title: 'Bridge', outlet: 'Wire', url: null, published: null, fileName: null }, 'ana').articleId;
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    const api = createHandlers({ db: ana, actor: 'ana' });
    api['annotations.create']({ articleId, ...at('the bridge was finished'), tag: 'claim' });
    api['annotations.create']({ articleId, ...at('denied it'), tag: 'denial' });
    syncDevice(hub, ana, 'ana', { pull: false });
    const page = hub.pull(lastPulledSeq(ben));
    expect(page).toHaveLength(2);
    // A third operation naming an article this corpus lacks cannot be applied.
    const broken: SequencedOperation = {
      ...page[1]!,
      id: '00000000-0000-4000-8000-000000000001',
      seq: page[1]!.seq + 1,
      payload: { ...(page[1]!.payload as object), article: 'f'.repeat(64) },
    };
    expect(() => applyPulledOperations(ben, [...page, broken], { articleText: (s) => hub.texts.get(s) })).toThrow(/not in this corpus/);
    expect(ben.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(2);
    expect(lastPulledSeq(ben)).toBe(page[1]!.seq);
    expect(ben.prepare('SELECT count(*) FROM operations WHERE id = ?').pluck().get(broken.id)).toBe(0);
    // The rest of the log still applies afterwards, and both devices agree.
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
  });

  it('leaves a link row untouched when deriving its value again changes nothing, so its claim group is not walked again', () => {
    const { db } = tempCorpus();
    const articleId = insertArticle(db, { text: TEXT, title: 'Bridge', outlet: 'Wire', url: null, published: null, fileName: null }, 'ana').articleId;
    const ana = createHandlers({ db, actor: 'ana' });
    const ben = createHandlers({ db, actor: 'ben' });
    const a = ana['annotations.create']({ articleId, ...at('the bridge was finished'), tag: 'claim' });
    const b = ana['annotations.create']({ articleId, ...at('Residents said nothing'), tag: 'claim' });
    const link = ana['links.create']({ fromId: a.id, toId: b.id, type: 'same-claim' });
    ben['links.review']({ id: link.id, status: 'confirmed' });
    db.exec(
      'CREATE TEMP TABLE link_writes (n INTEGER); CREATE TEMP TRIGGER count_link_writes AFTER UPDATE ON main.links BEGIN INSERT INTO link_writes VALUES (1); END',
    );
    // Four-eyes review re-derives every link; Ben's confirmation of Ana's link still counts, so nothing changes.
    ana['project.setOption']({ name: 'four-eyes', enabled: true });
    expect(db.prepare('SELECT count(*) FROM link_writes').pluck().get()).toBe(0);
    expect(ana['links.list']({})).toEqual([expect.objectContaining({ id: link.id, status: 'confirmed', reviewer: 'ben' })]);
    // A change that does move the value is still written.
    ana['project.setOption']({ name: 'four-eyes', enabled: false });
    ana['links.review']({ id: link.id, status: 'rejected' });
    expect(db.prepare('SELECT count(*) FROM link_writes').pluck().get()).toBe(1);
  });
});
