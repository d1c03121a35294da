import { initialHubSchema } from './001_initial.ts';

export interface HubMigration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction: all of it or none. */
  sql: string;
}

/** In order; a migration is never edited once released, only followed by a new one. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [initialHubSchema];

export const LATEST_HUB_VERSION = HUB_MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
