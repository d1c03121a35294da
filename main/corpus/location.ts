import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Crosscheck';
export const CORPUS_FILE_NAME = 'corpus.sqlite';

/**
 * The folder Electron names `userData` for this app, worked out the same way
 * without Electron, so the CLI and browser mode open the app's own corpus.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), PRODUCT_NAME);
}

/** `CROSSCHECK_DB` overrides the default, which is the corpus in the app's data folder. */
export function defaultCorpusPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CROSSCHECK_DB || join(userDataDir(env), CORPUS_FILE_NAME);
}

/** The name changes are recorded under: the logged-in user, unless told otherwise. */
export function currentAnalyst(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CROSSCHECK_ANALYST) return env.CROSSCHECK_ANALYST;
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}
