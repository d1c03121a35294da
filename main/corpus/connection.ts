import type Database from 'better-sqlite3';

/**
 * An open corpus connection. Its own module, holding nothing but the type, so the
 * modules database.ts opens a corpus with (backups, integrity, migrations …) can name
 * it without importing database.ts back.
 */
export type Db = Database.Database;
