import { createHandlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import { tempCorpus } from '../helpers/tempCorpus.ts';

const TEXT = 'The port authority said ships would dock on Monday. Unions said the strike goes on. The ministry denied talks had failed.';
const OTHER = 'A second report: the strike goes on, the union said, and ships wait offshore.';
const at = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });

/**
 * Two analysts on one corpus with blind annotation on. Ana tags a span on the
 * first article and "the strike goes on" on the second; Ben tags "the strike
 * goes on" on the first and links his span to Ana's second one as the same
 * claim (confirmed), which makes a claim group of the two. Without that link
 * (`link: false`) the matcher suggests each "strike" span for the other.
 */
export function desk(options: { link?: boolean } = {}) {
  const { db } = tempCorpus();
  const first = insertArticle(db, { text: TEXT, title: 'Port', outlet: 'Wire', url: null, published: '2026-03-01', fileName: null }, 'ana').articleId;
  const second = insertArticle(db, { text: OTHER, title: 'Strike', outlet: 'Daily', url: null, published: '2026-03-02', fileName: null }, 'ana').articleId;
  const anaApi = createHandlers({ db, actor: 'ana' });
  const benApi = createHandlers({ db, actor: 'ben' });
  anaApi['project.setOption']({ name: 'blind', enabled: true });
  const anaFirst = anaApi['annotations.create']({ articleId: first, ...at(TEXT, 'ships would dock on Monday'), tag: 'claim' });
  const anaSecond = anaApi['annotations.create']({ articleId: second, ...at(OTHER, 'the strike goes on'), tag: 'claim' });
  const benFirst = benApi['annotations.create']({ articleId: first, ...at(TEXT, 'the strike goes on'), tag: 'claim' });
  anaApi['links.create']({ fromId: anaFirst.id, toId: anaSecond.id, type: 'cites', status: 'suggested' });
  if (options.link !== false) benApi['links.create']({ fromId: benFirst.id, toId: anaSecond.id, type: 'same-claim', status: 'confirmed' });
  return { db, anaApi, benApi, first, second, anaFirst, anaSecond, benFirst };
}
