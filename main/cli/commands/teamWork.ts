import type { Adjudication, AdjudicationSpan } from '../../contract/contract.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import { parse, wholeNumber, type Command, type Options } from '../args.ts';
import { callContract } from '../callContract.ts';
import { formatTable } from '../format.ts';
import { printJson } from '../output.ts';

/*
 * How a team works on the investigation: the project's options (four-eyes
 * review, blind annotation), marking articles done, and adjudicating two
 * analysts' spans into the curated layer.
 */

const onOff = (value: boolean) => (value ? 'on' : 'off');

export const projectCommand: Command = {
  usage: 'project | project set four-eyes|blind on|off',
  summary:
    "the project's options: four-eyes review (a link is confirmed only by someone other than its creator) and blind annotation (analysts see only their own spans until they mark an article done)",
  options: {},
  run({ args, session, json, io }) {
    const { positionals } = parse(args, {});
    const [action, name, value, ...rest] = positionals;
    if (action === undefined) {
      const options = callContract(session(), 'project.options', {});
      if (json) io.out(printJson(options));
      else {
        const by = (key: 'four-eyes' | 'blind') => (options.setBy[key] ? `set by ${options.setBy[key].analyst} at ${options.setBy[key].at}` : 'never set');
        io.out(
          formatTable(
            ['option', 'state', 'last change'],
            [
              ['four-eyes', onOff(options.fourEyes), by('four-eyes')],
              ['blind', onOff(options.blind), by('blind')],
            ],
          ),
        );
      }
      return 0;
    }
    if (action !== 'set' || (name !== 'four-eyes' && name !== 'blind') || (value !== 'on' && value !== 'off') || rest.length > 0)
      throw new CrosscheckError('invalid_input', 'expected: project, or project set four-eyes|blind on|off');
    const options = callContract(session(), 'project.setOption', { name, enabled: value === 'on' });
    io.out(json ? printJson(options) : `${name} is ${onOff(name === 'four-eyes' ? options.fourEyes : options.blind)} (undo takes it back; sync shares it)`);
    return 0;
  },
};

const DONE_OPTIONS = { reopen: { type: 'boolean' } } as const satisfies Options;

export const doneCommand: Command = {
  usage: 'done ARTICLE [--reopen]',
  summary: "mark an article done for you (under blind annotation you then see everyone's spans on it); --reopen takes it up again",
  options: DONE_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, DONE_OPTIONS);
    if (positionals.length !== 1) throw new CrosscheckError('invalid_input', 'expected: done ARTICLE [--reopen]');
    const state = callContract(session(), 'articles.markDone', { id: wholeNumber(positionals[0], 'ARTICLE'), done: !values.reopen });
    io.out(
      json
        ? printJson(state)
        : `article ${state.articleId}: ${state.done ? 'done' : 'not done'}; done by ${state.doneBy.map((d) => d.analyst).join(', ') || 'nobody yet'}`,
    );
    return 0;
  },
};

const ADJUDICATE_OPTIONS = { analysts: { type: 'string' }, keep: { type: 'string' } } as const satisfies Options;

const describe = (s: AdjudicationSpan | null) => (s ? `${s.tag} ${s.start}–${s.end} “${s.quote.length > 50 ? `${s.quote.slice(0, 49)}…` : s.quote}”` : '—');

const DIFFERENCE_WORDS: Record<Adjudication['pairs'][number]['difference'], string> = {
  same: 'same',
  tag: 'tag differs',
  boundary: 'boundary differs',
  'boundary-and-tag': 'boundary and tag differ',
  'only-first': 'only first',
  'only-second': 'only second',
};

export const adjudicateCommand: Command = {
  usage: 'adjudicate ARTICLE [--analysts A,B] [--keep PAIR:first|second|neither]',
  summary: "two analysts' spans on an article side by side with their differences; --keep puts one side of a pair (or neither) into the curated layer",
  options: ADJUDICATE_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, ADJUDICATE_OPTIONS);
    if (positionals.length !== 1)
      throw new CrosscheckError('invalid_input', 'expected: adjudicate ARTICLE [--analysts A,B] [--keep PAIR:first|second|neither]');
    const articleId = wholeNumber(positionals[0], 'ARTICLE');
    const analysts = values.analysts === undefined ? undefined : values.analysts.split(',');
    const compared = callContract(session(), 'adjudication.compare', { articleId, analysts });
    if (values.keep !== undefined) {
      const match = /^(\d+):(first|second|neither)$/.exec(values.keep);
      if (!match) throw new CrosscheckError('invalid_input', '--keep is PAIR:first, PAIR:second or PAIR:neither (PAIR: the number in the listing)');
      const pair = compared.pairs[Number(match[1]) - 1];
      if (!pair) throw new CrosscheckError('not_found', `There is no pair ${match[1]} on article ${articleId}: it has ${compared.pairs.length}.`);
      const keep = match[2] as 'first' | 'second' | 'neither';
      const result = callContract(session(), 'adjudication.keep', { articleId, first: pair.first?.id ?? null, second: pair.second?.id ?? null, keep });
      io.out(
        json
          ? printJson(result)
          : result.curated
            ? `pair ${match[1]}: kept ${keep} (${describe(result.curated)}) in the curated layer`
            : `pair ${match[1]}: decided, keeping neither span (nothing of it in the curated layer)`,
      );
      return 0;
    }
    if (json) {
      io.out(printJson(compared));
      return 0;
    }
    if (!compared.analysts) {
      io.out(`article ${articleId}: fewer than two analysts have spans on it (${compared.authors.join(', ') || 'nobody'})`);
      return 0;
    }
    const [a, b] = compared.analysts;
    io.out(`article ${articleId}: ${a} (first) and ${b} (second)`);
    io.out(
      formatTable(
        ['pair', a, b, 'difference', 'curated'],
        // Keeping neither is a decision, shown apart from a pair nobody decided yet.
        compared.pairs.map((p, i) => [
          i + 1,
          describe(p.first),
          describe(p.second),
          DIFFERENCE_WORDS[p.difference],
          p.kept === null ? 'undecided' : `kept ${p.kept}`,
        ]),
      ),
    );
    return 0;
  },
};
