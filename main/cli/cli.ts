import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isCrosscheckError } from '../contract/errors.ts';
import type { Session } from '../api/session.ts';
import { busyError, defaultCorpusPath, describeIntegrity } from '../api/corpusFile.ts';
import { COMMON, type Io } from './args.ts';
import { COMMANDS } from './commands/index.ts';
import { terminalSafe } from './terminalSafe.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

const processIo: Io = {
  out: (text) => process.stdout.write(terminalSafe(text) + '\n'),
  err: (text) => process.stderr.write(terminalSafe(text) + '\n'),
};

function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const lines = Object.values(COMMANDS).map((c) =>
    c.usage.length > 40 ? `  ${c.usage}\n  ${' '.repeat(32)} ${c.summary}` : `  ${c.usage.padEnd(Math.min(width, 30))}   ${c.summary}`,
  );
  return `Usage: crosscheck <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  --db FILE    the corpus to use (default: ${defaultCorpusPath()})
  --json       machine-readable output on stdout
  --help       this text`;
}

/** Runs one CLI invocation and returns its exit code. Errors go to stderr and change nothing. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [verb, ...args] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.out(usage());
    return verb ? 0 : 2;
  }
  const verbEntry = Object.hasOwn(COMMANDS, verb) ? COMMANDS[verb] : undefined;
  if (!verbEntry) {
    io.err(`crosscheck: unknown command "${verb}". Run crosscheck --help for the list.`);
    return 2;
  }
  let session: Session | undefined;
  let keepsSessionOpen = false;
  try {
    const command = await verbEntry.load();
    keepsSessionOpen = command.keepsSessionOpen ?? false;
    const { values } = parseArgs({ args, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(usage());
      return 0;
    }
    const dbPath = (values.db as string | undefined) ?? defaultCorpusPath();
    // Loaded once the arguments parse: opening a corpus needs every room behind the handlers.
    const { openSession } = await import('../api/session.ts');
    const open = () => {
      if (session) return session;
      session = openSession({ dbPath, seedsDir: command.seeds ? SEEDS_DIR : undefined });
      if (!session.integrity.ok && verb !== 'verify')
        io.err(`crosscheck: warning: ${describeIntegrity(session.integrity)}. Run crosscheck verify for the full check.`);
      return session;
    };
    return await command.run({ args, dbPath, session: open, json: values.json as boolean, io });
  } catch (error) {
    io.err(`crosscheck ${verb}: ${errorMessage(error)}`);
    return 1;
  } finally {
    if (!keepsSessionOpen) session?.close();
  }
}

function errorMessage(error: unknown): string {
  if (isCrosscheckError(error)) return error.message;
  const busy = busyError(error);
  if (busy) return busy.message;
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code.startsWith('SQLITE_CONSTRAINT')) return `refused by the corpus: ${(error as Error).message}`;
  return error instanceof Error ? error.message : String(error);
}
