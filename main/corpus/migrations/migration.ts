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
  /**
   * Whether this migration's schema is there, for a migration that reached the code after a higher
   * version was released: a corpus already past its number without it gets it at the next open
   * (the version stays the higher one). Left out, a version at or below the corpus's counts as applied.
   */
  isPresent?(db: Db): boolean;
}
