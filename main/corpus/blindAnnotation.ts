import { CrosscheckError } from '../contract/errors.ts';
import { applyChange, recordStep } from './changes.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';
import { articleDoneUuid, readState, type ArticleDoneState } from './entityStates.ts';
import { recordEvent } from './events.ts';
import { isNamedCurator } from './curators.ts';
import { isOptionOn } from './projectOptions.ts';

/*
 * Blind annotation: while the project option is on, an analyst sees only their
 * own spans in an article until they mark it done; from then on they see
 * everyone's. Done marks are entities (one per analyst and article), so marking
 * and unmarking are undo steps and replicate like any edit.
 *
 * Blindness keeps one analyst's tagging from steering another's; it is not
 * secrecy (every laptop holds the whole corpus). The exemption is by person:
 * an analyst the project names as a curator (corpus/curators.ts) sees
 * everyone's spans, to adjudicate them; everyone else, in every view, sees
 * only what this rule shows them. The agreement figures count every span.
 */

/** Whether blind annotation hides colleagues' spans from `analyst` at all: it is on and they are not a named curator. */
export function isBlindFor(db: Db, analyst: string): boolean {
  return isOptionOn(db, 'blind') && !isNamedCurator(db, analyst);
}

/** Whether an analyst marked an article done. */
export function isArticleDone(db: Db, articleId: number, analyst: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM article_done WHERE article_id = ? AND analyst = ?').get(articleId, analyst) !== undefined;
}

/** Who marked an article done, in the order they did. */
export function doneBy(db: Db, articleId: number): Array<{ analyst: string; at: string }> {
  return cachedStatement(db, 'SELECT analyst, done_at AS at FROM article_done WHERE article_id = ? ORDER BY done_at, analyst').all(articleId) as Array<{
    analyst: string;
    at: string;
  }>;
}

/**
 * The annotations `analyst` may see, as an SQL condition on the annotations
 * table under `alias` with its parameters: everything when blind annotation is
 * off or they are a named curator; otherwise their own, and everyone's on the articles they marked done.
 */
export function visibleAnnotationsFilter(db: Db, analyst: string, alias: string): { sql: string; params: string[] } {
  if (!isBlindFor(db, analyst)) return { sql: '1', params: [] };
  return {
    sql: `(${alias}.author = ? OR EXISTS (SELECT 1 FROM article_done d WHERE d.article_id = ${alias}.article_id AND d.analyst = ?))`,
    params: [analyst, analyst],
  };
}

/** Marks an article done (or takes it up again) for `actor`, as one undo step; marking it as it already is changes nothing. */
export function markArticleDone(db: Db, articleId: number, done: boolean, actor: string): { articleId: number; done: boolean } {
  const article = cachedStatement(db, 'SELECT sha256, title FROM articles WHERE id = ?').get(articleId) as { sha256: string; title: string | null } | undefined;
  if (!article) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
  return recordStep(
    db,
    actor,
    'done',
    () => {
      const uuid = articleDoneUuid(article.sha256, actor);
      const before = readState(db, 'articleDone', uuid);
      if ((before !== null) === done) return { articleId, done };
      const now = new Date().toISOString();
      const after: ArticleDoneState | null = done ? { article: article.sha256, analyst: actor, doneAt: now } : null;
      applyChange(db, actor, { kind: 'articleDone', uuid, before, after });
      recordEvent(db, { actor, action: 'article.done', entity: 'article', entityId: articleId, entityUuid: uuid, data: { before, after } }, now);
      return { articleId, done };
    },
    () => ({ annotationId: null, articleId, quote: `${done ? 'done' : 'not done'}: ${article.title ?? `article ${articleId}`}` }),
  );
}

/** The annotations of `list` that `analyst` may see (all of them when blind annotation is off). */
export function visibleTo<T extends { articleId: number; author: string }>(db: Db, analyst: string, list: readonly T[]): T[] {
  if (!isBlindFor(db, analyst)) return [...list];
  const done = new Set(cachedStatement(db, 'SELECT article_id FROM article_done WHERE analyst = ?').pluck().all(analyst) as number[]);
  return list.filter((a) => a.author === analyst || done.has(a.articleId));
}

/** Whether the current analyst finished an article, who did, and how many of others' spans blind annotation hides from them there. */
export function articleDoneState(db: Db, articleId: number, analyst: string) {
  if (!cachedStatement(db, 'SELECT 1 FROM articles WHERE id = ?').get(articleId)) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
  const blind = isOptionOn(db, 'blind');
  const done = isArticleDone(db, articleId, analyst);
  const hidden =
    isBlindFor(db, analyst) && !done
      ? (cachedStatement(db, 'SELECT count(*) FROM annotations WHERE article_id = ? AND author <> ?').pluck().get(articleId, analyst) as number)
      : 0;
  return { articleId, done, doneBy: doneBy(db, articleId), blind, hidden };
}
