import { CrosscheckError } from '../../contract/errors.ts';
import { FILE_OPERATIONS } from '../../api/fileOperations.ts';
import { noPositionals, parse, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const CHECK_OPTIONS = { full: { type: 'boolean', default: false } } as const satisfies Options;

export const checkCommand: Command = {
  usage: 'check [--full]',
  summary: 'check the corpus file: the cheap check every open runs, or with --full SQLite’s quick_check of every page (also run weekly by the app)',
  options: CHECK_OPTIONS,
  async run({ args, session, json, io }) {
    const { values, positionals } = parse(args, CHECK_OPTIONS);
    noPositionals(positionals, 'check');
    // Opening runs the cheap check: a damaged file is refused before this line.
    const { db } = session();
    const damage = values.full ? await FILE_OPERATIONS.fullCheck(db) : null;
    if (damage !== null)
      throw new CrosscheckError('corrupt_database', `the full check found damage: ${damage}. Restore the latest good backup with: crosscheck restore`);
    const report = { check: values.full ? 'full' : 'cheap', sound: true, lastFullCheck: await FILE_OPERATIONS.lastFullCheck(db) };
    io.out(
      json
        ? printJson(report)
        : `${values.full ? 'full check' : 'cheap check'}: sound${report.lastFullCheck ? ` (last full check ${report.lastFullCheck})` : ' (no full check yet: crosscheck check --full)'}`,
    );
    return 0;
  },
};
