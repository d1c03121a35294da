import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from './projectPaths.ts';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Environment in which `#!/usr/bin/env node` finds the project's Node 22, as it does under npm and npx. */
export const cliEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: [join(PROJECT_ROOT, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
  ...extra,
});

/** Runs the `crosscheck` executable in a child process, exactly as a shell would. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: cliEnv(options.env),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
