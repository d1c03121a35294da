import { callContract } from '../callContract.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import type { Suggestion } from '../../contract/contract.ts';
import { formatTable } from '../format.ts';
import { onePositional, parse, wholeNumber, type Command, type CommandContext, type Options } from '../args.ts';
import { printJson } from '../output.ts';
import { bringMatchIndexUpToDate } from '../../api/suggestionRefreshSchedule.ts';

const SUGGEST_OPTIONS = { all: { type: 'boolean', default: false }, limit: { type: 'string' }, 'accept-above': { type: 'string' } } as const satisfies Options;

const suggestionJson = ({ sourceId, articleId, start, end, quote, score, existingAnnotationId, explanation }: Suggestion) => ({
  annotationId: sourceId,
  articleId,
  start,
  end,
  quote,
  score,
  existingAnnotationId,
  explanation,
});

export const suggestCommand: Command = {
  usage: 'suggest ANNOTATION | --all [--limit N] [--accept-above SCORE]',
  summary:
    'find an annotation’s claim elsewhere in the corpus: candidate spans by score, each with why; --accept-above accepts those scoring at least SCORE (0–1)',
  options: SUGGEST_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, SUGGEST_OPTIONS);
    const limit = values.limit === undefined ? undefined : wholeNumber(values.limit, '--limit');
    const named = onePositional(positionals, 'annotation', false);
    if (values.all === (named !== undefined)) throw new CrosscheckError('invalid_input', 'name one annotation, or give --all');
    // A one-shot command serves no window: it brings a word index left by an older matcher up to date first
    // (in short steps, so the app's edits still commit), where a request in the app only reads it.
    bringMatchIndexUpToDate(session().db);
    const suggestions = values.all
      ? callContract(session(), 'suggestions.queue', { limit })
      : callContract(session(), 'suggestions.list', { annotationId: wholeNumber(named, 'ANNOTATION'), limit });
    if (values['accept-above'] !== undefined) return acceptAbove(session, suggestions, score(values['accept-above']), json, io);
    if (json) io.out(printJson(suggestions.map(suggestionJson)));
    else
      io.out(
        formatTable(
          ['for', 'article', 'start', 'end', 'score', 'quote', 'why'],
          suggestions.map((s) => [s.sourceId, s.articleId, s.start, s.end, s.score.toFixed(2), s.quote, s.explanation.summary]),
        ),
      );
    return 0;
  },
};

function score(value: string): number {
  const parsed = /^(0(\.\d+)?|1(\.0+)?)$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isNaN(parsed)) throw new CrosscheckError('invalid_input', `--accept-above must be a score from 0 to 1, got ${value}`);
  return parsed;
}

/**
 * Accepts every suggestion scoring at least `threshold`, best first, each
 * through the same request (and transaction) as accepting it in the app. One
 * that an earlier acceptance made moot (the link now exists) is reported as
 * skipped with the reason; nothing else is changed by it.
 */
function acceptAbove(session: CommandContext['session'], suggestions: Suggestion[], threshold: number, json: boolean, io: CommandContext['io']): number {
  const chosen = suggestions.filter((s) => s.score >= threshold).sort((a, b) => b.score - a.score);
  const accepted: Array<{ annotationId: number; linkId: number; score: number }> = [];
  const skipped: Array<{ sourceId: number; articleId: number; start: number; end: number; reason: string }> = [];
  for (const s of chosen) {
    try {
      const { annotation, link } = callContract(session(), 'suggestions.accept', {
        annotationId: s.sourceId,
        articleId: s.articleId,
        start: s.start,
        end: s.end,
        score: s.score,
      });
      accepted.push({ annotationId: annotation.id, linkId: link.id, score: s.score });
    } catch (error) {
      if (!(error instanceof CrosscheckError)) throw error;
      skipped.push({ sourceId: s.sourceId, articleId: s.articleId, start: s.start, end: s.end, reason: error.message });
    }
  }
  if (json) io.out(printJson({ threshold, considered: suggestions.length, accepted, skipped }));
  else {
    io.out(`${accepted.length} accepted, ${skipped.length} skipped, ${suggestions.length - chosen.length} below ${threshold}`);
    for (const s of skipped) io.out(`skipped ${s.sourceId} → article ${s.articleId} ${s.start}–${s.end}: ${s.reason}`);
  }
  return 0;
}
