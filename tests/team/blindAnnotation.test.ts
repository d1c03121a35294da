import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/api/handlers.ts';
import { createDownloads } from '../../main/api/downloads.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { logicalDump, OrderingHub, syncDevice } from '../helpers/syncHarness.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'The port authority said ships would dock on Monday. Unions said the strike goes on. The ministry denied talks had failed.';
const OTHER = 'A second report: the strike goes on, the union said, and ships wait offshore.';
const at = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

function team() {
  const hub = new OrderingHub();
  const ana = tempCorpus().db;
  const ben = tempCorpus().db;
  const first = insertArticle(ana, { text: TEXT, title: 'Port', outlet: 'Wire', url: null, published: null, fileName: null }, 'ana').articleId;
  const second = insertArticle(ana, { text: OTHER, title: 'Strike', outlet: 'Daily', url: null, published: null, fileName: null }, 'ana').articleId;
  syncDevice(hub, ana, 'ana');
  syncDevice(hub, ben, 'ben');
  const anaApi = createHandlers({ db: ana, actor: 'ana' });
  const benApi = createHandlers({ db: ben, actor: 'ben' });
  anaApi['project.setOption']({ name: 'blind', enabled: true });
  anaApi['annotations.create']({ articleId: first, ...at(TEXT, 'ships would dock on Monday'), tag: 'claim' });
  benApi['annotations.create']({ articleId: first, ...at(TEXT, 'the strike goes on'), tag: 'claim' });
  benApi['annotations.create']({ articleId: second, ...at(OTHER, 'the strike goes on'), tag: 'claim' });
  const sync = () => {
    syncDevice(hub, ana, 'ana');
    syncDevice(hub, ben, 'ben');
    syncDevice(hub, ana, 'ana');
  };
  sync();
  return { hub, ana, ben, anaApi, benApi, first, second, sync };
}

const authors = (list: Array<{ author: string }>) => list.map((a) => a.author).sort();

async function download(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('blind annotation', () => {
  it('shows an analyst only their own spans on an article they have not marked done', () => {
    const { anaApi, benApi, first } = team();
    expect(benApi['project.options']({}).blind).toBe(true);
    expect(authors(anaApi['annotations.list']({ articleId: first }))).toEqual(['ana']);
    expect(authors(benApi['annotations.list']({ articleId: first }))).toEqual(['ben']);
    expect(authors(anaApi['annotations.list']({}))).toEqual(['ana']);
    expect(anaApi['articles.doneState']({ id: first })).toMatchObject({ done: false, blind: true, hidden: 1, doneBy: [] });
  });

  it('shows everyone’s spans on an article once the analyst marks it done, and only on that article', () => {
    const { anaApi, first, second } = team();
    expect(anaApi['articles.markDone']({ id: first, done: true })).toMatchObject({ done: true, hidden: 0, doneBy: [{ analyst: 'ana' }] });
    expect(authors(anaApi['annotations.list']({ articleId: first }))).toEqual(['ana', 'ben']);
    expect(authors(anaApi['annotations.list']({ articleId: second }))).toEqual([]);
  });

  it('makes marking done an undo step that replicates, and another analyst’s mark does not open the article to anyone else', () => {
    const { ana, ben, anaApi, benApi, first, sync } = team();
    anaApi['articles.markDone']({ id: first, done: true });
    sync();
    expect(benApi['articles.doneState']({ id: first })).toMatchObject({ done: false, doneBy: [{ analyst: 'ana' }], hidden: 1 });
    expect(authors(benApi['annotations.list']({ articleId: first }))).toEqual(['ben']);
    expect(anaApi['history.state']({}).undo).toMatchObject({ action: 'done', articleId: first });
    anaApi['history.undo']({});
    expect(authors(anaApi['annotations.list']({ articleId: first }))).toEqual(['ana']);
    sync();
    expect(benApi['articles.doneState']({ id: first }).doneBy).toEqual([]);
    expect(logicalDump(ana)).toEqual(logicalDump(ben));
  });

  it('shows everything again when the option is turned off', () => {
    const { anaApi, first } = team();
    anaApi['project.setOption']({ name: 'blind', enabled: false });
    expect(authors(anaApi['annotations.list']({ articleId: first }))).toEqual(['ana', 'ben']);
  });

  it('hides a link whose other end is a span the analyst may not see yet', () => {
    const { ana, anaApi, benApi, first, second, sync } = team();
    const [bensFirst] = benApi['annotations.list']({ articleId: first });
    const [bensSecond] = benApi['annotations.list']({ articleId: second });
    benApi['links.create']({ fromId: bensFirst!.id, toId: bensSecond!.id, type: 'same-claim' });
    sync();
    const anaOwn = anaApi['annotations.list']({ articleId: first })[0]!;
    const bensOnAna = ana.prepare('SELECT id FROM annotations WHERE author = ? ORDER BY id').pluck().all('ben') as number[];
    anaApi['links.create']({ fromId: anaOwn.id, toId: bensOnAna[1]!, type: 'same-claim', status: 'suggested' });
    expect(anaApi['links.list']({ annotationId: anaOwn.id, otherEnds: true })).toEqual([]);
    anaApi['articles.markDone']({ id: second, done: true });
    expect(anaApi['links.list']({ annotationId: anaOwn.id, otherEnds: true })).toHaveLength(1);
  });

  it('leaves others’ spans out of the app’s CSV and Web Annotation downloads until the article is done', async () => {
    const { ana, anaApi, first } = team();
    const fetch = async (downloads: ReturnType<typeof createDownloads>, path: string) => {
      const result = downloads(path, new URLSearchParams());
      if (!result.ok) throw new Error(result.error.message);
      return download(result.value.chunks);
    };
    const apps = createDownloads(ana, 'ana');
    // Each row's author, read where it stands: just before the row's creation time.
    const rowsBy = (csv: string) => [...csv.matchAll(/,(ana|ben),\d{4}-\d\d-\d\dT/g)].map((m) => m[1]);
    expect(rowsBy(await fetch(apps, '/export/annotations.csv'))).toEqual(['ana']);
    const jsonld = await fetch(apps, '/export/annotations.jsonld');
    expect(jsonld).toContain('"exact":"ships would dock on Monday"');
    expect(jsonld).not.toContain('"exact":"the strike goes on"');
    // Without an analyst (the command line's export, a curator's tool) nothing is left out.
    expect(rowsBy(await fetch(createDownloads(ana), '/export/annotations.csv')).sort()).toEqual(['ana', 'ben', 'ben']);
    anaApi['articles.markDone']({ id: first, done: true });
    // Only the article she finished opens: Ben's span on the second article stays out.
    expect(rowsBy(await fetch(apps, '/export/annotations.csv')).sort()).toEqual(['ana', 'ben']);
  });
});
