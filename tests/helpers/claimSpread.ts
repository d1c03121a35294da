import type { Handlers } from '../../main/api/handlers.ts';
import { insertArticle } from '../../main/corpus/articles.ts';
import type { Db } from '../../main/corpus/database.ts';
import { reportProse } from '../provenance/reportText.ts';

export const SPREAD_CLAIM = 'the dam upstream had cracked during the night';

/**
 * One claim reported by five outlets: a wire story and two reprints of it,
 * an independent report, and one that names the independent outlet as its
 * source. Made-up prose, linked into one claim group: two independent origins
 * besides the copies. For the pictures of the timeline (end-to-end tests and the README's).
 */
export function spreadClaim(db: Db, handlers: Handlers) {
  const withClaim = (seed: number, sentences: number) => `${reportProse(seed, 2)}\n\nOfficials said ${SPREAD_CLAIM}.\n\n${reportProse(seed + 1, sentences)}`;
  const report = (text: string, outlet: string, published: string | null) => {
    const { articleId } = insertArticle(
      db,
      { text, title: `${outlet}: dam scare`, outlet, url: `https://${outlet.toLowerCase().replace(/\W+/g, '')}.example/dam`, published, fileName: null },
      'e2e',
    );
    const start = text.indexOf(SPREAD_CLAIM);
    return { articleId, annotation: handlers['annotations.create']({ articleId, start, end: start + SPREAD_CLAIM.length, tag: 'claim' }) };
  };
  const wireText = withClaim(100, 12);
  const wire = report(wireText, 'Wire Service', '2023-03-01');
  const reprints = [
    report(`Dam scare\n\n${wireText}`, 'Daily One', '2023-03-02'),
    report(`${wireText}\n\n${reportProse(300, 2)}`, 'Evening Two', '2023-03-03'),
  ];
  const independent = report(withClaim(400, 10), 'Valley Radio', '2023-03-01');
  const citingText = `${withClaim(600, 8)}\n\nThe account was first published, reports Valley Radio, late on Tuesday.`;
  const citing = report(citingText, 'Local Post', '2023-03-04');
  const at = citingText.indexOf('reports Valley Radio');
  handlers['annotations.create']({ articleId: citing.articleId, start: at, end: at + 'reports Valley Radio'.length, tag: 'attribution' });
  for (const other of [...reprints, independent, citing])
    handlers['links.create']({ fromId: wire.annotation.id, toId: other.annotation.id, type: 'same-claim', status: 'confirmed' });
  return { wire, reprints, independent, citing };
}
