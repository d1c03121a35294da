import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Db } from '../corpus/database.ts';
import { CrosscheckError } from '../contract/errors.ts';
import { currentAnalyst } from '../corpus/location.ts';
import { verifyCorpus } from '../corpus/integrity.ts';
import type { IntegrityReport } from '../contract/contract.ts';
import { importSeedsOnFirstRun } from '../ingest/seeds.ts';
import { createAsyncDispatch, createDispatch, type AsyncDispatch, type Dispatch } from './dispatch.ts';
import { createDownloads, type Downloads } from './downloads.ts';
import { createHandlers, type Handlers } from './handlers.ts';
// Loading the matcher's word index registers the hook that indexes every article the session stores.
import '../matching/termIndex.ts';

export { CorruptDatabaseError } from '../corpus/database.ts';

export interface SessionOptions {
  dbPath: string;
  /** When given, the default corpus is imported into a corpus opened for the first time. */
  seedsDir?: string;
  actor?: string;
}

export interface Session {
  db: Db;
  actor: string;
  handlers: Handlers;
  dispatch: Dispatch;
  /** The same, serving too the requests that wait on the network (a page fetched to import): what the app's transports use. */
  dispatchAsync: AsyncDispatch;
  downloads: Downloads;
  /** The quick integrity check run on open: the front end warns when it is not ok. */
  integrity: IntegrityReport;
  close(): void;
}

/** Opens a corpus and wires the handler table to it: what every front end starts from. */
export function openSession(options: SessionOptions): Session {
  if (options.dbPath !== ':memory:') {
    try {
      mkdirSync(dirname(options.dbPath), { recursive: true });
    } catch (error) {
      throw new CrosscheckError(
        'forbidden',
        `cannot create the folder for ${options.dbPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (read-only storage, or a folder this user cannot write). Nothing was changed.`,
      );
    }
  }
  const db = openDatabase(options.dbPath);
  const actor = options.actor ?? currentAnalyst();
  try {
    if (options.seedsDir) importSeedsOnFirstRun(db, options.seedsDir, actor);
  } catch (error) {
    db.close();
    throw error;
  }
  const handlers = createHandlers({ db, actor, dbPath: options.dbPath });
  const integrity = verifyCorpus(db, { full: false });
  const dispatch = createDispatch(handlers);
  return {
    db,
    actor,
    handlers,
    dispatch,
    dispatchAsync: createAsyncDispatch(handlers, dispatch),
    downloads: createDownloads(db, actor),
    integrity,
    close: () => db.close(),
  };
}
