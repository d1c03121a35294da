import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CrosscheckError } from '../contract/errors.ts';
import type { Session } from '../api/session.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  args: string[];
  /** The corpus file named by --db or the default; for commands that must not open it (restore). */
  dbPath: string;
  /** Opens the corpus on first use, so commands that fail on their arguments never touch it. */
  session(): Session;
  json: boolean;
  io: Io;
}

export interface Command {
  /** One line for --help: the usage, then what it does. */
  usage: string;
  summary: string;
  options: Options;
  /** True for commands that run the app, which imports the seed corpus into a new corpus. */
  seeds?: boolean;
  /** Long-running commands (serve) close the corpus themselves. */
  keepsSessionOpen?: boolean;
  run(context: CommandContext): Promise<number> | number;
}

export function parse<const O extends Options>(args: string[], options: O) {
  return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
}

export function wholeNumber(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new CrosscheckError('invalid_input', `${name} must be a whole number, got ${value ?? 'nothing'}`);
  return Number(value);
}

export function onePositional(positionals: string[], what: string, required: true): string;
export function onePositional(positionals: string[], what: string, required: false): string | undefined;
export function onePositional(positionals: string[], what: string, required: boolean): string | undefined {
  if (positionals.length > 1) throw new CrosscheckError('invalid_input', `expected one ${what}, got ${positionals.length}`);
  if (required && positionals.length === 0) throw new CrosscheckError('invalid_input', `name the ${what}`);
  return positionals[0];
}

export function noPositionals(positionals: string[], command: string): void {
  if (positionals.length > 0) throw new CrosscheckError('invalid_input', `${command} takes no arguments`);
}
