/**
 * `npm start`: build when sources changed, then open the desktop app on the
 * analyst's corpus. Where Electron cannot run (its runtime cannot be fetched on
 * an offline machine, or there is no display), say so in one line and serve
 * browser mode on the same corpus instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { main as cli } from '../cli/cli.ts';
import { buildAll } from './build.ts';
import { isBuildCurrent, projectPath } from './buildState.ts';

const require = createRequire(import.meta.url);
/** Electron that dies this soon after launch never showed a window: fall back rather than leave the user with nothing. */
const EARLY_EXIT_MS = 4000;

async function start(args: string[]): Promise<void> {
  if (!isBuildCurrent()) {
    console.log('Building Crosscheck…');
    await buildAll();
  }
  const forceBrowser = args.includes('--browser') || process.env.CROSSCHECK_BROWSER === '1';
  const electron = forceBrowser ? { ok: false as const, reason: 'browser mode requested' } : findElectron();
  const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

  if (electron.ok && display) {
    const exitedEarly = await runElectron(electron.path);
    if (!exitedEarly) return;
    console.log('Electron could not start here; starting browser mode instead.');
  } else if (!electron.ok) {
    console.log(`Electron runtime not available (${electron.reason}); starting browser mode instead.`);
  } else {
    console.log('No display found for a desktop window; starting browser mode instead.');
  }
  process.exitCode = await cli(['serve', ...passThrough(args)]);
}

/** The Electron binary, fetched on first launch if the install skipped it (its download is not part of npm install). */
function findElectron(): { ok: true; path: string } | { ok: false; reason: string } {
  const packageDir = dirname(require.resolve('electron/package.json'));
  const binary = () => {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const full = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(full) ? full : null;
  };
  const present = binary();
  if (present) return { ok: true, path: present };
  console.log('Fetching the Electron runtime (first launch)…');
  const download = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  const fetched = binary();
  if (download.status === 0 && fetched) return { ok: true, path: fetched };
  const detail = `${download.stderr ?? ''}`
    .split('\n')
    .find((line) => /error/i.test(line))
    ?.trim();
  return { ok: false, reason: `could not download it${detail ? `: ${detail.slice(0, 160)}` : ''}` };
}

/** Resolves true when Electron exited before it could have shown a window. */
function runElectron(binary: string): Promise<boolean> {
  const started = Date.now();
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [projectPath('.')], { stdio: 'inherit', env });
  return new Promise((resolve) => {
    child.on('error', () => resolve(true));
    child.on('exit', (code) => {
      const early = code !== 0 && Date.now() - started < EARLY_EXIT_MS;
      if (!early) process.exitCode = code ?? 0;
      resolve(early);
    });
  });
}

/** Options meant for browser mode (`--port`, `--db`) pass through to `crosscheck serve`. */
function passThrough(args: string[]): string[] {
  return args.filter((arg) => arg !== '--browser');
}

await start(process.argv.slice(2));
