import { callContract } from '../callContract.ts';
import { CrosscheckError } from '../../contract/errors.ts';
import type { Speaker } from '../../contract/contract.ts';
import { formatTable } from '../format.ts';
import { parse, wholeNumber, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const SPEAKERS_OPTIONS = {
  merge: { type: 'string' },
  into: { type: 'string' },
  alias: { type: 'string' },
  rename: { type: 'string' },
  role: { type: 'string' },
  affiliation: { type: 'string' },
  wikidata: { type: 'string' },
} as const satisfies Options;

/** An option's value for speakers.update: absent leaves the field, an empty value clears it. */
const detail = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);

/**
 * One verb for the speaker registry: list by default; `ID --alias NAME`,
 * `ID --rename NAME`, or `--merge ID --into ID`.
 */
export const speakersCommand: Command = {
  usage: 'speakers [ID --alias NAME | ID --rename NAME | ID [--role R] [--affiliation ORG] [--wikidata Q…] | --merge ID --into ID]',
  summary:
    'list speakers with their aliases, role, affiliation and Wikidata id; add an alias, rename, set who a speaker is (an empty value clears it), or merge two speakers',
  options: SPEAKERS_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, SPEAKERS_OPTIONS);
    const details = values.role !== undefined || values.affiliation !== undefined || values.wikidata !== undefined;
    const actions = [values.merge !== undefined || values.into !== undefined, values.alias !== undefined, values.rename !== undefined, details].filter(
      Boolean,
    ).length;
    if (actions > 1) throw new CrosscheckError('invalid_input', 'give one of --alias, --rename, --role/--affiliation/--wikidata, or --merge with --into');
    const print = (speakers: Speaker[]) =>
      io.out(
        json
          ? printJson(speakers)
          : formatTable(
              ['id', 'name', 'annotations', 'aliases', 'role', 'affiliation', 'wikidata'],
              speakers.map((s) => [s.id, s.name, s.annotations, s.aliases.join('; '), s.role, s.affiliation, s.wikidata]),
            ),
      );
    if (values.merge !== undefined || values.into !== undefined) {
      if (positionals.length > 0) throw new CrosscheckError('invalid_input', 'speakers --merge takes no other arguments');
      if (values.merge === undefined || values.into === undefined) throw new CrosscheckError('invalid_input', 'merging needs both --merge ID and --into ID');
      print([callContract(session(), 'speakers.merge', { fromId: wholeNumber(values.merge, '--merge'), intoId: wholeNumber(values.into, '--into') })]);
      return 0;
    }
    if (details) {
      if (positionals.length !== 1) throw new CrosscheckError('invalid_input', 'name the speaker: speakers ID --role ROLE');
      print([
        callContract(session(), 'speakers.update', {
          id: wholeNumber(positionals[0], 'ID'),
          role: detail(values.role),
          affiliation: detail(values.affiliation),
          wikidata: detail(values.wikidata),
        }),
      ]);
      return 0;
    }
    if (values.alias !== undefined || values.rename !== undefined) {
      if (positionals.length !== 1) throw new CrosscheckError('invalid_input', 'name the speaker: speakers ID --alias NAME');
      const id = wholeNumber(positionals[0], 'ID');
      print([
        values.alias !== undefined
          ? callContract(session(), 'speakers.addAlias', { id, alias: values.alias })
          : callContract(session(), 'speakers.rename', { id, name: values.rename! }),
      ]);
      return 0;
    }
    if (positionals.length > 0) throw new CrosscheckError('invalid_input', 'speakers takes no arguments unless adding an alias or renaming');
    print(callContract(session(), 'speakers.list', {}));
    return 0;
  },
};
