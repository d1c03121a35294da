import type { ArticleMetadataPatch, ArticleSummary } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { getArticle } from './articles.ts';
import { applyChange, recordStep } from './changes.ts';
import type { Db } from './database.ts';
import { readState, uuidOf } from './entityStates.ts';
import { recordEvent } from './events.ts';

const summary = (db: Db, id: number): ArticleSummary => {
  const { text: _text, sha256: _sha256, ...rest } = getArticle(db, id);
  return rest;
};

/**
 * Corrects what import read (or failed to read) about an article: title, outlet,
 * URL, published date. The text itself is never editable; offsets point into it.
 */
export function updateArticleMetadata(db: Db, patch: ArticleMetadataPatch, actor: string): ArticleSummary {
  const { id, ...fields } = patch;
  if (Object.values(fields).every((v) => v === undefined)) {
    throw new CrosscheckError('invalid_input', 'Name at least one of title, outlet, url or published to change.');
  }
  return recordStep(
    db,
    actor,
    'metadata',
    (): ArticleSummary => {
      const before = summary(db, id);
      const sha256 = uuidOf(db, 'article', id);
      const after = {
        title: fields.title === undefined ? before.title : fields.title,
        outlet: fields.outlet === undefined ? before.outlet : fields.outlet,
        url: fields.url === undefined ? before.url : fields.url,
        published: fields.published === undefined ? before.published : fields.published,
      };
      applyChange(db, actor, { kind: 'article', uuid: sha256, before: readState(db, 'article', sha256), after });
      const updated = summary(db, id);
      recordEvent(db, { actor, action: 'article.update', entity: 'article', entityId: id, entityUuid: sha256, data: { before, after: updated } });
      return updated;
    },
    (updated) => ({ annotationId: null, articleId: updated.id, quote: updated.title ?? '' }),
  );
}
