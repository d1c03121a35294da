import { createHash } from 'node:crypto';
import type { Db } from '../../main/corpus/database.ts';

/**
 * A checksum of everything the corpus holds, table by table in rowid order,
 * with the schema. Unlike the file's bytes it ignores page layout and the WAL,
 * so it changes exactly when the content does.
 */
export function logicalDumpChecksum(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string; sql: string }>;
  for (const { name, sql } of tables) {
    hash.update(sql);
    for (const row of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}" ORDER BY rowid`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));
    }
  }
  hash.update(String(db.pragma('user_version', { simple: true })));
  return hash.digest('hex');
}
