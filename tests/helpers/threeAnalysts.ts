import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { OrderingHub, syncDevice } from './syncHarness.ts';
import { tempCorpus } from './tempCorpus.ts';

/**
 * Ana, Ben and Cleo, each on a laptop of their own, syncing through one hub:
 * one article of `text`, imported by Ana and synced to all three. `sync()`
 * runs a round in which every device both sends and receives.
 */
export function threeAnalysts(text: string, title: string) {
  const hub = new OrderingHub();
  const [ana, ben, cleo] = [tempCorpus().db, tempCorpus().db, tempCorpus().db];
  const articleId = insertArticle(ana, { text, title, outlet: 'Wire', url: null, published: null, fileName: null }, 'ana').articleId;
  const sync = () => {
    for (const [db, who] of [
      [ana, 'ana'],
      [ben, 'ben'],
      [cleo, 'cleo'],
      [ana, 'ana'],
      [ben, 'ben'],
    ] as const)
      syncDevice(hub, db, who);
  };
  sync();
  return {
    hub,
    ana,
    ben,
    cleo,
    anaApi: createHandlers({ db: ana, actor: 'ana' }),
    benApi: createHandlers({ db: ben, actor: 'ben' }),
    cleoApi: createHandlers({ db: cleo, actor: 'cleo' }),
    articleId,
    sync,
    /** The offsets of `quote`'s first occurrence in the article. */
    at: (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length }),
  };
}
