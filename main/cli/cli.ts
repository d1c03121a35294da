import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { NewAnnotation, type Annotation, type ArticleSummary, type ImportResult } from '../api/contract.ts';
import { describeIssues } from '../api/dispatch.ts';
import { CrosscheckError, isCrosscheckError } from '../api/errors.ts';
import { openSession, type Session } from '../api/session.ts';
import { defaultCorpusPath } from '../corpus/location.ts';
import { importPaths } from '../ingest/importFiles.ts';
import { startServer } from '../server/httpServer.ts';
import { formatTable } from './format.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const SEEDS_DIR = `${projectRoot}seeds`;
export const RENDERER_DIR = `${projectRoot}dist/renderer`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

const USAGE = `Usage: crosscheck <command> [options]

Commands:
  import PATH...                 import .txt/.md files or folders of them
  articles                       list the articles
  show ARTICLE                   one article with its text
  annotate ARTICLE --start N --end M --tag claim|denial|attribution [--note TEXT] [--speaker NAME]
                                 tag a span (offsets in UTF-16 code units of the stored text)
  annotations [ARTICLE]          list annotations, of one article or all
  serve [--port N]               start browser mode and print the address to open

Options for every command:
  --db FILE    the corpus to use (default: ${defaultCorpusPath()})
  --json       machine-readable output on stdout
  --help       this text`;

const COMMON = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

type Command = (args: string[], session: () => Session, json: boolean, io: Io) => Promise<number> | number;

