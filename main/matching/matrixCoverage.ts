import type { ClaimMatrix } from '../contract/contract.ts';
import { visibleAnnotationsFilter } from '../corpus/blindAnnotation.ts';
import type { Db } from '../corpus/database.ts';

/**
 * What the matrix needs to tell "not reported" from "not annotated yet", and
 * its labels in full, added to a drawn matrix without changing how it is
 * drawn up:
 * - each source (an outlet) says how many of its current articles carry no
 *   annotation at all: nobody has read them for claims, so a claim missing
 *   there is not yet known to be missing;
 * - each group whose label was shortened carries its earliest variant whole.
 * With `visibleTo`, an article whose only annotations blind annotation hides
 * from that analyst counts as not annotated: to them it is.
 */
export function withCoverage(db: Db, matrix: ClaimMatrix, visibleTo?: string): ClaimMatrix {
  const visible = visibleTo === undefined ? { sql: '1', params: [] } : visibleAnnotationsFilter(db, visibleTo, 'n');
  const outletOf = db.prepare('SELECT outlet FROM articles WHERE id = ?').pluck();
  // Superseded versions are left out: their annotations moved to the newer text.
  const unannotated = db
    .prepare(
      `SELECT count(*) FROM articles a WHERE a.outlet = ?
         AND NOT EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id AND ${visible.sql})
         AND NOT EXISTS (SELECT 1 FROM article_supersessions s WHERE s.old_id = a.id)`,
    )
    .pluck();
  const sources = matrix.sources.map((source) => {
    const outlet = outletOf.get(source.articleId) as string | null | undefined;
    // A source without an outlet is one article, annotated since it reports or disputes a claim.
    return { ...source, unannotatedArticles: outlet == null ? 0 : (unannotated.get(outlet, ...visible.params) as number) };
  });
  return { ...matrix, sources, groups: matrix.groups.map((group) => withWholeLabel(db, matrix, group)) };
}

const ELLIPSIS = '…';

function withWholeLabel(db: Db, matrix: ClaimMatrix, group: ClaimMatrix['groups'][number]): ClaimMatrix['groups'][number] {
  if (!group.label.endsWith(ELLIPSIS)) return group;
  const start = group.label.slice(0, -ELLIPSIS.length);
  const ids = matrix.cells.filter((c) => c.groupId === group.id).flatMap((c) => c.annotationIds);
  if (ids.length === 0) return group;
  const quotes = db
    .prepare('SELECT quote FROM annotations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .pluck()
    .all(JSON.stringify(ids)) as string[];
  const whole = quotes.find((quote) => quote.length > start.length && quote.startsWith(start));
  return whole ? { ...group, wholeLabel: whole } : group;
}
