import { spawn } from 'node:child_process';
import { parseBenchResults } from './benchResults.ts';
import type { ScriptOutcome } from './suiteTable.ts';

/**
 * Runs one benchmark in a child process, echoing its output as it comes (a full
 * run takes minutes; silence would look like a hang) and keeping it to parse.
 */
export function runBenchScript(
  script: string,
  command: string,
  args: string[],
  options: { cwd: string; echo?: (chunk: string) => void },
): Promise<ScriptOutcome> {
  const echo = options.echo ?? ((chunk: string) => process.stdout.write(chunk));
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      echo(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => echo(chunk));
    child.on('error', (error) => resolve({ script, exitCode: null, reports: [], problem: `could not start: ${error.message}` }));
    child.on('close', (exitCode, signal) => {
      let reports: ScriptOutcome['reports'] = [];
      let problem: string | undefined;
      try {
        reports = parseBenchResults(stdout);
      } catch (error) {
        problem = (error as Error).message;
      }
      if (exitCode !== 0) problem = signal ? `killed by ${signal}` : `exited with code ${exitCode}`;
      else if (!problem && reports.length === 0) problem = 'printed no BENCH_RESULT line';
      resolve(problem ? { script, exitCode, reports, problem } : { script, exitCode, reports });
    });
  });
}
