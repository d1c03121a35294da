import { CrosscheckError } from '../contract/errors.ts';
import { COLUMNS as ANNOTATION_COLUMNS, getAnnotation } from '../corpus/annotations.ts';
import { applyChange, recordStep } from '../corpus/changes.ts';
import type { Db } from '../corpus/database.ts';
import { visibleAnnotationsFilter } from '../corpus/blindAnnotation.ts';
import { assertMayCurate } from '../corpus/curators.ts';
import { curatedUuid, dependentsOf, keptNeitherUuid, readState, uuidOf, type AnnotationState, type KeptNeitherState } from '../corpus/entityStates.ts';
import { recordEvent } from '../corpus/events.ts';
import { alignSpans, type SpanDifference } from './spanAlignment.ts';

/*
 * Adjudication: two analysts' spans on one article side by side, and the
 * curator's decision per pair — keep the first analyst's span, the second's, or
 * neither — into the curated layer.
 *
 * The curated layer is annotations like any other, authored by the curator and
 * marked with the span they were kept from (`curatedFrom`, schema 18). Each
 * pair's curated annotation is named by the pair (the two spans' UUIDs), so
 * deciding a pair again edits the same entity, undo takes a decision back, and
 * two curators deciding one pair differently offline meet as a conflict.
 *
 * Keeping neither is a decision too, kept apart from a pair nobody decided: a
 * `keptNeither` entity named by the same pair (corpus/entityStates.ts). Keeping
 * a side removes it, keeping neither removes the curated span, in one undo step.
 * Two curators who decided one pair differently offline (a side, and neither)
 * leave both entities; the pair then shows the later decision (by its time),
 * and the curated span stays in the layer until someone decides the pair again.
 *
 * Only a curator decides (corpus/curators.ts). The comparison shows the asking
 * analyst what blind annotation lets them see: a named curator sees both sides.
 */

export interface AdjudicationSpan {
  id: number;
  start: number;
  end: number;
  tag: 'claim' | 'denial' | 'attribution';
  quote: string;
  author: string;
}

export interface AdjudicationPair {
  first: AdjudicationSpan | null;
  second: AdjudicationSpan | null;
  difference: SpanDifference;
  /** Whose span the curator kept for this pair; 'neither' when they kept neither, null when nobody decided yet. */
  kept: 'first' | 'second' | 'neither' | null;
  curated: AdjudicationSpan | null;
}

export interface Adjudication {
  articleId: number;
  /** Everyone with spans of their own on the article, most spans first: the analysts a curator can compare. */
  authors: string[];
  analysts: [string, string] | null;
  pairs: AdjudicationPair[];
  /** The article's whole curated layer, including spans kept from pairs that have since changed. */
  curated: AdjudicationSpan[];
}

type Row = AdjudicationSpan & { uuid: string; articleId: number; curatedFrom: string | null };

const rowsOf = (db: Db, articleId: number, where: string, ...params: unknown[]) =>
  db
    .prepare(
      `SELECT ${ANNOTATION_COLUMNS}, uuid, curated_from AS curatedFrom, updated_at AS updatedAt FROM annotations WHERE article_id = ? AND ${where} ORDER BY start, "end", id`,
    )
    .all(articleId, ...params) as Array<Row & { updatedAt: string }>;

const span = ({ id, start, end, tag, quote, author }: Row): AdjudicationSpan => ({ id, start, end, tag, quote, author });

function articleSha(db: Db, articleId: number): string {
  const sha = db.prepare('SELECT sha256 FROM articles WHERE id = ?').pluck().get(articleId) as string | undefined;
  if (sha === undefined) throw new CrosscheckError('not_found', `There is no article ${articleId}.`);
  return sha;
}

/** The pair's name, the same whichever analyst the curator put first. */
const pairUuid = (sha: string, a: string | null, b: string | null) => {
  const [x, y] = [a, b].filter((u): u is string => u !== null).sort();
  return curatedUuid(sha, x ?? null, y ?? null);
};

/** The pair's "kept neither" name, the same whichever analyst the curator put first. */
const neitherUuid = (sha: string, a: string | null, b: string | null) => {
  const [x, y] = [a, b].filter((u): u is string => u !== null).sort();
  return keptNeitherUuid(sha, x ?? null, y ?? null);
};

/**
 * Two analysts' spans on an article, aligned (by default the two with the most spans there).
 * With `viewer`, only the spans blind annotation lets that analyst see (all of them for a named curator).
 */
export function compareForAdjudication(db: Db, articleId: number, analysts?: readonly string[], viewer?: string): Adjudication {
  const sha = articleSha(db, articleId);
  const visible = viewer === undefined ? { sql: '1', params: [] } : visibleAnnotationsFilter(db, viewer, 'annotations');
  const authors = db
    .prepare(`SELECT author FROM annotations WHERE article_id = ? AND curated_from IS NULL AND ${visible.sql} GROUP BY author ORDER BY count(*) DESC, author`)
    .pluck()
    .all(articleId, ...visible.params) as string[];
  const curatedRows = rowsOf(db, articleId, `curated_from IS NOT NULL AND ${visible.sql}`, ...visible.params);
  const chosen = analysts?.length ? analysts : authors.slice(0, 2);
  if (chosen.length !== 2 || chosen[0] === chosen[1]) {
    if (analysts?.length) throw new CrosscheckError('invalid_input', 'Adjudication compares two different analysts.');
    return { articleId, authors, analysts: null, pairs: [], curated: curatedRows.map(span) };
  }
  const [a, b] = chosen as [string, string];
  const spansOf = (author: string) =>
    rowsOf(db, articleId, `author = ? AND curated_from IS NULL AND ${visible.sql}`, author, ...visible.params).map((r) => ({ ...r, key: r.uuid }));
  const byUuid = new Map(curatedRows.map((r) => [r.uuid, r]));
  const pairs = alignSpans(spansOf(a), spansOf(b)).map(({ first, second, difference }): AdjudicationPair => {
    const curated = byUuid.get(pairUuid(sha, first?.uuid ?? null, second?.uuid ?? null)) ?? null;
    const neither = readState(db, 'keptNeither', neitherUuid(sha, first?.uuid ?? null, second?.uuid ?? null));
    const keptSide = curated === null ? null : curated.curatedFrom === first?.uuid ? 'first' : curated.curatedFrom === second?.uuid ? 'second' : null;
    // Both only after two curators decided offline: the later decision shows (see the note at the top).
    const kept = neither !== null && (keptSide === null || neither.decidedAt > curated!.updatedAt) ? 'neither' : keptSide;
    return { first: first && span(first), second: second && span(second), difference, kept, curated: curated && span(curated) };
  });
  return { articleId, authors, analysts: [a, b], pairs, curated: curatedRows.map(span) };
}

