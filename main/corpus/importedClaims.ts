import type { Db } from './database.ts';
import type { EntityKind } from './entityStates.ts';
import { cachedStatement } from './statements.ts';

/*
 * A file can say anything about who wrote an annotation, reviewed a link or set
 * a verdict. What it says is kept (it is the colleague's record), but marked
 * unverified: "claimed by C, imported by X from file F". Work that arrives
 * through the hub is not marked: there the analyst's identity comes from a token.
 */

export interface ImportedClaim {
  entity: string;
  kind: EntityKind;
  claimedBy: string;
  importedBy: string;
  source: string;
  importedAt: string;
}

export function recordImportedClaim(db: Db, claim: Omit<ImportedClaim, 'importedAt'>, at = new Date().toISOString()): void {
  cachedStatement(
    db,
    `INSERT INTO imported_claims (entity, kind, claimed_by, imported_by, source, imported_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity) DO UPDATE SET claimed_by = excluded.claimed_by, imported_by = excluded.imported_by, source = excluded.source, imported_at = excluded.imported_at`,
  ).run(claim.entity, claim.kind, claim.claimedBy, claim.importedBy, claim.source, at);
}

/** The unverified claim about an entity, or null when its authorship was recorded here or came through the hub. */
export function importedClaim(db: Db, entity: string): ImportedClaim | null {
  return (
    (cachedStatement(
      db,
      'SELECT entity, kind, claimed_by AS claimedBy, imported_by AS importedBy, source, imported_at AS importedAt FROM imported_claims WHERE entity = ?',
    ).get(entity) as ImportedClaim | undefined) ?? null
  );
}

export const isUnverified = (db: Db, entity: string): boolean => importedClaim(db, entity) !== null;
