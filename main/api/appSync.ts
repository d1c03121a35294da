import type { SyncStatus } from '../contract/contract.ts';
import { CrosscheckError, isCrosscheckError } from '../contract/errors.ts';
import type { Db } from '../corpus/database.ts';
import { lastSyncRuns, recordSyncRun, syncStatus } from '../corpus/syncDevice.ts';
import { openDeviceLog } from '../sync/corpusDeviceLog.ts';
import { parseHubAddress, type HubAddress } from '../sync/hubAddress.ts';
import { HubClient } from '../sync/hubClient.ts';
import { savedHubs, tokenFor } from '../sync/hubLogin.ts';
import { syncWithHub } from '../sync/syncWithHub.ts';

/**
 * Sync as the app runs it: "Sync now" and the automatic sync start one run in
 * the background and answer at once; the top bar asks `sync.status` how it
 * goes. One run at a time per corpus; each run's outcome is kept (sync_runs)
 * with its message in words, so the bar can say what went wrong after a restart too.
 */

/** The "automatic sync every minute"; CROSSCHECK_AUTO_SYNC_SECONDS changes it (tests use a few seconds). */
const DEFAULT_AUTO_SYNC_SECONDS = 60;

export interface AppSync {
  status(): SyncStatus;
  start(): SyncStatus;
  /** The run under way, if any (tests and shutdown wait for it). */
  running(): Promise<void> | null;
}

export function createAppSync(db: Db, actor: string, dbPath: string | undefined, env: NodeJS.ProcessEnv = process.env): AppSync {
  let current: Promise<void> | null = null;
  const autoSyncSeconds = Math.max(1, Math.floor(Number(env.CROSSCHECK_AUTO_SYNC_SECONDS) || DEFAULT_AUTO_SYNC_SECONDS));

  const status = (): SyncStatus => {
    const { last, lastSuccessAt } = lastSyncRuns(db);
    let hub: string | null = null;
    try {
      hub = configuredHub(dbPath, env)?.key ?? null;
    } catch (error) {
      if (!isCrosscheckError(error)) throw error;
    }
    return {
      ...syncStatus(db),
      analyst: actor,
      hub,
      running: current !== null,
      lastRun: last && { finishedAt: last.finishedAt, ok: last.ok, message: last.message, pushed: last.pushed, applied: last.applied },
      lastSuccessAt,
      autoSyncSeconds,
    };
  };

  const start = (): SyncStatus => {
    if (current) return status();
    const address = configuredHub(dbPath, env);
    if (!address)
      throw new CrosscheckError('invalid_input', 'No team hub is set up for this corpus: run `crosscheck hub login URL` once, then sync from here.');
    const client = new HubClient(address, tokenFor(dbPath!, address, env));
    const startedAt = new Date().toISOString();
    current = syncWithHub(openDeviceLog(db, actor), client)
      .then(
        (report) => ({ ok: true, message: null, pushed: report.pushed, applied: report.applied }),
        (error: unknown) => ({ ok: false, message: inWords(error, address), pushed: 0, applied: 0 }),
      )
      .then((outcome) => {
        if (db.open) recordSyncRun(db, { hub: address.key, startedAt, finishedAt: new Date().toISOString(), ...outcome });
      })
      .finally(() => {
        current = null;
      });
    return status();
  };

  return { status, start, running: () => current };
}

/** CROSSCHECK_HUB when set, else the one hub with a saved login beside the corpus; several saved logins need CROSSCHECK_HUB to choose. */
function configuredHub(dbPath: string | undefined, env: NodeJS.ProcessEnv): HubAddress | null {
  const named = env.CROSSCHECK_HUB?.trim();
  if (named) return parseHubAddress(named);
  if (!dbPath || dbPath === ':memory:') return null;
  const saved = savedHubs(dbPath);
  if (saved.length > 1)
    throw new CrosscheckError('invalid_input', `Logins for ${saved.length} hubs are saved beside this corpus: set CROSSCHECK_HUB to the one to sync with.`);
  return saved.length === 1 ? parseHubAddress(saved[0]!) : null;
}

function inWords(error: unknown, address: HubAddress): string {
  if (isCrosscheckError(error) && error.code === 'unauthorized')
    return `The hub did not accept this corpus's login (${error.message}): log in again with \`crosscheck hub login ${address.key}\`.`;
  if (isCrosscheckError(error)) return error.message;
  return `The sync stopped unexpectedly (${error instanceof Error ? error.message : String(error)}); nothing is lost: sync again.`;
}
