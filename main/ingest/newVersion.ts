import { markSuperseded } from '../corpus/articleVersions.ts';
import type { Db } from '../corpus/database.ts';
import { recordEvent } from '../corpus/events.ts';
import { leaveQueue, moveAnnotation, queueOrphan } from '../corpus/reanchoring.ts';
import { reanchor } from './reanchor.ts';

export interface ReanchorSummary {
  moved: number;
  orphaned: number;
}

/**
 * Marks `oldId` as superseded by `newId` and re-anchors its annotations: the
 * confident ones move, the rest wait in the orphans queue on the old version.
 * Runs inside the caller's transaction, so a failure leaves both versions untouched.
 */
export function supersedeArticle(db: Db, oldId: number, newId: number, actor: string): ReanchorSummary {
  const now = new Date().toISOString();
  markSuperseded(db, oldId, newId, now, actor);
  const text = db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(newId) as string;
  // The old version's own annotations, and those still waiting to be placed on it from an even older one.
  const annotations = db
    .prepare(
      `SELECT id, quote, prefix, suffix FROM annotations WHERE article_id = ?
         AND id NOT IN (SELECT annotation_id FROM orphans)
       UNION ALL
       SELECT a.id, a.quote, a.prefix, a.suffix FROM orphans o JOIN annotations a ON a.id = o.annotation_id WHERE o.new_article_id = ?
       ORDER BY 1`,
    )
    .all(oldId, oldId) as Array<{ id: number; quote: string; prefix: string; suffix: string }>;
  const summary: ReanchorSummary = { moved: 0, orphaned: 0 };
  for (const annotation of annotations) {
    const placement = reanchor(annotation, text);
    if (placement.confident) {
      leaveQueue(db, annotation.id, actor);
      moveAnnotation(db, annotation.id, newId, placement.start, placement.end, actor, 'annotation.reanchor');
      summary.moved++;
    } else {
      queueOrphan(db, { annotationId: annotation.id, newArticleId: newId, ...placement }, actor);
      summary.orphaned++;
    }
  }
  recordEvent(db, { actor, action: 'article.supersede', entity: 'article', entityId: oldId, data: { newId, ...summary } }, now);
  return summary;
}
