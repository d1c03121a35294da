import { callContract } from '../callContract.ts';
import { noPositionals, parse, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';
import { describeIntegrity } from '../../api/corpusFile.ts';

const VERIFY_OPTIONS = { quick: { type: 'boolean', default: false } } as const satisfies Options;

export const verifyCommand: Command = {
  usage: 'verify [--quick]',
  summary: "check the event log's hash chain, every article's text and every captured source against their hashes; names the first bad event or article",
  options: VERIFY_OPTIONS,
  run({ args, session, json, io }) {
    const { values, positionals } = parse(args, VERIFY_OPTIONS);
    noPositionals(positionals, 'verify');
    const report = callContract(session(), 'corpus.verify', { full: !values.quick });
    if (json) io.out(printJson(report));
    else {
      io.out(describeIntegrity(report));
      for (const problem of report.problems.slice(1)) io.out(`  ${problem.kind} ${problem.id}: ${problem.message}`);
      io.out(`chain head: ${report.head}`);
    }
    return report.ok ? 0 : 1;
  },
};
