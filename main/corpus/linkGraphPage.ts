import type { Annotation, Link, LinkGraphPage } from '../contract/contract.ts';
import { COLUMNS as ANNOTATION_COLUMNS } from './annotations.ts';
import { articleSummaries } from './articlePages.ts';
import { linksAmong } from './claimGroupRows.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

/**
 * Nodes the graph draws at most: past a few hundred its layout takes longer
 * than a tab may (bench:scale, Graph tab, 1,200 nodes at 1,000 articles) and
 * no one reads it.
 */
export const MAX_GRAPH_NODES = 300;

/**
 * The link graph summarised to its first `limit` linked articles (by id), and
 * fewer when they hold more than MAX_GRAPH_NODES linked annotations: the
 * annotations there that end a link, and the links between them. The graph
 * tab draws this instead of asking for every link and annotation of the
 * corpus; how many articles hold linked annotations is counted, not listed.
 */
export function linkGraphPage(db: Db, limit: number): LinkGraphPage {
  const linked = cachedStatement(
    db,
    `SELECT DISTINCT a.article_id FROM annotations a
     WHERE EXISTS (SELECT 1 FROM links WHERE from_id = a.id) OR EXISTS (SELECT 1 FROM links WHERE to_id = a.id) ORDER BY a.article_id`,
  )
    .pluck()
    .all() as number[];
  const candidates = linked.slice(0, limit);
  const ends = candidates.length
    ? (cachedStatement(
        db,
        `SELECT ${ANNOTATION_COLUMNS} FROM annotations n WHERE n.article_id IN (SELECT value FROM json_each(?))
         AND (EXISTS (SELECT 1 FROM links WHERE from_id = n.id) OR EXISTS (SELECT 1 FROM links WHERE to_id = n.id))
         ORDER BY n.article_id, n.start, n."end", n.id`,
      ).all(JSON.stringify(candidates)) as Annotation[])
    : [];
  // Whole articles, in order, until the nodes reach MAX_GRAPH_NODES (the first article always, however many it holds).
  const shown: number[] = [];
  let nodes = 0;
  for (const articleId of candidates) {
    const here = ends.filter((a) => a.articleId === articleId).length;
    if (shown.length > 0 && nodes + here > MAX_GRAPH_NODES) break;
    shown.push(articleId);
    nodes += here;
  }
  const drawn = new Set(shown);
  const annotations = ends.filter((a) => drawn.has(a.articleId));
  const links: Link[] = linksAmong(
    db,
    annotations.map((a) => a.id),
  );
  return { articles: articleSummaries(db, shown), annotations, links, linkedArticles: linked.length };
}
