import { CrosscheckError } from '../../contract/errors.ts';
import { addAnalyst } from '../../hub/analysts.ts';
import { isReadReplica, migrateHub, openHubPool } from '../../hub/hubDatabase.ts';
import { startHubServer } from '../../hub/hubServer.ts';
import { parseHubAddress } from '../../sync/hubAddress.ts';
import { HubClient } from '../../sync/hubClient.ts';
import { saveLogin, TOKEN_ENV } from '../../sync/hubLogin.ts';
import { parse, wholeNumber, type Command, type CommandContext, type Options } from '../args.ts';
import { printJson } from '../output.ts';

const HUB_OPTIONS = {
  database: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
} as const satisfies Options;

/** Read from the environment as well, so a password in the URL need not show in the process list. */
const DATABASE_ENV = 'CROSSCHECK_HUB_DATABASE';

function databaseUrl(given: string | undefined): string {
  const url = given ?? process.env[DATABASE_ENV];
  if (!url) throw new CrosscheckError('invalid_input', `name the hub's database: --database postgres://… (or set ${DATABASE_ENV})`);
  return url;
}

async function serve({ args, json, io }: CommandContext): Promise<number> {
  const { values, positionals } = parse(args, HUB_OPTIONS);
  if (positionals.length > 1) throw new CrosscheckError('invalid_input', 'hub serve takes no arguments');
  const port = values.port === undefined ? 0 : wholeNumber(values.port, '--port');
  if (port > 65535) throw new CrosscheckError('invalid_input', '--port must be at most 65535');
  const pool = openHubPool(databaseUrl(values.database));
  try {
    const version = await migrateHub(pool);
    const readOnly = await isReadReplica(pool);
    const hub = await startHubServer({ pool, port, host: values.host, readOnly });
    // Listening for the stop signal before announcing the address: a signal sent on seeing it must not find Node's default handler.
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const role = readOnly ? 'read replica: pulls only' : 'primary';
    io.out(
      json
        ? JSON.stringify({ url: hub.url, port: hub.port, schemaVersion: version, readOnly })
        : `Crosscheck hub listening on ${hub.url} (${role}, schema version ${version}). Press Ctrl+C to stop.`,
    );
    await stopped;
    await hub.close();
    return 0;
  } finally {
    await pool.end();
  }
}

async function addAnalystVerb({ args, json, io }: CommandContext): Promise<number> {
  const { values, positionals } = parse(args, HUB_OPTIONS);
  if (positionals.length !== 2) throw new CrosscheckError('invalid_input', 'usage: crosscheck hub add-analyst NAME --database postgres://…');
  const name = positionals[1]!;
  const pool = openHubPool(databaseUrl(values.database), { max: 1 });
  try {
    await migrateHub(pool);
    const token = await addAnalyst(pool, name);
    io.out(json ? printJson({ analyst: name, token }) : `Analyst ${name} added. Their token (shown only now; the hub keeps only its hash):\n${token}`);
    return 0;
  } finally {
    await pool.end();
  }
}

async function readStdinLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Paste the token the hub administrator gave you, then press Enter: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n') || text.length > 1000) break;
  }
  return text.split('\n')[0]!.trim();
}

async function login({ args, dbPath, json, io }: CommandContext): Promise<number> {
  const { positionals } = parse(args, HUB_OPTIONS);
  if (positionals.length !== 2)
    throw new CrosscheckError('invalid_input', 'usage: crosscheck hub login URL (the token is read from standard input or ' + TOKEN_ENV + ')');
  const address = parseHubAddress(positionals[1]!);
  const token = process.env[TOKEN_ENV]?.trim() || (await readStdinLine());
  if (!token) throw new CrosscheckError('invalid_input', 'no token given');
  // Checked against the hub before saving, so a typo is found now rather than at the next sync.
  const { analyst } = await new HubClient(address, token).me();
  const path = saveLogin(dbPath, address, token);
  io.out(
    json
      ? printJson({ hub: address.key, analyst, savedIn: path })
      : `Logged in to ${address.key} as ${analyst}; the token is saved in ${path} (readable by you only).`,
  );
  return 0;
}

const VERBS: Record<string, (context: CommandContext) => Promise<number>> = { serve, 'add-analyst': addAnalystVerb, login };

export const hubCommand: Command = {
  usage: 'hub serve|add-analyst NAME|login URL [--database URL] [--port N] [--host ADDR]',
  summary: 'run the team sync hub on PostgreSQL, add an analyst (prints their token once), or save a token for a hub',
  options: HUB_OPTIONS,
  keepsSessionOpen: true,
  run(context) {
    const verb = parse(context.args, HUB_OPTIONS).positionals[0];
    if (verb === undefined) throw new CrosscheckError('invalid_input', 'name what to do: crosscheck hub serve, hub add-analyst NAME or hub login URL');
    const run = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
    if (!run) throw new CrosscheckError('invalid_input', `unknown hub verb "${verb}"; use serve, add-analyst or login`);
    return run(context);
  },
};