export interface CurationDecision {
  articleId: number;
  /** The pair as the comparison showed it: each side's annotation id, or null where that analyst has no span. */
  first: number | null;
  second: number | null;
  keep: 'first' | 'second' | 'neither';
}

/**
 * Keeps one side of a pair into the curated layer (or neither), as one undo step
 * of the curator. The curated span copies the kept span's bounds, tag, note and
 * speaker; keeping the other side later edits it, neither removes it with what
 * hangs on it.
 */
export function decidePair(db: Db, decision: CurationDecision, curator: string): { kept: 'first' | 'second' | 'neither'; curated: AdjudicationSpan | null } {
  assertMayCurate(db, curator);
  const sha = articleSha(db, decision.articleId);
  if (decision.first === null && decision.second === null) throw new CrosscheckError('invalid_input', 'A pair needs at least one span.');
  if (decision.first !== null && decision.first === decision.second) throw new CrosscheckError('invalid_input', 'A pair is two different spans.');
  const side = (id: number | null, name: string) => {
    if (id === null) return null;
    const annotation = getAnnotation(db, id);
    if (annotation.articleId !== decision.articleId)
      throw new CrosscheckError('invalid_input', `Annotation ${id} (the ${name} span) is not on article ${decision.articleId}.`);
    const uuid = uuidOf(db, 'annotation', id);
    const state = readState(db, 'annotation', uuid)!;
    if (state.curatedFrom !== undefined) throw new CrosscheckError('invalid_input', `Annotation ${id} is itself curated; compare analysts' own spans.`);
    return { id, uuid, state };
  };
  const first = side(decision.first, 'first');
  const second = side(decision.second, 'second');
  const source = decision.keep === 'first' ? first : decision.keep === 'second' ? second : null;
  if (decision.keep !== 'neither' && source === null) throw new CrosscheckError('invalid_input', `There is no ${decision.keep} span in this pair to keep.`);
  const uuid = pairUuid(sha, first?.uuid ?? null, second?.uuid ?? null);
  const neitherName = neitherUuid(sha, first?.uuid ?? null, second?.uuid ?? null);
  const quote = getAnnotation(db, (source ?? first ?? second)!.id).quote;
  return recordStep(
    db,
    curator,
    'curate',
    () => {
      const before = readState(db, 'annotation', uuid);
      const now = new Date().toISOString();
      const neitherBefore = readState(db, 'keptNeither', neitherName);
      if (source === null) {
        if (neitherBefore === null) {
          const [x, y] = [first?.uuid ?? null, second?.uuid ?? null].filter((u): u is string => u !== null).sort();
          const after: KeptNeitherState = { article: sha, first: x ?? null, second: y ?? null, decidedBy: curator, decidedAt: now };
          applyChange(db, curator, { kind: 'keptNeither', uuid: neitherName, before: null, after });
        }
        if (before !== null) {
          for (const dependent of dependentsOf(db, { kind: 'annotation', uuid }).reverse()) {
            applyChange(db, curator, { kind: dependent.kind, uuid: dependent.uuid, before: readState(db, dependent.kind, dependent.uuid), after: null });
          }
          applyChange(db, curator, { kind: 'annotation', uuid, before, after: null });
          recordEvent(db, {
            actor: curator,
            action: 'annotation.curate',
            entity: 'annotation',
            entityId: null,
            entityUuid: uuid,
            data: { before, after: null },
          });
        }
        return { kept: 'neither' as const, curated: null };
      }
      if (neitherBefore !== null) applyChange(db, curator, { kind: 'keptNeither', uuid: neitherName, before: neitherBefore, after: null });
      const { start, end, tag, note, speaker } = source.state;
      const unchanged =
        before !== null &&
        before.curatedFrom === source.uuid &&
        before.start === start &&
        before.end === end &&
        before.tag === tag &&
        before.note === note &&
        before.speaker === speaker;
      if (!unchanged) {
        const after: AnnotationState = {
          article: sha,
          start,
          end,
          tag,
          note,
          speaker,
          author: curator,
          createdAt: before?.createdAt ?? now,
          updatedAt: now,
          curatedFrom: source.uuid,
        };
        const id = applyChange(db, curator, { kind: 'annotation', uuid, before, after });
        recordEvent(db, { actor: curator, action: 'annotation.curate', entity: 'annotation', entityId: id, entityUuid: uuid, data: { before, after } });
      }
      const row = rowsOf(db, decision.articleId, 'uuid = ?', uuid)[0]!;
      return { kept: decision.keep as 'first' | 'second', curated: span(row) };
    },
    (result) => ({ annotationId: result.curated?.id ?? null, articleId: decision.articleId, quote }),
  );
}
