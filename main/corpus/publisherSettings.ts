import type { PublisherSettings } from '../contract/contract.ts';
import type { Db } from './database.ts';
import { recordEvent } from './events.ts';

const ORGANISATION = 'publisher_organisation';
const URL_KEY = 'publisher_url';

/** The organisation that publishes this corpus's fact checks, and its address; null until the analyst sets them. */
export function publisherSettings(db: Db): PublisherSettings {
  const value = (key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  return { organisation: value(ORGANISATION), url: value(URL_KEY) };
}

/** Changes the fields given (null clears one), recording before and after in the event log, in one transaction. */
export function setPublisherSettings(db: Db, patch: { organisation?: string | null; url?: string | null }, actor: string): PublisherSettings {
  return db
    .transaction((): PublisherSettings => {
      const before = publisherSettings(db);
      const write = (key: string, value: string | null | undefined) => {
        if (value === undefined) return;
        if (value === null) db.prepare('DELETE FROM meta WHERE key = ?').run(key);
        else db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
      };
      write(ORGANISATION, patch.organisation);
      write(URL_KEY, patch.url);
      const after = publisherSettings(db);
      recordEvent(db, { actor, action: 'settings.publisher', entity: 'corpus', entityId: null, data: { before, after } });
      return after;
    })
    .immediate();
}