/** Runs one CLI invocation; returns the exit code. Errors go to stderr and change nothing. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.out(USAGE);
    return verb ? 0 : 2;
  }
  const command = COMMANDS[verb];
  if (!command) {
    io.err(`crosscheck: unknown command "${verb}". Run crosscheck --help for the list.`);
    return 2;
  }
  let session: Session | undefined;
  try {
    const { values } = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const dbPath = (values.db as string | undefined) ?? defaultCorpusPath();
    const open = () => (session ??= openSession({ dbPath, seedsDir: command.seeds ? SEEDS_DIR : undefined }));
    return await command.run(rest, open, values.json as boolean, io);
  } catch (error) {
    io.err(`crosscheck ${verb}: ${errorMessage(error)}`);
    return 1;
  } finally {
    if (verb !== 'serve') session?.close();
  }
}

function errorMessage(error: unknown): string {
  if (isCrosscheckError(error)) return error.message;
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return error.message;
  if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')) return `refused by the corpus: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<const O extends Options>(args: string[], options: O) {
  return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
}

const ANNOTATE_OPTIONS = {
  start: { type: 'string' },
  end: { type: 'string' },
  tag: { type: 'string' },
  note: { type: 'string' },
  speaker: { type: 'string' },
} as const satisfies Options;
const SERVE_OPTIONS = { port: { type: 'string' } } as const satisfies Options;

function wholeNumber(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new CrosscheckError('invalid_input', `${name} must be a whole number, got ${value ?? 'nothing'}`);
  return Number(value);
}

function onePositional(positionals: string[], what: string, required: boolean): string | undefined {
  if (positionals.length > 1) throw new CrosscheckError('invalid_input', `expected one ${what}, got ${positionals.length}`);
  if (required && positionals.length === 0) throw new CrosscheckError('invalid_input', `name the ${what}`);
  return positionals[0];
}

const articleRow = (a: ArticleSummary) => [a.id, a.published, a.outlet, a.title ?? a.fileName, a.length];
const ARTICLE_HEADERS = ['id', 'published', 'outlet', 'title', 'length'];

const summary = ({ id, title, outlet, published, url, fileName, length }: ArticleSummary) => ({ id, title, outlet, published, url, fileName, length });
const annotationJson = ({ id, articleId, start, end, quote, prefix, suffix, tag, note, speaker }: Annotation) =>
  ({ id, articleId, start, end, quote, prefix, suffix, tag, note, speaker });

const COMMANDS: Record<string, { options: Options; seeds?: boolean; run: Command }> = {
  import: {
    options: {},
    run(args, session, json, io) {
      const { positionals } = parse(args, {});
      if (positionals.length === 0) throw new CrosscheckError('invalid_input', 'name at least one file or folder to import');
      const results: ImportResult[] = importPaths(session().db, positionals, session().actor);
      if (json) io.out(JSON.stringify(results, null, 2));
      else {
        for (const r of results) io.out(`${r.status.padEnd(9)} ${r.file}${r.articleId ? ` (article ${r.articleId})` : ''}${r.reason ? `: ${r.reason}` : ''}`);
        const count = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
        io.out(`${count('imported')} imported, ${count('duplicate')} duplicate, ${count('failed')} failed`);
      }
      return results.some((r) => r.status === 'failed') ? 1 : 0;
    },
  },
  articles: {
    options: {},
    run(args, session, json, io) {
      const { positionals } = parse(args, {});
      if (positionals.length > 0) throw new CrosscheckError('invalid_input', 'articles takes no arguments');
      const articles = session().handlers['articles.list']({});
      io.out(json ? JSON.stringify(articles.map(summary), null, 2) : formatTable(ARTICLE_HEADERS, articles.map(articleRow)));
      return 0;
    },
  },
  show: {
    options: {},
    run(args, session, json, io) {
      const id = wholeNumber(onePositional(parse(args, {}).positionals, 'article', true), 'ARTICLE');
      const article = session().handlers['articles.get']({ id });
      if (json) io.out(JSON.stringify({ ...summary(article), text: article.text }, null, 2));
      else io.out(`${formatTable(ARTICLE_HEADERS, [articleRow(article)])}\n\n${article.text}`);
      return 0;
    },
  },
  annotate: {
    options: ANNOTATE_OPTIONS,
    run(args, session, json, io) {
      const { values, positionals } = parse(args, ANNOTATE_OPTIONS);
      const request = NewAnnotation.safeParse({
        articleId: wholeNumber(onePositional(positionals, 'article', true), 'ARTICLE'),
        start: wholeNumber(values.start, '--start'),
        end: wholeNumber(values.end, '--end'),
        tag: values.tag,
        note: values.note,
        speaker: values.speaker,
      });
      if (!request.success) throw new CrosscheckError('invalid_input', describeIssues('annotate', request.error));
      const annotation = session().handlers['annotations.create'](request.data);
      io.out(json ? JSON.stringify(annotationJson(annotation), null, 2) : `annotation ${annotation.id}: ${annotation.tag} “${annotation.quote}”`);
      return 0;
    },
  },
  annotations: {
    options: {},
    run(args, session, json, io) {
      const article = onePositional(parse(args, {}).positionals, 'article', false);
      const list = session().handlers['annotations.list']({ articleId: article === undefined ? undefined : wholeNumber(article, 'ARTICLE') });
      if (json) io.out(JSON.stringify(list.map(annotationJson), null, 2));
      else io.out(formatTable(['id', 'article', 'start', 'end', 'tag', 'speaker', 'quote'], list.map((a) => [a.id, a.articleId, a.start, a.end, a.tag, a.speaker, a.quote])));
      return 0;
    },
  },
  serve: {
    options: SERVE_OPTIONS,
    seeds: true,
    async run(args, session, json, io) {
      const { values } = parse(args, SERVE_OPTIONS);
      const port = values.port === undefined ? 0 : wholeNumber(values.port, '--port');
      if (port > 65535) throw new CrosscheckError('invalid_input', '--port must be at most 65535');
      if (!existsSync(`${RENDERER_DIR}/index.html`)) {
        throw new CrosscheckError('not_found', 'the app is not built yet: run `npm run build` first (`npm start` builds it for you)');
      }
      const server = await startServer({ dispatch: session().dispatch, staticDir: RENDERER_DIR, port });
      io.out(json ? JSON.stringify({ url: server.url, port: server.port }) : `Crosscheck is running in browser mode. Open:\n  ${server.url}\nPress Ctrl+C to stop.`);
      await waitForShutdown();
      await server.close();
      session().close();
      return 0;
    },
  },
};

function waitForShutdown(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
