import { fileURLToPath } from 'node:url';
import { CrosscheckError } from '../../api/errors.ts';
import { evaluateMatcher, loadEvaluationSet } from '../../matching/evaluation.ts';
import { formatTable } from '../format.ts';
import { noPositionals, parse, type Command, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const DEFAULT_SET = fileURLToPath(new URL('../../../tests/fixtures/matcher-eval.json', import.meta.url));
const EVAL_OPTIONS = { set: { type: 'string' }, 'min-score': { type: 'string' }, 'min-coverage': { type: 'string' } } as const satisfies Options;

function ratioOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(value) || Number.isNaN(n)) throw new CrosscheckError('invalid_input', `${name} must be a number from 0 to 1, got ${value}`);
  return n;
}

export const evalMatcherCommand: Command = {
  usage: 'eval-matcher [--set FILE] [--min-score X] [--min-coverage X]',
  summary: 'precision and recall of suggestions on a labelled set (default: the seed set); uses no corpus',
  options: EVAL_OPTIONS,
  run({ args, json, io }) {
    const { values, positionals } = parse(args, EVAL_OPTIONS);
    noPositionals(positionals, 'eval-matcher');
    const { set, corpusDir } = loadEvaluationSet(values.set ?? DEFAULT_SET);
    const result = evaluateMatcher(set, corpusDir, { minScore: ratioOption(values['min-score'], '--min-score'), minCoverage: ratioOption(values['min-coverage'], '--min-coverage') });
    if (json) {
      io.out(printJson(result));
      return 0;
    }
    io.out(formatTable(['source', 'expected', 'found', 'false positives', 'exact boundaries'], result.sources.map((s) => [s.id, s.expected, s.found, s.falsePositives.length, s.exactBoundaries])));
    for (const s of result.sources) {
      for (const m of s.missed) io.out(`  missed    ${s.id}: ${m.file} “${m.quote}”`);
      for (const f of s.falsePositives) io.out(`  false +   ${s.id}: ${f.file} “${f.quote}” (${f.score})`);
    }
    io.out(`precision ${result.precision} (${result.truePositives}/${result.truePositives + result.falsePositives}), recall ${result.recall} (${result.truePositives}/${result.expected}), exact boundaries ${result.exactBoundaries}`);
    return 0;
  },
};
