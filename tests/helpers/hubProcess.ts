/** `crosscheck hub serve` in a child process, as an operator runs it, so tests and benchmarks can kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cliEnv } from './runCli.ts';
import { PROJECT_ROOT } from './projectPaths.ts';

export interface HubProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the hub wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  exited: Promise<number | string | null>;
  stop(signal?: NodeJS.Signals): Promise<number | string | null>;
}

export async function spawnHub(databaseUrl: string, options: { port?: number } = {}): Promise<HubProcess> {
  const args = ['hub', 'serve', '--database', databaseUrl, '--json', ...(options.port ? ['--port', String(options.port)] : [])];
  const child = spawn(join(PROJECT_ROOT, 'main', 'cli', 'crosscheck.js'), args, { cwd: PROJECT_ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const line = await Promise.race([
    new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve)),
    exited.then((code) => Promise.reject(new Error(`crosscheck hub serve exited (${code}) before listening: ${stderr}`))),
  ]);
  const { url, port } = JSON.parse(line) as { url: string; port: number };
  return {
    url,
    port,
    child,
    stderr: () => stderr,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
