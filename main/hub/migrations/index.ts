import { initialHubSchema } from './001_initial.ts';
import type { HubMigration } from './hubMigration.ts';

export type { HubMigration } from './hubMigration.ts';

/** In order; a migration is never edited once released, only followed by a new one. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [initialHubSchema];

export const LATEST_HUB_VERSION = HUB_MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
