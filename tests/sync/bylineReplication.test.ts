import { describe, expect, it } from 'vitest';
import { insertArticle } from '../../main/corpus/articles.ts';
import { bylineOf } from '../../main/corpus/bylines.ts';
import { logicalDump, OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'Flooding closed the coastal road on Tuesday, the transport office said.';

describe('an article’s byline', () => {
  it('travels with its import, so every device knows who wrote the article', () => {
    const hub = new OrderingHub();
    const ana = tempCorpus().db;
    const ben = tempCorpus().db;
    const { articleId } = insertArticle(
      ana,
      { text: TEXT, title: 'Road closed', outlet: 'Coast Daily', url: null, published: null, fileName: 'road.html', byline: 'Mara Lind' },
      'ana',
    );
    expect(bylineOf(ana, articleId)).toBe('Mara Lind');
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    const onBen = ben.prepare('SELECT id FROM articles').pluck().get() as number;
    expect(bylineOf(ben, onBen)).toBe('Mara Lind');
    expect(logicalDump(ben)).toEqual(logicalDump(ana));
  });

  it('is left out of the operation when the page names no writer, so such an import travels as before', () => {
    const hub = new OrderingHub();
    const ana = tempCorpus().db;
    insertArticle(ana, { text: TEXT, title: null, outlet: null, url: null, published: null, fileName: null }, 'ana');
    const payload = JSON.parse(ana.prepare("SELECT payload FROM operations WHERE kind = 'article.add'").pluck().get() as string);
    expect(Object.keys(payload)).not.toContain('byline');
    const ben = tempCorpus().db;
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    expect(bylineOf(ben, ben.prepare('SELECT id FROM articles').pluck().get() as number)).toBeNull();
  });
});
