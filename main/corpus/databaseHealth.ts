import { existsSync, statSync } from 'node:fs';
import type { Db } from './connection.ts';

/** The result of a check: null when sound, else what was found. */
export type Verdict = string | null;

/** How often the full check is due (a week): the cheap one at every open catches what it can meanwhile. */
export const FULL_CHECK_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000;
const LAST_FULL_CHECK_KEY = 'integrity.lastFullCheck';

/**
 * What every open can afford whatever the corpus size (a few pages read, not
 * every page): the file is as long as its header says (when no write-ahead log
 * holds pages beyond it), the schema parses, and the first and last rows of
 * every table can be read, which walks each b-tree from its root to both
 * edges. A damaged root or edge page — a truncated file, a zeroed header, a
 * failing disk's run of bad pages — is caught here; damage deep inside a table
 * is left to the full check (`crosscheck check --full`, and on a schedule).
 * A full quick_check of a 100,000-article corpus took 1.8–3.9 s on the 2-core
 * benchmark machine; this takes milliseconds.
 */
export function cheapCheck(db: Db): Verdict {
  const file = db.name;
  if (file !== ':memory:' && file !== '' && existsSync(file)) {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const wal = `${file}-wal`;
    const walEmpty = !existsSync(wal) || statSync(wal).size === 0;
    const size = statSync(file).size;
    if (walEmpty && size < pages * pageSize) return `the file is ${size} bytes, shorter than its ${pages} pages of ${pageSize} bytes`;
  }
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND rootpage > 0").all() as Array<{ name: string; sql: string | null }>;
  for (const { name, sql } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    db.prepare(`SELECT * FROM ${quoted} LIMIT 1`).all();
    if (!/WITHOUT\s+ROWID/i.test(sql ?? '')) db.prepare(`SELECT * FROM ${quoted} ORDER BY rowid DESC LIMIT 1`).all();
  }
  return null;
}

/** SQLite's quick_check: reads every page; slow on a large corpus, so run on demand and on a schedule. */
export function fullCheck(db: Db, now: Date = new Date()): Verdict {
  const verdict = db.pragma('quick_check', { simple: true });
  const sound = verdict === 'ok';
  if (sound && !db.readonly) recordFullCheck(db, now);
  return sound ? null : String(verdict);
}

/** Notes that a full check found the corpus sound now. */
export function recordFullCheck(db: Db, now: Date = new Date()): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(LAST_FULL_CHECK_KEY, now.toISOString());
}

/** When the last full check found the corpus sound, or null if it never ran. */
export function lastFullCheck(db: Db): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(LAST_FULL_CHECK_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Whether the scheduled full check is due: never run, or longer ago than the interval. */
export function fullCheckDue(db: Db, now: Date = new Date(), intervalMs: number = FULL_CHECK_INTERVAL_MS): boolean {
  const last = lastFullCheck(db);
  return last === null || now.getTime() - Date.parse(last) >= intervalMs;
}
