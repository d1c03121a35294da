import { CrosscheckError } from '../../contract/errors.ts';
import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { onePositional, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { annotationJson, printJson } from '../output.ts';

const RATE_OPTIONS = {
  verdict: { type: 'string' },
  rating: { type: 'string' },
  claim: { type: 'string' },
  'review-url': { type: 'string' },
} as const satisfies Options;

export const rateCommand: Command = {
  usage: 'rate ANNOTATION --verdict TEXT [--rating 1-5] [--claim WORDING] [--review-url URL]',
  summary: "set the verdict on an annotation's claim group (1 false … 5 true), the claim's wording and the review's address, used by ClaimReview export",
  options: RATE_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, RATE_OPTIONS);
    const rating = callContract(session(), 'claimRatings.set', {
      annotationId: wholeNumber(onePositional(positionals, 'annotation', true), 'ANNOTATION'),
      alternateName: values.verdict,
      ratingValue: values.rating === undefined ? undefined : wholeNumber(values.rating, '--rating'),
      claimReviewed: values.claim,
      reviewUrl: values['review-url'],
    });
    io.out(json ? printJson(rating) : `claim group ${rating.groupId}: ${rating.alternateName}${rating.ratingValue ? ` (${rating.ratingValue}/5)` : ''}`);
    return 0;
  },
};

const ORPHAN_OPTIONS = { start: { type: 'string' }, end: { type: 'string' } } as const satisfies Options;

export const orphansCommand: Command = {
  usage: 'orphans [place ANNOTATION --start N --end M | drop ANNOTATION]',
  summary: 'annotations a re-import could not place with confidence: list them, place one on the new version, or leave it on the old',
  options: ORPHAN_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, ORPHAN_OPTIONS);
    const [action, id, ...rest] = positionals;
    if (action === undefined) {
      const orphans = callContract(session(), 'orphans.list', {});
      if (json) io.out(printJson(orphans.map((o) => ({ ...o, annotation: annotationJson(o.annotation) }))));
      else {
        const rows = orphans.map((o) => [
          o.annotationId,
          o.annotation.articleId,
          o.newArticleId,
          o.annotation.quote,
          o.suggestion ? `${o.suggestion.start}–${o.suggestion.end} “${o.suggestion.quote}”` : null,
          o.reason,
        ]);
        io.out(formatTable(['annotation', 'old article', 'new article', 'quote', 'suggestion', 'why'], rows));
      }
      return 0;
    }
    if (rest.length > 0 || !['place', 'drop'].includes(action))
      throw new CrosscheckError('invalid_input', 'expected: orphans, orphans place ANNOTATION --start N --end M, or orphans drop ANNOTATION');
    const annotationId = wholeNumber(id, 'ANNOTATION');
    if (action === 'drop') {
      callContract(session(), 'orphans.drop', { annotationId });
      io.out(json ? printJson({ annotationId }) : `annotation ${annotationId} stays on the superseded version`);
      return 0;
    }
    const annotation = callContract(session(), 'orphans.place', {
      annotationId,
      start: wholeNumber(values.start, '--start'),
      end: wholeNumber(values.end, '--end'),
    });
    io.out(json ? printJson(annotationJson(annotation)) : `annotation ${annotation.id} placed on article ${annotation.articleId}: “${annotation.quote}”`);
    return 0;
  },
};
