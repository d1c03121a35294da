import type { Annotation, Link, SuggestionAccept, SuggestionTarget } from '../contract/contract.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { annotationSummary, createAnnotation, getAnnotation } from '../corpus/annotations.ts';
import { applyChange, recordStep } from '../corpus/changes.ts';
import type { Db } from '../corpus/database.ts';
import { readState, rejectionUuid, uuidOf } from '../corpus/entityStates.ts';
import { recordEvent } from '../corpus/events.ts';
import { createLink } from '../corpus/links.ts';
import { annotationSpans, coveringAnnotation } from './sameSpan.ts';

/*
 * What the analyst decides about a suggestion: accept it (an annotation and a
 * confirmed link) or reject it (never suggest that span for that annotation
 * again). Kept apart from the ranking in suggestions.ts: these are writes to
 * the corpus, with history and replication, while ranking only reads.
 */

/**
 * Accepts a suggestion: the span becomes an annotation in the target (same
 * tag, and the same speaker where the source names one) unless an annotation
 * already covers it, and a confirmed link joins it to the source. One transaction.
 */
export function acceptSuggestion(db: Db, input: SuggestionAccept, actor: string): { annotation: Annotation; link: Link } {
  return recordStep(
    db,
    actor,
    'accept',
    () => {
      const source = getAnnotation(db, input.annotationId);
      const existing = coveringAnnotation(annotationSpans(db, input.articleId), input);
      const annotation =
        existing !== null
          ? getAnnotation(db, existing)
          : createAnnotation(db, { articleId: input.articleId, start: input.start, end: input.end, tag: source.tag, speaker: source.speaker }, actor);
      if (annotation.id === source.id) throw new CrosscheckError('invalid_input', 'A suggestion cannot be the annotation it was found for.');
      const link = createLink(
        db,
        { fromId: source.id, toId: annotation.id, type: input.type ?? 'same-claim', status: 'confirmed', method: 'matcher', score: input.score ?? null },
        actor,
      );
      recordEvent(db, {
        actor,
        action: 'suggestion.accept',
        entity: 'suggestion',
        entityId: link.id,
        entityUuid: uuidOf(db, 'link', link.id),
        data: { ...input, annotationCreated: existing === null },
      });
      return { annotation, link };
    },
    ({ annotation }) => annotationSummary(annotation),
  );
}

/** Remembers that a span is not the annotation's claim, so it is not suggested for it again. Rejecting it twice changes nothing. */
export function rejectSuggestion(db: Db, input: SuggestionTarget, actor: string): SuggestionTarget {
  return recordStep(
    db,
    actor,
    'reject',
    () => {
      const source = getAnnotation(db, input.annotationId);
      const article = db.prepare('SELECT sha256, text FROM articles WHERE id = ?').get(input.articleId) as { sha256: string; text: string } | undefined;
      if (article === undefined) throw new CrosscheckError('not_found', `There is no article ${input.articleId}.`);
      if (input.end > article.text.length)
        throw new CrosscheckError(
          'invalid_input',
          `The span ${input.start}–${input.end} runs past the end of article ${input.articleId} (length ${article.text.length}).`,
        );
      const annotation = uuidOf(db, 'annotation', source.id);
      const uuid = rejectionUuid(annotation, article.sha256, input.start, input.end);
      if (readState(db, 'rejection', uuid) === null) {
        const now = new Date().toISOString();
        applyChange(db, actor, {
          kind: 'rejection',
          uuid,
          before: null,
          after: { annotation, article: article.sha256, start: input.start, end: input.end, reviewer: actor, rejectedAt: now },
        });
        recordEvent(db, { actor, action: 'suggestion.reject', entity: 'suggestion', entityId: input.annotationId, entityUuid: uuid, data: input }, now);
      }
      return input;
    },
    // The decision was taken on the span in its article: undoing it shows that article, not the claim's own.
    () => ({ annotationId: null, articleId: input.articleId, quote: rejectedText(db, input) }),
  );
}

/** Offsets are UTF-16 code units, as JavaScript slices (SQLite's substr counts code points). */
const rejectedText = (db: Db, span: SuggestionTarget): string =>
  ((db.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(span.articleId) as string | undefined) ?? '').slice(span.start, span.end);
