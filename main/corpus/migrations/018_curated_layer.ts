import type { Migration } from './migration.ts';

/**
 * The curated layer: an annotation a curator kept from one analyst's span while
 * adjudicating names that span in `curated_from`. Curated annotations are
 * annotations like any other (they link, take verdicts, export), told apart by
 * this column; agreement figures leave them out.
 */
export const curatedLayer: Migration = {
  version: 18,
  name: 'curated_layer',
  up(db) {
    db.exec(`
      ALTER TABLE annotations ADD COLUMN curated_from TEXT CHECK (curated_from IS NULL OR length(curated_from) = 36);
      CREATE INDEX annotations_curated ON annotations(article_id) WHERE curated_from IS NOT NULL;
    `);
  },
};
