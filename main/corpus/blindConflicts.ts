import type { Conflict } from '../contract/contract.ts';
import { isBlindFor } from './blindAnnotation.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

/*
 * Blind annotation and the conflicts list: a conflict shows both sides' values,
 * and a value names spans (an annotation's own bounds and tag, a link's ends, a
 * verdict's or rejection's annotation, an orphan's, a "kept neither" pair). A
 * conflict is listed to an analyst only when every span it names is one they
 * may see (corpus/blindAnnotation.ts), so the list cannot show them a
 * colleague's span before they mark the article done. A span no longer here is
 * judged by the value that named it (its author and article); one that cannot be
 * judged at all is treated as hidden.
 */

type SpanRef = { uuid: string; author?: unknown; article?: unknown };

/** The spans one side's value names, by the kind of entity in conflict. */
function spansNamed(db: Db, kind: string, entity: string, value: unknown): SpanRef[] {
  if (value === null || typeof value !== 'object') return kind === 'annotation' ? [{ uuid: entity }] : [];
  const v = value as Record<string, unknown>;
  const uuids = (...names: unknown[]) => names.filter((n): n is string => typeof n === 'string').map((uuid) => ({ uuid }));
  switch (kind) {
    case 'annotation':
      return [{ uuid: entity, author: v.author, article: v.article }];
    case 'link':
      return uuids(v.from, v.to);
    case 'linkReview':
      return typeof v.link === 'string' ? linkEnds(db, v.link) : [];
    case 'verdict':
    case 'rejection':
    case 'orphan':
      return uuids(v.annotation);
    case 'keptNeither':
      return uuids(v.first, v.second);
    default:
      return [];
  }
}

/** A link's two ends: from its row, or (once removed) from the latest value written to it. */
function linkEnds(db: Db, link: string): SpanRef[] {
  const row = cachedStatement(
    db,
    'SELECT f.uuid AS "from", t.uuid AS "to" FROM links l JOIN annotations f ON f.id = l.from_id JOIN annotations t ON t.id = l.to_id WHERE l.uuid = ?',
  ).get(link) as { from: string; to: string } | undefined;
  if (row) return [{ uuid: row.from }, { uuid: row.to }];
  const payload = cachedStatement(db, "SELECT payload FROM operations WHERE entity = ? AND payload <> 'null' ORDER BY position DESC LIMIT 1")
    .pluck()
    .get(link) as string | undefined;
  if (payload === undefined) return [{ uuid: link }];
  const state = JSON.parse(payload) as { from?: unknown; to?: unknown };
  return [state.from, state.to].map((uuid) => ({ uuid: typeof uuid === 'string' ? uuid : link }));
}

/** The conflicts of `list` that `analyst` may see (all of them when blind annotation hides nothing from them). */
export function visibleConflicts(db: Db, analyst: string, list: readonly Conflict[]): Conflict[] {
  if (!isBlindFor(db, analyst)) return [...list];
  const done = new Set(cachedStatement(db, 'SELECT article_id FROM article_done WHERE analyst = ?').pluck().all(analyst) as number[]);
  const articleId = (sha: unknown) =>
    typeof sha === 'string' ? ((cachedStatement(db, 'SELECT id FROM articles WHERE sha256 = ?').pluck().get(sha) as number | undefined) ?? null) : null;
  const visible = ({ uuid, author, article }: SpanRef): boolean => {
    const row = cachedStatement(db, 'SELECT author, article_id AS articleId FROM annotations WHERE uuid = ?').get(uuid) as
      { author: string; articleId: number } | undefined;
    if (row) return row.author === analyst || done.has(row.articleId);
    if (typeof author !== 'string') return false;
    const id = articleId(article);
    return author === analyst || (id !== null && done.has(id));
  };
  return list.filter((conflict) => conflict.sides.every((side) => spansNamed(db, conflict.kind, conflict.entity, side.value).every(visible)));
}
