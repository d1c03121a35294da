import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { onePositional, parse, wholeNumber, type Command, type Options } from '../args.ts';
import { ARTICLE_HEADERS, articleJson, articleRow, printJson } from '../output.ts';

const EDIT_OPTIONS = {
  title: { type: 'string' },
  outlet: { type: 'string' },
  url: { type: 'string' },
  published: { type: 'string' },
} as const satisfies Options;

/** An empty value clears a field: "--url ''" says the article has no known address. */
const orClear = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);

export const editCommand: Command = {
  usage: 'edit ARTICLE [--title T] [--outlet O] [--url U] [--published YYYY-MM-DD]',
  summary: "correct an article's metadata (an empty value clears it); the text never changes",
  options: EDIT_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, EDIT_OPTIONS);
    const article = callContract(session(), 'articles.updateMetadata', {
      id: wholeNumber(onePositional(positionals, 'article', true), 'ARTICLE'),
      title: orClear(values.title),
      outlet: orClear(values.outlet),
      url: orClear(values.url),
      published: orClear(values.published),
    });
    io.out(json ? printJson(articleJson(article)) : formatTable(ARTICLE_HEADERS, [articleRow(article)]));
    return 0;
  },
};
