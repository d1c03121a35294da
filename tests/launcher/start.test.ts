import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEnv } from '../helpers/runCli.ts';
import { PROJECT_ROOT, tempDir } from '../helpers/tempCorpus.ts';

/** Runs `npm start` until it prints an address; `stop` ends it and waits until every process of it is gone. */
function startUntilUrl(env: NodeJS.ProcessEnv): Promise<{ output: string; url: string; stop(): Promise<void> }> {
  const child = spawn('npm', ['start', '--silent'], { cwd: PROJECT_ROOT, env: cliEnv(env), detached: true });
  let output = '';
  let settled = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no address within 60 s:\n${output}`)), 60_000);
    // The server backs the corpus up on quit: the test's folder may go only once it is done.
    const stop = async () => {
      const group = -child.pid!;
      const alive = () => {
        try {
          process.kill(group, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (alive()) process.kill(group, 'SIGTERM');
      for (let waited = 0; alive() && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    };
    const finish = (error: Error | null, url?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        void stop();
        reject(error);
      } else resolve({ output, url: url!, stop });
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output)?.[0];
      if (url) finish(null, url);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => !settled && finish(new Error(`npm start exited (${code}) before printing an address:\n${output}`)));
  });
}

describe('npm start', () => {
  it('falls back to browser mode with one clear line when the Electron runtime cannot be fetched', async () => {
    // A mirror on a closed local port makes the download fail at once, as it does offline.
    const { output, url, stop } = await startUntilUrl({
      CROSSCHECK_DB: join(tempDir(), 'corpus.sqlite'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: tempDir(),
      ELECTRON_OVERRIDE_DIST_PATH: '',
      DISPLAY: '',
      WAYLAND_DISPLAY: '',
    });
    expect(output).toMatch(/(Electron runtime not available \(.+\)|No display found for a desktop window); starting browser mode instead\./);
    try {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Crosscheck</title>');
    } finally {
      await stop();
    }
  });
});
