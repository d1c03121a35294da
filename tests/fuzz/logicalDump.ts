import { createHash } from 'node:crypto';
import type { Db } from '../../main/corpus/database.ts';

/**
 * A checksum of everything the corpus holds, table by table with rows ordered
 * by all their columns (WITHOUT ROWID tables have no rowid), and the schema. Unlike the file's bytes it ignores page layout and the WAL,
 * so it changes exactly when the content does.
 */
export function logicalDumpChecksum(db: Db): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
    name: string;
    sql: string;
  }>;
  for (const { name, sql } of tables) {
    hash.update(sql);
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const columns = (db.pragma(`table_info(${quoted})`) as unknown[]).length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    for (const row of db.prepare(`SELECT * FROM ${quoted} ORDER BY ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)));
    }
  }
  hash.update(String(db.pragma('user_version', { simple: true })));
  return hash.digest('hex');
}
