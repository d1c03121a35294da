import type { Migration } from './migration.ts';

/**
 * Published dates must be real calendar dates: the shape check of version 1
 * let 2023-02-30 and 2023-13-01 through. SQLite's date() rolls an impossible
 * day over (2023-02-30 becomes 2023-03-02) and gives NULL for an impossible
 * month, so a date is real exactly when date() gives it back unchanged.
 * Dates already stored that are not real are cleared, each with an event
 * keeping what was there, so the repair is on the record and can be reversed.
 */
export const realDates: Migration = {
  version: 7,
  name: 'real_dates',
  up(db) {
    const impossible = db.prepare('SELECT id, published FROM articles WHERE published IS NOT NULL AND date(published) IS NOT published').all() as Array<{
      id: number;
      published: string;
    }>;
    const clear = db.prepare('UPDATE articles SET published = NULL WHERE id = ?');
    const record = db.prepare("INSERT INTO events (at, actor, action, entity, entity_id, data) VALUES (?, 'crosscheck', 'article.update', 'article', ?, ?)");
    const at = new Date().toISOString();
    for (const { id, published } of impossible) {
      clear.run(id);
      record.run(at, id, JSON.stringify({ before: { published }, after: { published: null }, reason: 'not a calendar date' }));
    }
    db.exec(`
      CREATE TRIGGER articles_published_is_a_date_on_insert BEFORE INSERT ON articles
      WHEN NEW.published IS NOT NULL AND date(NEW.published) IS NOT NEW.published
      BEGIN SELECT RAISE(ABORT, 'published must be a real calendar date, as YYYY-MM-DD'); END;
      CREATE TRIGGER articles_published_is_a_date_on_update BEFORE UPDATE OF published ON articles
      WHEN NEW.published IS NOT NULL AND date(NEW.published) IS NOT NEW.published
      BEGIN SELECT RAISE(ABORT, 'published must be a real calendar date, as YYYY-MM-DD'); END;
    `);
  },
};
