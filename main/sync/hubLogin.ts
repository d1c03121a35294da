/**
 * Saved hub logins: tokens kept beside the corpus in a file only its owner can read,
 * each under the hub address it was given for, so a token is only ever offered to that hub.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CrosscheckError } from '../contract/errors.ts';
import type { HubAddress } from './hubAddress.ts';

export const LOGIN_FILE_NAME = 'hub-logins.json';
export const TOKEN_ENV = 'CROSSCHECK_HUB_TOKEN';

export const loginFilePath = (dbPath: string) => join(dirname(dbPath), LOGIN_FILE_NAME);

function readLogins(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, string>;
  } catch {
    // Falls through to the error below.
  }
  throw new CrosscheckError('invalid_input', `${path} is not a saved-logins file; remove it and run crosscheck hub login again`);
}

export function saveLogin(dbPath: string, address: HubAddress, token: string): string {
  const path = loginFilePath(dbPath);
  const logins = readLogins(path);
  logins[address.key] = token;
  const partial = `${path}.partial`;
  writeFileSync(partial, JSON.stringify(logins, null, 2) + '\n', { mode: 0o600 });
  // The mode given to writeFileSync only applies to a new file; make sure of it either way.
  chmodSync(partial, 0o600);
  renameSync(partial, path);
  return path;
}

/** The hub addresses with a saved login beside this corpus, in the order they were first saved. */
export function savedHubs(dbPath: string): string[] {
  return Object.keys(readLogins(loginFilePath(dbPath)));
}

export function savedToken(dbPath: string, address: HubAddress): string | null {
  const token = readLogins(loginFilePath(dbPath))[address.key];
  return typeof token === 'string' ? token : null;
}

/** The token for this hub: CROSSCHECK_HUB_TOKEN when set, else the login saved for exactly this address. */
export function tokenFor(dbPath: string, address: HubAddress, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[TOKEN_ENV]?.trim();
  if (fromEnv) return fromEnv;
  const saved = savedToken(dbPath, address);
  if (saved) return saved;
  throw new CrosscheckError('unauthorized', `no token for ${address.key}: run \`crosscheck hub login ${address.key}\` or set ${TOKEN_ENV}`);
}
