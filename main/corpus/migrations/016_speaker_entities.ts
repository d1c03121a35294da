import type { Migration } from './migration.ts';

/**
 * Speakers as entities: the role they speak in, the organisation they belong
 * to, and the Wikidata item the analyst names (typed, never fetched). All
 * optional; the CHECK keeps a Wikidata id to its form (Q and digits) even when
 * code is bypassed.
 */
export const speakerEntities: Migration = {
  version: 16,
  name: 'speaker_entities',
  up(db) {
    db.exec(`
      ALTER TABLE speakers ADD COLUMN role TEXT CHECK (role IS NULL OR length(trim(role)) > 0);
      ALTER TABLE speakers ADD COLUMN affiliation TEXT CHECK (affiliation IS NULL OR length(trim(affiliation)) > 0);
      ALTER TABLE speakers ADD COLUMN wikidata TEXT CHECK (wikidata IS NULL OR (wikidata GLOB 'Q[1-9]*' AND wikidata NOT GLOB 'Q*[^0-9]*'));
    `);
  },
};
