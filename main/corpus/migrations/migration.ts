import type { Db } from '../connection.ts';

/**
 * One schema version. Its own module so each numbered migration file names the type
 * without importing index.ts, which imports every migration file.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
  /** Rebuilds tables (create, copy, drop, rename): run with foreign keys off, checked before commit. */
  rebuildsTables?: boolean;
}
