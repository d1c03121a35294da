import { callContract } from '../callContract.ts';
import { CrosscheckError } from '../../api/errors.ts';
import type { Suggestion } from '../../api/contract.ts';
import { formatTable } from '../format.ts';
import { onePositional, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const SUGGEST_OPTIONS = { all: { type: 'boolean', default: false }, limit: { type: 'string' } } as const satisfies Options;

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
  usage: 'suggest ANNOTATION | --all [--limit N]',
  summary: 'find an annotation’s claim elsewhere in the corpus: candidate spans by score, each with why',
  options: SUGGEST_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, SUGGEST_OPTIONS);
    const limit = values.limit === undefined ? undefined : wholeNumber(values.limit, '--limit');
    const named = onePositional(positionals, 'annotation', false);
    if (values.all === (named !== undefined)) throw new CrosscheckError('invalid_input', 'name one annotation, or give --all');
    const suggestions = values.all
      ? callContract(session(), 'suggestions.queue', { limit })
      : callContract(session(), 'suggestions.list', { annotationId: wholeNumber(named, 'ANNOTATION'), limit });
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
