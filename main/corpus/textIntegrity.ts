import { createHash } from 'node:crypto';
import type { Db } from './connection.ts';

/**
 * Every article stores the sha256 of its text; offsets, quotes and exports all
 * rest on that text never changing. These checks notice text changed inside the
 * file behind Crosscheck's back (a tool, a bad sync, a damaged page that still
 * reads as text).
 */
export interface ChangedText {
  id: number;
  title: string | null;
  fileName: string | null;
}

/**
 * Text checked each time a corpus opens: about 30 ms of hashing on the machines
 * measured (sha256 runs near 500 MB/s), so opening stays quick on any corpus.
 * A cursor kept in meta carries on where the last open stopped, so successive
 * opens cover the whole corpus in turn; `verifyAllTexts` checks it all at once.
 */
export const TEXT_CHECKED_ON_OPEN = 16 * 1024 * 1024;
const CURSOR_KEY = 'text_check_cursor';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Every article whose text no longer matches its checksum. */
export function verifyAllTexts(db: Db): ChangedText[] {
  const changed: ChangedText[] = [];
  for (const row of db.prepare('SELECT id, title, file_name AS fileName, text, sha256 FROM articles ORDER BY id').iterate() as Iterable<
    ChangedText & { text: string; sha256: string }
  >) {
    if (sha256(row.text) !== row.sha256) changed.push({ id: row.id, title: row.title, fileName: row.fileName });
  }
  return changed;
}

/** Checks the next stretch of articles, about `budget` characters of text, after the cursor; moves the cursor on. */
export function verifyTextsInTurn(db: Db, budget: number = TEXT_CHECKED_ON_OPEN): ChangedText[] {
  const cursor = Number((db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(CURSOR_KEY) as string | undefined) ?? 0);
  const changed: ChangedText[] = [];
  let checked = 0;
  let last = cursor;
  const rows = db.prepare('SELECT id, title, file_name AS fileName, text, sha256 FROM articles WHERE id > ? ORDER BY id').iterate(cursor) as Iterable<
    ChangedText & { text: string; sha256: string }
  >;
  for (const row of rows) {
    if (sha256(row.text) !== row.sha256) changed.push({ id: row.id, title: row.title, fileName: row.fileName });
    last = row.id;
    checked += row.text.length;
    if (checked >= budget) break;
  }
  // Past the last article, the next open starts again from the first. A changed text keeps the cursor where it was, so it is found again.
  const next = checked >= budget ? last : 0;
  // A connection opened only to check (read-only) leaves the cursor to the next ordinary open.
  if (changed.length === 0 && next !== cursor && !db.readonly)
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(CURSOR_KEY, String(next));
  return changed;
}

export function describeChangedTexts(changed: readonly ChangedText[]): string {
  const named = changed.slice(0, 5).map((a) => `article ${a.id}${a.title ? ` ("${a.title}")` : a.fileName ? ` (${a.fileName})` : ''}`);
  const more = changed.length > 5 ? ` and ${changed.length - 5} more` : '';
  return `the text of ${named.join(', ')}${more} no longer matches the checksum stored when it was imported`;
}
