import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { onePositional, parse, wholeNumber, type Command } from '../args.ts';
import { printJson } from '../output.ts';

export const timelineCommand: Command = {
  usage: 'timeline ANNOTATION',
  summary: "the claim group's appearances in time order, which reports copy or cite which, and its independent origins",
  options: {},
  run({ args, session, json, io }) {
    const { positionals } = parse(args, {});
    const timeline = callContract(session(), 'review.timeline', { annotationId: wholeNumber(onePositional(positionals, 'annotation', true), 'ANNOTATION') });
    if (json) {
      io.out(printJson(timeline));
      return 0;
    }
    io.out(timeline.summary);
    io.out(
      formatTable(
        ['published', 'outlet', 'article', 'annotation', 'origin', 'quote'],
        timeline.appearances.map((a) => [a.published, a.outlet, a.articleId, a.annotationId, timeline.origins[a.origin]!.label, a.quote]),
      ),
    );
    for (const edge of timeline.edges) {
      const how =
        edge.kind === 'copy'
          ? `shares ${edge.sharedWords} words in ${edge.passages.length} passage${edge.passages.length === 1 ? '' : 's'} with`
          : edge.kind === 'cites'
            ? 'is cited by'
            : 'is named as the source by';
      io.out(
        `article ${edge.fromArticleId} ${how} article ${edge.toArticleId}${edge.kind === 'copy' && !edge.directed ? ' (which came first is not known)' : ''}`,
      );
    }
    return 0;
  },
};
