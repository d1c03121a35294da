import { NAME_UUID_FUNCTION } from '../uuids.ts';
import type { Migration } from './migration.ts';

/**
 * - The curated layer: an annotation a curator kept from one analyst's span
 *   while adjudicating names that span in `curated_from`. Curated annotations
 *   are annotations like any other (they link, take verdicts, export), told
 *   apart by this column; agreement figures leave them out.
 * - The orphans queue replicates: each waiting annotation's entry is named by a
 *   UUID derived from the annotation's, so every device writes the same entity.
 *   Entries already waiting are named here.
 */
export const curatedLayer: Migration = {
  version: 18,
  name: 'curated_layer_and_orphan_names',
  up(db) {
    db.exec(`
      ALTER TABLE annotations ADD COLUMN curated_from TEXT CHECK (curated_from IS NULL OR length(curated_from) = 36);
      CREATE INDEX annotations_curated ON annotations(article_id) WHERE curated_from IS NOT NULL;
      ALTER TABLE orphans ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length(uuid) = 36);
      UPDATE orphans SET uuid = ${NAME_UUID_FUNCTION}('orphan', (SELECT uuid FROM annotations WHERE id = orphans.annotation_id));
      CREATE UNIQUE INDEX orphans_by_uuid ON orphans(uuid);
    `);
  },
};
