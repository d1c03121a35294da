import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CrosscheckError } from '../../contract/errors.ts';
import { startCorpusHost } from '../../api/corpusHost.ts';
import { FILE_OPERATIONS } from '../../api/fileOperations.ts';
import { startServer } from '../../server/httpServer.ts';
import { parse, wholeNumber, type Command, type Options } from '../args.ts';

export const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));
const SERVE_OPTIONS = { port: { type: 'string' } } as const satisfies Options;

export const serveCommand: Command = {
  usage: 'serve [--port N]',
  summary: 'start browser mode and print the address to open',
  options: SERVE_OPTIONS,
  seeds: true,
  keepsSessionOpen: true,
  async run({ args, dbPath, session, json, io }) {
    const { values } = parse(args, SERVE_OPTIONS);
    const port = values.port === undefined ? 0 : wholeNumber(values.port, '--port');
    if (port > 65535) throw new CrosscheckError('invalid_input', '--port must be at most 65535');
    if (!existsSync(`${RENDERER_DIR}/index.html`)) {
      throw new CrosscheckError('not_found', 'the app is not built yet: run `npm run build` first (`npm start` builds it for you)');
    }
    // Every request is answered by the corpus host's workers (the refresher runs in its writer): this thread only serves HTTP.
    const host = await startCorpusHost({ dbPath, actor: session().actor, refreshSuggestions: true });
    const server = await startServer({ dispatch: host.dispatch, dispatchBody: host.dispatchBody, downloads: host.downloads, staticDir: RENDERER_DIR, port });
    const backups = await FILE_OPERATIONS.scheduleBackups(session().db, dbPath);
    const checks = await FILE_OPERATIONS.scheduleFullChecks(session().db, {
      onDamage: (verdict) => io.err(`crosscheck: the weekly full check found the corpus damaged (${verdict}); stop, then run crosscheck restore`),
    });
    // Listening for the stop signal before announcing the address: a signal sent on seeing it must not find Node's default handler.
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.out(
      json ? JSON.stringify({ url: server.url, port: server.port }) : `Crosscheck is running in browser mode. Open:\n  ${server.url}\nPress Ctrl+C to stop.`,
    );
    await stopped;
    await server.close();
    await host.close();
    checks.stop();
    await checks.whenIdle();
    await backups.stop();
    session().close();
    return 0;
  },
};
