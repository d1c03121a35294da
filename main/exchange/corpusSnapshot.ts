import Database from 'better-sqlite3';
import type { Db } from '../corpus/database.ts';

/**
 * A read-only connection of its own for a long export, inside one read
 * transaction: the files it writes agree with each other, and the app's own
 * connection stays free for the analyst while rows stream out.
 */
export function openSnapshot(db: Db): { db: Db; close(): void } {
  const file = db.name;
  if (db.memory || !file) return { db, close: () => {} };
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  reader.exec('BEGIN');
  return {
    db: reader,
    close: () => {
      if (reader.inTransaction) reader.exec('COMMIT');
      reader.close();
    },
  };
}
