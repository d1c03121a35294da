import { CrosscheckError } from '../../contract/errors.ts';
import { formatTable } from '../format.ts';
import { parse, type Command } from '../args.ts';
import { callContract } from '../callContract.ts';
import { printJson } from '../output.ts';

export const searchCommand: Command = {
  usage: 'search WORDS...',
  summary: 'full-text search over every article: matches with offsets and snippets',
  options: {},
  run({ args, session, json, io }) {
    const { positionals } = parse(args, {});
    if (positionals.length === 0) throw new CrosscheckError('invalid_input', 'name the words to search for');
    const results = callContract(session(), 'search.articles', { query: positionals.join(' ') });
    if (json) io.out(printJson(results));
    else {
      const rows = results.articles.flatMap((a) => a.matches.map((m) => [a.articleId, m.start, m.end, `${m.before}[${m.match}]${m.after}`]));
      io.out(formatTable(['article', 'start', 'end', 'snippet'], rows));
    }
    return 0;
  },
};
