/**
 * `npm run bench [-- --quick] [--only render,peer]`: runs every `bench:*` script
 * of package.json, one after the other (they share two cores; running them side
 * by side would measure the contention), then prints one combined table.
 * Exits 0 when targets fail — benchmarks report, they do not gate — and 1 when
 * a script crashed or printed no result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';
import { benchScriptNames, selectBenchScripts } from './suite/benchScripts.ts';
import { runBenchScript } from './suite/runBenchScript.ts';
import { suiteSummary, suiteTable, type ScriptOutcome } from './suite/suiteTable.ts';

function parseArgs(argv: string[]): { quick: boolean; only: string[] | null } {
  let quick = false;
  let only: string[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only') only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length).split(',').filter(Boolean);
    else throw new Error(`Unknown argument ${arg}; usage: npm run bench -- [--quick] [--only a,b]`);
  }
  return { quick, only };
}

/** npm as the one running this script, so each benchmark gets the same Node and PATH that `npm run` gives. */
function npmCommand(): { command: string; prefix: string[] } {
  const npmCli = process.env.npm_execpath;
  return npmCli ? { command: process.execPath, prefix: [npmCli] } : { command: 'npm', prefix: [] };
}

const { quick, only } = parseArgs(process.argv.slice(2));
const scripts = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
const names = selectBenchScripts(benchScriptNames(scripts), only);
if (names.length === 0) throw new Error('package.json has no bench:* script to run');
const npm = npmCommand();
const started = performance.now();
const outcomes: ScriptOutcome[] = [];
for (const name of names) {
  console.log(`\n=== bench:${name}${quick ? ' --quick' : ''} ===`);
  const args = [...npm.prefix, 'run', '--silent', `bench:${name}`, ...(quick ? ['--', '--quick'] : [])];
  const outcome = await runBenchScript(name, npm.command, args, { cwd: PROJECT_ROOT });
  if (outcome.problem) console.error(`bench:${name}: ${outcome.problem}`);
  outcomes.push(outcome);
}
console.log(`\nBenchmark suite${quick ? ' (quick)' : ''}: ${names.length} scripts in ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(suiteTable(outcomes));
console.log(suiteSummary(outcomes));
process.exitCode = outcomes.some((o) => o.problem) ? 1 : 0;
