import { createAnnotation, deleteAnnotation, listAnnotations, updateAnnotation } from '../corpus/annotations.ts';
import { getArticle, listArticles } from '../corpus/articles.ts';
import type { Db } from '../corpus/database.ts';
import { createLink, listLinks } from '../corpus/links.ts';
import { updateArticleMetadata } from '../corpus/articleMetadata.ts';
import { listVersions } from '../corpus/articleVersions.ts';
import { setClaimRating } from '../corpus/claimRatings.ts';
import { dropOrphan, listOrphans, placeOrphan } from '../corpus/reanchoring.ts';
import { importContent } from '../ingest/importFiles.ts';
import type { Method, Output, ParsedInput } from './contract.ts';

export interface HandlerContext {
  db: Db;
  /** Who the changes are recorded as: the analyst using this app or CLI. */
  actor: string;
}

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> };

/** The one implementation of the contract; IPC, HTTP and the CLI are thin shells around it. */
export function createHandlers({ db, actor }: HandlerContext): Handlers {
  return {
    'articles.list': () => listArticles(db),
    'articles.get': ({ id }) => getArticle(db, id),
    'annotations.list': ({ articleId }) => listAnnotations(db, articleId),
    'annotations.create': (input) => createAnnotation(db, input, actor),
    'annotations.update': (patch) => updateAnnotation(db, patch, actor),
    'annotations.delete': ({ id }) => deleteAnnotation(db, id, actor),
    'links.list': ({ annotationId }) => listLinks(db, annotationId),
    'links.create': (input) => createLink(db, input, actor),
    'articles.import': ({ fileName, contentBase64 }) => importContent(db, fileName, Buffer.from(contentBase64, 'base64'), actor),
    'articles.updateMetadata': (patch) => updateArticleMetadata(db, patch, actor),
    'articles.versions': () => listVersions(db),
    'orphans.list': () => listOrphans(db),
    'orphans.place': (input) => placeOrphan(db, input, actor),
    'orphans.drop': ({ annotationId }) => dropOrphan(db, annotationId, actor),
    'claimRatings.set': (input) => setClaimRating(db, input, actor),
  };
}
