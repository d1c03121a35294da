/**
 * How long `crosscheck` takes to answer, from process start to exit, as a user runs it:
 * `--help`, a verb that never opens the corpus (`restore --help`), and a verb that opens one
 * (`articles` on a small corpus). Each is run several times after one warm-up run; the median
 * is the figure. The machine's load average is printed beside it, since a loaded machine
 * slows every figure alike. `--runs N` changes the number of runs (default 7).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';
import { cliEnv } from '../helpers/runCli.ts';
import { median, percentile, reportFigures, type Figure } from './report.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
/** The start time the CLI is held to for --help and a simple verb. */
const START_TARGET_MS = 300;

const folder = mkdtempSync(join(tmpdir(), 'crosscheck-cli-start-'));
const db = join(folder, 'corpus.sqlite');

function timeRun(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), args, { env: cliEnv(), encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`crosscheck ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

function measure(name: string, args: string[], target?: number): Figure {
  timeRun(args);
  const times = Array.from({ length: RUNS }, () => timeRun(args));
  return {
    name,
    unit: 'ms',
    ...(target === undefined ? {} : { target: { op: '<=' as const, value: target } }),
    value: median(times),
    basis: 'median',
    median: median(times),
    p95: percentile(times, 95),
    runs: RUNS,
  };
}

try {
  // The first open creates the corpus; later runs only open it.
  timeRun(['articles', '--db', db]);
  const empty = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  const nodeAlone = performance.now() - empty;
  reportFigures(
    'cli-start',
    [
      measure('crosscheck --help', ['--help'], START_TARGET_MS),
      measure('crosscheck restore --help (a verb, no corpus opened)', ['restore', '--help'], START_TARGET_MS),
      measure('crosscheck articles (opens a corpus)', ['articles', '--db', db]),
    ],
    [
      `node -e 0 alone: ${Math.round(nodeAlone)} ms`,
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    ],
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
