import type { Db } from './connection.ts';

/**
 * Work that belongs in the transaction that stores an article: keeping an index derived from
 * article texts in step (the matcher's word index, matching/termIndex.ts). The room that keeps
 * such an index registers its hook here when it is loaded, so the corpus, which must not import
 * the rooms above it, never stores an article the index misses.
 */
export type ArticleStoredHook = (db: Db, articleId: number, text: string) => void;

const hooks = new Set<ArticleStoredHook>();

/** Runs `hook` inside every later article insert's transaction; registering the same hook twice runs it once. */
export function whenArticleStored(hook: ArticleStoredHook): void {
  hooks.add(hook);
}

export function runArticleStoredHooks(db: Db, articleId: number, text: string): void {
  for (const hook of hooks) hook(db, articleId, text);
}
