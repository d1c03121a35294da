import { CrosscheckError } from '../contract/errors.ts';
import type { Db } from './database.ts';
import { dependentsOf, readState, type EntityRef } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { appendLocalOperation, recordCascade, writeBaseline } from './operations.ts';

export interface DeletedArticle {
  id: number;
  annotations: number;
  links: number;
}

/**
 * Removes an article with everything that hangs on it (annotations and their
 * links and verdicts, captured source, pages, byline, versions, orphans), in
 * one transaction, and writes an `article.delete` operation so every device of
 * the team removes it too. The log keeps what was removed: the article's hash
 * and metadata and the UUIDs of its annotations and links. Undo steps of its
 * annotations are discarded, since they could no longer be replayed. The
 * command line takes a backup first; the backup is the way back.
 */
export function deleteArticle(db: Db, id: number, actor: string): DeletedArticle {
  return db
    .transaction((): DeletedArticle => {
      const article = db.prepare('SELECT id, title, outlet, url, published, sha256, file_name AS fileName FROM articles WHERE id = ?').get(id) as
        { sha256: string } | undefined;
      if (!article) throw new CrosscheckError('not_found', `There is no article ${id}.`);
      const annotations = db.prepare('SELECT uuid FROM annotations WHERE article_id = ? ORDER BY id').pluck().all(id) as string[];
      const links = db
        .prepare('SELECT DISTINCT l.uuid FROM links l JOIN annotations a ON a.id IN (l.from_id, l.to_id) WHERE a.article_id = ? ORDER BY l.id')
        .pluck()
        .all(id) as string[];
      recordEvent(db, { actor, action: 'article.delete', entity: 'article', entityId: id, data: { ...article, annotations, links } });
      // Work from before operations were kept goes out first, so other devices hold what this removal names.
      writeBaseline(db, actor);
      // Its import has not reached the hub yet: the hub still needs the text, for the devices that apply the import first.
      if (
        db
          .prepare("SELECT 1 FROM operations WHERE kind = 'article.add' AND entity = ? AND origin = 'local' AND pushed = 0 AND hub_seq IS NULL")
          .get(article.sha256)
      )
        db.prepare('INSERT OR REPLACE INTO removed_article_texts (sha256, text) SELECT sha256, text FROM articles WHERE id = ?').run(id);
      const op = appendLocalOperation(db, actor, { kind: 'article', uuid: article.sha256, before: readState(db, 'article', article.sha256), after: null });
      removeArticleRows(db, id, op.id);
      return { id, annotations: annotations.length, links: links.length };
    })
    .immediate();
}

/**
 * The rows of an article and what hangs on it, gone; its annotations and what
 * hangs on them are marked removed by `operation`, so a later edit of one from
 * another device does not bring it back. Runs inside the caller's transaction.
 */
export function removeArticleRows(db: Db, id: number, operation: string): void {
  const annotations = db.prepare('SELECT uuid FROM annotations WHERE article_id = ? ORDER BY id').pluck().all(id) as string[];
  const gone: EntityRef[] = annotations.flatMap((uuid) => [{ kind: 'annotation' as const, uuid }, ...dependentsOf(db, { kind: 'annotation', uuid })]);
  // Done marks go with their article (by foreign key); marked removed here too, so a late mark does not return.
  for (const uuid of db.prepare('SELECT uuid FROM article_done WHERE article_id = ?').pluck().all(id) as string[]) gone.push({ kind: 'articleDone', uuid });
  // So do "kept neither" decisions on its pairs.
  for (const uuid of db.prepare('SELECT uuid FROM kept_neither WHERE article_id = ?').pluck().all(id) as string[]) gone.push({ kind: 'keptNeither', uuid });
  recordCascade(db, gone, operation);
  db.prepare("UPDATE history_steps SET state = 'discarded' WHERE article_id = ? AND state <> 'discarded'").run(id);
  // The word index has no foreign key (its rows are keyed by term first); it is cleared by hand.
  db.prepare('DELETE FROM match_terms WHERE article_id = ?').run(id);
  // So is the index being rebuilt beside it (empty unless a rebuild runs): the swap must not bring the article back.
  db.prepare('DELETE FROM match_terms_next WHERE article_id = ?').run(id);
  db.prepare('DELETE FROM articles WHERE id = ?').run(id);
}
