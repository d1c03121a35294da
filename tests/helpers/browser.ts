import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openSession, type Session } from '../../main/api/session.ts';
import { startCorpusHost, type CorpusHost } from '../../main/api/corpusHost.ts';
import { startServer, type RunningServer } from '../../main/server/httpServer.ts';
import { PROJECT_ROOT, SEEDS_DIR } from './projectPaths.ts';

/** Debian's Chromium; elsewhere point CROSSCHECK_CHROMIUM at any Chromium or Chrome. */
export const CHROMIUM_PATH = process.env.CROSSCHECK_CHROMIUM ?? '/usr/bin/chromium';
export const RENDERER_DIR = join(PROJECT_ROOT, 'dist', 'renderer');

/** Flags that keep Chromium quiet on a machine without network or display, running as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium (Playwright gives each launch a fresh, throw-away profile).
 * A missing browser is a failure, never a skip.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CROSSCHECK_CHROMIUM. End-to-end tests never skip.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The app as `crosscheck serve` runs it: a real corpus file, seeded on first
 * run and opened here first (migrations, the text check), then every request
 * answered by the corpus host's worker threads, downloads by its exporter, the
 * stored suggestion queue kept up to date in the writer's background refresher,
 * and the built renderer. `session` is a connection of the test's own to the
 * same file, for setting a corpus up and reading what the app stored; `request`
 * asks the app itself (what lives in the writer's memory, such as jobs).
 * `refreshSuggestions: false` leaves the refresher out, for a test that drives
 * the matcher's work itself.
 */
export async function startApp(
  dbPath: string,
  options: { refreshSuggestions?: boolean } = {},
): Promise<{ session: Session; host: CorpusHost; server: RunningServer; request: CorpusHost['dispatch']; close(): Promise<void> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` (npm test does).');
  const session = openSession({ dbPath, seedsDir: SEEDS_DIR, actor: 'e2e' });
  let host: CorpusHost;
  try {
    // Looks every 250 ms rather than serve's 2 s, so suggestions appear within a test's patience.
    host = await startCorpusHost({ dbPath, actor: 'e2e', refreshSuggestions: options.refreshSuggestions ?? true, refreshLookEveryMs: 250 });
  } catch (error) {
    session.close();
    throw error;
  }
  const server = await startServer({ dispatch: host.dispatch, dispatchBody: host.dispatchBody, downloads: host.downloads, staticDir: RENDERER_DIR });
  return {
    session,
    host,
    server,
    request: host.dispatch,
    close: async () => void (await server.close(), await host.close(), session.close()),
  };
}

export type RunningApp = Awaited<ReturnType<typeof startApp>>;

/**
 * The lifecycle every end-to-end file shares: one Chromium per file, and at
 * most one app per test, stopped when the test ends whatever its outcome.
 */
export function useBrowserAndApp() {
  let browser: Browser | undefined;
  let app: RunningApp | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return {
    browser: () => browser!,
    /** The app the current test started. */
    app: () => app!,
    /** Starts the app on a corpus file (a new one is seeded, as on a first run). */
    async start(dbPath: string, options: { refreshSuggestions?: boolean } = {}): Promise<RunningApp> {
      await app?.close();
      app = await startApp(dbPath, options);
      return app;
    },
    /**
     * Starts the app and opens it in a new tab. `problems` collects page errors
     * and, unless told otherwise, console errors (a test that provokes refused
     * requests sees Chromium log their HTTP status as console errors).
     */
    async open(dbPath: string, options: { viewport?: { width: number; height: number }; consoleErrors?: boolean; refreshSuggestions?: boolean } = {}) {
      const running = await this.start(dbPath, { refreshSuggestions: options.refreshSuggestions });
      const page = await browser!.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      if (options.consoleErrors !== false) page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      await page.goto(running.server.url);
      return { page, problems, app: running };
    },
    async stop(): Promise<void> {
      await app?.close();
      app = undefined;
    },
  };
}
