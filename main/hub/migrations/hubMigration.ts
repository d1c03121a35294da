/**
 * One hub schema version. Its own module so each numbered migration file names the type
 * without importing index.ts, which imports every migration file.
 */
export interface HubMigration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction: all of it or none. */
  sql: string;
}
