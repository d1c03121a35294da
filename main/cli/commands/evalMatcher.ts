import { fileURLToPath } from 'node:url';
import { CrosscheckError } from '../../contract/errors.ts';
import { evaluateSets, evaluationSetFiles, KIND_BUCKETS, loadEvaluationSet, UNLABELLED, type EvaluationResult } from '../../api/matcherEvaluation.ts';
import { formatTable } from '../format.ts';
import { noPositionals, parse, type Command, type Io, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const DEFAULT_SET = fileURLToPath(new URL('../../../tests/fixtures/matcher-eval.json', import.meta.url));
const EVAL_OPTIONS = {
  set: { type: 'string', multiple: true },
  'min-score': { type: 'string' },
  'min-coverage': { type: 'string' },
} as const satisfies Options;

function ratioOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(value) || Number.isNaN(n))
    throw new CrosscheckError('invalid_input', `${name} must be a number from 0 to 1, got ${value}`);
  return n;
}

/** Finds marked as another speaker's are neither hits nor errors: their own line, so precision is read without them. */
function otherSpeakerLine(result: EvaluationResult): string {
  return `said by another speaker (marked as such, counted apart from hits and false positives): ${result.otherSpeakerFinds}`;
}

/** "near-verbatim 5/6 (0.833), drifted …": the kinds a set labels, then any expected spans it leaves unlabelled. */
function kindLine(result: EvaluationResult): string {
  const parts = KIND_BUCKETS.filter((k) => k !== UNLABELLED || result.byKind[k].expected > 0).map((k) => {
    const { expected, found, recall } = result.byKind[k];
    return `${k} ${found}/${expected} (${recall ?? '—'})`;
  });
  return `recall by kind: ${parts.join(', ')}`;
}

function totalsLine(result: EvaluationResult): string {
  const fragments =
    result.fragmentFalsePositives > 0
      ? `; ${result.fragmentFalsePositives} of the ${result.falsePositives} false positives are fragments of expected spans`
      : '';
  return `precision ${result.precision} (${result.truePositives}/${result.truePositives + result.falsePositives}${fragments}), recall ${result.recall} (${result.truePositives}/${result.expected}), exact boundaries ${result.exactBoundaries}`;
}

function printSources(io: Io, result: EvaluationResult, prefix: (setFile: string | undefined) => string): void {
  io.out(
    formatTable(
      ['source', 'expected', 'found', 'false positives', 'exact boundaries'],
      result.sources.map((s) => [prefix(s.set) + s.id, s.expected, s.found, s.falsePositives.length, s.exactBoundaries]),
    ),
  );
  for (const s of result.sources) {
    for (const m of s.missed) io.out(`  missed    ${prefix(s.set)}${s.id}: ${m.file}${m.kind ? ` [${m.kind}]` : ''} “${m.quote}”`);
    for (const f of s.falsePositives)
      io.out(`  false +   ${prefix(s.set)}${s.id}: ${f.file} “${f.quote}” (${f.score})${f.fragment ? ' fragment of an expected span' : ''}`);
    for (const o of s.otherSpeaker) io.out(`  other     ${prefix(s.set)}${s.id}: ${o.file} “${o.quote}” (${o.score}) said by ${o.speaker ?? 'someone else'}`);
  }
}

const setName = (file: string | undefined) =>
  file === undefined
    ? ''
    : `${file
        .split(/[\\/]/)
        .pop()!
        .replace(/\.eval\.json$|\.json$/, '')}/`;

export const evalMatcherCommand: Command = {
  usage: 'eval-matcher [--set FILE|FOLDER]... [--min-score X] [--min-coverage X]',
  summary:
    'precision and recall (overall and by kind) of suggestions on labelled sets (default: the seed set); several --set, or a folder of *.eval.json sets, are pooled; uses no corpus',
  options: EVAL_OPTIONS,
  run({ args, json, io }) {
    const { values, positionals } = parse(args, EVAL_OPTIONS);
    noPositionals(positionals, 'eval-matcher');
    const options = { minScore: ratioOption(values['min-score'], '--min-score'), minCoverage: ratioOption(values['min-coverage'], '--min-coverage') };
    const files = evaluationSetFiles(values.set ?? [DEFAULT_SET]);
    const pooled = evaluateSets(files.map(loadEvaluationSet), options);
    if (files.length === 1) {
      // One set: the result as it always was (plus the per-kind figures), with no pooling around it.
      const {
        sets: [only],
      } = pooled;
      const { set: _file, ...result } = only!;
      if (json) {
        io.out(printJson(result));
        return 0;
      }
      printSources(io, result, () => '');
      io.out(totalsLine(result));
      io.out(otherSpeakerLine(result));
      io.out(kindLine(result));
      return 0;
    }
    if (json) {
      io.out(printJson(pooled));
      return 0;
    }
    printSources(io, pooled, setName);
    for (const r of pooled.sets) io.out(`${setName(r.set).slice(0, -1)}: ${totalsLine(r)}; ${kindLine(r)}`);
    io.out(`pooled over ${pooled.sets.length} sets: ${totalsLine(pooled)}`);
    io.out(otherSpeakerLine(pooled));
    io.out(kindLine(pooled));
    return 0;
  },
};
