/**
 * `npm run bench:import-memory [-- --quick] [-- --files N]`: the memory of `crosscheck import` over a
 * folder of many article files (100,000 by default, 3,000 with --quick; a tenth saved web pages), run
 * as a user runs it, in its own process. The resident set size (RSS) of that process is read from
 * /proc every 200 ms: the peak over the run, and the RSS at each quarter of the run, so a steady
 * growth (memory that rises with the number of files) shows as later quarters above the first.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';
import { cliEnv } from '../helpers/runCli.ts';
import { writeArticleFiles } from './articleFiles.ts';
import { reportFigures, type Figure } from './report.ts';

const quick = process.argv.includes('--quick');
const filesArg = process.argv.indexOf('--files');
// --quick keeps the suite's quick run short: about 20 ms a file through the CLI on this loaded machine.
const FILES = filesArg > 0 ? Number(process.argv[filesArg + 1]) : quick ? 3_000 : 100_000;
const SAMPLE_MS = 200;
/** The flatness held to: RSS at the end of the run within this factor of RSS a quarter of the way in. */
const FLAT_RATIO = 1.25;

const work = mkdtempSync(join(tmpdir(), 'crosscheck-bench-import-memory-'));

function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function importWithSamples(folder: string, db: string): Promise<{ seconds: number; samples: number[]; summary: string; status: number | null }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), 'import', folder, '--db', db], {
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const samples: number[] = [];
  const timer = setInterval(() => {
    const rss = rssMb(child.pid!);
    if (rss !== null) samples.push(rss);
  }, SAMPLE_MS);
  let tail = '';
  child.stdout.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-400)));
  const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  return { seconds: (performance.now() - started) / 1000, samples, summary: tail.trim().split('\n').at(-1) ?? '', status };
}

try {
  const started = performance.now();
  const folder = join(work, 'files');
  writeArticleFiles(folder, FILES);
  const writeSeconds = (performance.now() - started) / 1000;
  const run = await importWithSamples(folder, join(work, 'corpus.sqlite'));
  if (run.samples.length < 4) throw new Error(`too few RSS samples (${run.samples.length}): the import ended at once (${run.summary})`);
  const at = (fraction: number) => run.samples[Math.min(run.samples.length - 1, Math.floor(fraction * (run.samples.length - 1)))]!;
  const figures: Figure[] = [
    { name: `import of ${FILES.toLocaleString('en')} article files (a tenth HTML)`, unit: 's', value: run.seconds, basis: 'single' },
    { name: 'milliseconds per file', unit: 'ms', value: (run.seconds * 1000) / FILES, basis: 'single' },
    { name: 'peak RSS of the importing process', unit: 'MB', value: Math.max(...run.samples), basis: 'peak' },
    { name: 'RSS a quarter of the way', unit: 'MB', value: at(0.25), basis: 'single' },
    { name: 'RSS half way', unit: 'MB', value: at(0.5), basis: 'single' },
    { name: 'RSS three quarters of the way', unit: 'MB', value: at(0.75), basis: 'single' },
    { name: 'RSS at the end', unit: 'MB', value: at(1), basis: 'single' },
    { name: 'RSS at the end ÷ a quarter of the way', unit: 'ratio', value: at(1) / at(0.25), basis: 'single', target: { op: '<=', value: FLAT_RATIO } },
  ];
  reportFigures('bench:import-memory', figures, [
    `crosscheck import exited ${run.status}: ${run.summary}`,
    `${run.samples.length} RSS samples, one every ${SAMPLE_MS} ms`,
    `files written in ${writeSeconds.toFixed(0)} s (not measured)`,
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ]);
  if (run.status !== 0) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
