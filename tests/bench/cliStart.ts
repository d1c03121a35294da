/**
 * How long `crosscheck` takes to answer, from process start to exit, as a user runs it:
 * `--help`, a verb that never opens the corpus (`restore --help`), and a verb that opens one
 * (`articles` on a small corpus). Each is run several times after one warm-up run; the median
 * is the figure. On a machine other work loads, wall time says more about the load than about
 * the CLI, so each run also reports the CPU time its process used (user + system, all its threads),
 * which is close to what the run takes on an idle core; the load average is printed beside them.
 * `--runs N` changes the number of runs (default 7); `--source` times the TypeScript sources even when
 * the pre-built bundle (`npm run build`, dist/cli/) is current, for the before/after comparison.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';
import { currentBundleEntry } from '../../main/cli/bundledCli.js';
import { cliEnv } from '../helpers/runCli.ts';
import { median, percentile, reportFigures, type Figure } from './report.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const FROM_SOURCE = process.argv.includes('--source');
/** The start time the CLI is held to for --help and a simple verb. */
const START_TARGET_MS = 300;

const folder = mkdtempSync(join(tmpdir(), 'crosscheck-cli-start-'));
const db = join(folder, 'corpus.sqlite');

/** Prints the process's CPU time on its way out, where the bench can read it from stderr. */
const REPORT_CPU = `data:text/javascript,process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('CPU_MS ' + (u.user + u.system) / 1000 + '\\n'); });`;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timeRun(args: string[]): Timing {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', REPORT_CPU, join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), ...args], {
    env: cliEnv(FROM_SOURCE ? { CROSSCHECK_CLI_FROM_SOURCE: '1' } : {}),
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`crosscheck ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const cpu = /CPU_MS ([\d.]+)/.exec(result.stderr);
  if (!cpu) throw new Error(`crosscheck ${args.join(' ')} reported no CPU time: ${result.stderr}`);
  return { wallMs, cpuMs: Number(cpu[1]) };
}

function figure(name: string, values: number[], target?: number): Figure {
  return {
    name,
    unit: 'ms',
    ...(target === undefined ? {} : { target: { op: '<=' as const, value: target } }),
    value: median(values),
    basis: 'median',
    median: median(values),
    p95: percentile(values, 95),
    runs: values.length,
  };
}

function measure(name: string, args: string[], target?: number): Figure[] {
  timeRun(args);
  const timings = Array.from({ length: RUNS }, () => timeRun(args));
  return [
    figure(
      `${name}: CPU time`,
      timings.map((t) => t.cpuMs),
      target,
    ),
    figure(
      `${name}: wall time`,
      timings.map((t) => t.wallMs),
    ),
  ];
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
      ...measure('crosscheck --help', ['--help'], START_TARGET_MS),
      ...measure('crosscheck restore --help (a verb, no corpus opened)', ['restore', '--help'], START_TARGET_MS),
      ...measure('crosscheck articles (opens a corpus)', ['articles', '--db', db]),
    ],
    [
      `entry timed: ${FROM_SOURCE ? 'the TypeScript sources (--source)' : currentBundleEntry() ? 'the pre-built bundle (dist/cli/)' : 'the TypeScript sources (no current bundle: run npm run build)'}`,
      `node -e 0 alone: ${Math.round(nodeAlone)} ms wall`,
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    ],
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
