import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';

export interface DeletedArticle {
  id: number;
  annotations: number;
  links: number;
}

/**
 * Removes an article with everything that hangs on it (annotations and their
 * links and verdicts, captured source, pages, byline, versions, orphans), in
 * one transaction. The log keeps what was removed: the article's hash and
 * metadata and the UUIDs of its annotations and links. Undo steps of its
 * annotations are discarded, since they could no longer be replayed. The
 * command line takes a backup first; the backup is the way back.
 */
export function deleteArticle(db: Db, id: number, actor: string): DeletedArticle {
  return db
    .transaction((): DeletedArticle => {
      const article = db.prepare('SELECT id, title, outlet, url, published, sha256, file_name AS fileName FROM articles WHERE id = ?').get(id) as
        Record<string, unknown> | undefined;
      if (!article) throw new CrosscheckError('not_found', `There is no article ${id}.`);
      const annotations = db.prepare('SELECT uuid FROM annotations WHERE article_id = ? ORDER BY id').pluck().all(id) as string[];
      const links = db
        .prepare('SELECT DISTINCT l.uuid FROM links l JOIN annotations a ON a.id IN (l.from_id, l.to_id) WHERE a.article_id = ? ORDER BY l.id')
        .pluck()
        .all(id) as string[];
      recordEvent(db, { actor, action: 'article.delete', entity: 'article', entityId: id, data: { ...article, annotations, links } });
      db.prepare("UPDATE history_steps SET state = 'discarded' WHERE article_id = ? AND state <> 'discarded'").run(id);
      // The word index has no foreign key (its rows are keyed by term first); it is cleared by hand.
      db.prepare('DELETE FROM match_terms WHERE article_id = ?').run(id);
      db.prepare('DELETE FROM articles WHERE id = ?').run(id);
      return { id, annotations: annotations.length, links: links.length };
    })
    .immediate();
}
