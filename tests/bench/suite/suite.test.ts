import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchResults } from './benchResults.ts';
import { benchScriptNames, selectBenchScripts } from './benchScripts.ts';
import { runBenchScript } from './runBenchScript.ts';
import { suiteSummary, suiteTable } from './suiteTable.ts';
import { PROJECT_ROOT } from '../../helpers/projectPaths.ts';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const run = (script: string, file: string, extra: string[] = []) =>
  runBenchScript(script, process.execPath, [fixture(file), ...extra], { cwd: PROJECT_ROOT, echo: () => {} });

describe('discovering benchmark scripts', () => {
  it('takes every bench:* script, known ones in suite order, later additions after them alphabetically', () => {
    const scripts = {
      test: 'vitest',
      bench: 'node runSuite.ts',
      'bench:crash': 'x',
      'bench:zeta': 'x',
      'bench:render': 'x',
      'bench:alpha': 'x',
      'bench:io': 'x',
      'bench:': 'x',
    };
    expect(benchScriptNames(scripts)).toEqual(['render', 'io', 'crash', 'alpha', 'zeta']);
  });

  it('narrows to --only, refusing a name that has no script', () => {
    expect(selectBenchScripts(['render', 'io', 'crash'], ['crash', 'render'])).toEqual(['render', 'crash']);
    expect(selectBenchScripts(['render'], null)).toEqual(['render']);
    expect(() => selectBenchScripts(['render'], ['rendr'])).toThrow(/bench:rendr/);
  });
});

describe('running a benchmark script', () => {
  it('collects the BENCH_RESULT of a script that reports, passing --quick through', async () => {
    const outcome = await run('loop', 'reportingBench.ts', ['--quick']);
    expect(outcome.problem).toBeUndefined();
    expect(outcome.reports).toHaveLength(1);
    const [loop, count] = outcome.reports[0]!.figures;
    expect(loop).toMatchObject({ name: 'loop time', runs: 3, pass: true });
    expect(loop!.p95).toBeGreaterThanOrEqual(loop!.median!);
    expect(count).toMatchObject({ name: 'runs', value: 3, pass: false });
  });

  it('says so when a script prints no result', async () => {
    expect(await run('silent', 'silentBench.ts')).toMatchObject({ exitCode: 0, reports: [], problem: 'printed no BENCH_RESULT line' });
  });

  it('says so when a script crashes, keeping what it reported before', async () => {
    const outcome = await run('crash', 'crashingBench.ts');
    expect(outcome).toMatchObject({ exitCode: 1, problem: 'exited with code 1' });
    expect(outcome.reports[0]!.bench).toBe('fixture crash');
  });
});

describe('the combined table', () => {
  it('has one row per figure and one ERROR row per broken script, and a summary that names them', async () => {
    const outcomes = [await run('loop', 'reportingBench.ts'), await run('silent', 'silentBench.ts')];
    const lines = suiteTable(outcomes).split('\n');
    expect(lines[0]).toMatch(/^bench\s+figure\s+target\s+measured\s+median\s+p95$/);
    expect(lines[1]).toMatch(/^fixture loop\s+loop time\s+<= 10000 ms\s+[\d.]+ ms \(median\)\s+[\d.]+\s+[\d.]+\s+pass$/);
    expect(lines[2]).toMatch(/^fixture loop\s+runs\s+>= 1000 count\s+7 count \(total\)\s+FAIL$/);
    expect(lines[3]).toMatch(/^bench:silent\s+printed no BENCH_RESULT line\s+ERROR$/);
    expect(suiteSummary(outcomes)).toBe('2 figures: 1 pass, 1 FAIL, 0 without target; 1 scripts broken (bench:silent)');
  });
});

describe('parsing BENCH_RESULT lines', () => {
  it('ignores other output and rejects a result line that is not a report', () => {
    expect(parseBenchResults('hello\nBENCH_RESULTS are below\n')).toEqual([]);
    expect(() => parseBenchResults('BENCH_RESULT {"figures":3}')).toThrow(/Malformed/);
    expect(() => parseBenchResults('BENCH_RESULT {not json')).toThrow();
  });
});
