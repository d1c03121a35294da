import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { onePositional, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { annotationJson, printJson } from '../output.ts';

const ANNOTATE_OPTIONS = {
  start: { type: 'string' },
  end: { type: 'string' },
  tag: { type: 'string' },
  note: { type: 'string' },
  speaker: { type: 'string' },
} as const satisfies Options;

export const annotateCommand: Command = {
  usage: 'annotate ARTICLE --start N --end M --tag claim|denial|attribution [--note TEXT] [--speaker NAME]',
  summary: 'tag a span (offsets in UTF-16 code units of the stored text)',
  options: ANNOTATE_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, ANNOTATE_OPTIONS);
    const annotation = callContract(session(), 'annotations.create', {
      articleId: wholeNumber(onePositional(positionals, 'article', true), 'ARTICLE'),
      start: wholeNumber(values.start, '--start'),
      end: wholeNumber(values.end, '--end'),
      tag: values.tag,
      note: values.note,
      speaker: values.speaker,
    });
    io.out(json ? printJson(annotationJson(annotation)) : `annotation ${annotation.id}: ${annotation.tag} “${annotation.quote}”`);
    return 0;
  },
};

export const annotationsCommand: Command = {
  usage: 'annotations [ARTICLE]',
  summary: 'list annotations, of one article or all',
  options: {},
  run({ args, session, json, io }) {
    const article = onePositional(parse(args, {}).positionals, 'article', false);
    const list = callContract(session(), 'annotations.list', { articleId: article === undefined ? undefined : wholeNumber(article, 'ARTICLE') });
    if (json) io.out(printJson(list.map(annotationJson)));
    else
      io.out(
        formatTable(
          ['id', 'article', 'start', 'end', 'tag', 'speaker', 'quote'],
          list.map((a) => [a.id, a.articleId, a.start, a.end, a.tag, a.speaker, a.quote]),
        ),
      );
    return 0;
  },
};
