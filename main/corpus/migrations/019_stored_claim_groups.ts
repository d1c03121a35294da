import type { Migration } from './migration.ts';

/*
 * The grouping links as this version knows them. Written out here, not read
 * from the contract, because a migration must do tomorrow what it does today.
 */
const GROUPING = `'same-claim', 'paraphrase'`;
const IS_GROUPING = (row: 'NEW' | 'OLD') => `${row}.status = 'confirmed' AND ${row}.type IN (${GROUPING})`;
const GROUP_OF = (end: string) => `coalesce((SELECT group_id FROM claim_group_members WHERE annotation_id = ${end}), ${end})`;
/**
 * Joins the groups of a new link's two ends, when `condition` holds. The two
 * names are put aside first (`claim_group_join`), so the update never reads
 * the rows it is changing.
 */
const JOIN_NEW_ENDS = (condition: string) => `
        INSERT INTO claim_group_join (id, a, b) SELECT 1, ${GROUP_OF('NEW.from_id')}, ${GROUP_OF('NEW.to_id')} WHERE ${condition};
        UPDATE claim_group_members SET group_id = (SELECT min(a, b) FROM claim_group_join)
          WHERE group_id IN (SELECT a FROM claim_group_join UNION SELECT b FROM claim_group_join);
        INSERT OR IGNORE INTO claim_group_members (annotation_id, group_id) SELECT NEW.from_id, min(a, b) FROM claim_group_join;
        INSERT OR IGNORE INTO claim_group_members (annotation_id, group_id) SELECT NEW.to_id, min(a, b) FROM claim_group_join;
        DELETE FROM claim_group_join;`;

/**
 * Each annotation's claim group is stored (`claim_group_members`), not derived
 * from the whole link graph on every request. A claim group is a connected
 * part of the graph of confirmed same-claim and paraphrase links, named by its
 * smallest annotation id; an annotation in no such link is in no group and has
 * no row.
 *
 * Triggers on `links` keep the table right in the transaction of every link
 * write, whatever path it takes (an edit, undo and redo, a sync from the hub,
 * an import, an annotation or article deleted with its links):
 * - a grouping link joins its two ends' groups: the one with the larger name
 *   takes the smaller name (a few rows, by the index on `group_id`);
 * - a grouping link that goes (deleted, rejected, retyped, moved) may split its
 *   group in two: the members reachable from each of its old ends are found
 *   again over the grouping links that remain (a walk of that group only,
 *   through `claim_group_reach`), and each part takes its smallest id; a part
 *   of one annotation leaves the table.
 * The walk starts from `claim_group_seeds`, filled by the trigger, since a
 * view cannot take parameters; it crosses only links whose both ends still
 * exist, so a link deleted as its annotation goes never carries the
 * annotation back in.
 */
export const storedClaimGroups: Migration = {
  version: 19,
  name: 'stored_claim_groups',
  up(db) {
    db.exec(`
      CREATE TABLE claim_group_members (
        annotation_id INTEGER PRIMARY KEY,
        group_id      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX claim_group_members_by_group ON claim_group_members(group_id, annotation_id);

      CREATE TABLE claim_group_join (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        a  INTEGER NOT NULL,
        b  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE claim_group_seeds (
        annotation_id INTEGER PRIMARY KEY
      ) STRICT;

      CREATE VIEW claim_group_reach AS
        WITH RECURSIVE reach(seed, node) AS (
          SELECT s.annotation_id, s.annotation_id FROM claim_group_seeds s JOIN annotations a ON a.id = s.annotation_id
          UNION
          SELECT r.seed, l.to_id FROM reach r JOIN links l ON l.from_id = r.node AND l.status = 'confirmed' AND l.type IN (${GROUPING})
            JOIN annotations a ON a.id = l.to_id
          UNION
          SELECT r.seed, l.from_id FROM reach r JOIN links l ON l.to_id = r.node AND l.status = 'confirmed' AND l.type IN (${GROUPING})
            JOIN annotations a ON a.id = l.from_id
        )
        SELECT node AS annotation_id, min(node) OVER (PARTITION BY seed) AS group_id, count(*) OVER (PARTITION BY seed) AS size FROM reach;

      CREATE TRIGGER claim_groups_on_link_insert AFTER INSERT ON links WHEN ${IS_GROUPING('NEW')}
      BEGIN
        ${JOIN_NEW_ENDS('1')}
      END;

      -- One trigger for an update, so the split of the old link runs before the join of the new one.
      CREATE TRIGGER claim_groups_on_link_update AFTER UPDATE OF from_id, to_id, type, status ON links
        WHEN (${IS_GROUPING('OLD')}) OR (${IS_GROUPING('NEW')})
      BEGIN
        DELETE FROM claim_group_seeds;
        INSERT OR IGNORE INTO claim_group_seeds (annotation_id) SELECT OLD.from_id WHERE ${IS_GROUPING('OLD')};
        INSERT OR IGNORE INTO claim_group_seeds (annotation_id) SELECT OLD.to_id WHERE ${IS_GROUPING('OLD')};
        DELETE FROM claim_group_members WHERE group_id IN (SELECT m.group_id FROM claim_group_members m JOIN claim_group_seeds s ON s.annotation_id = m.annotation_id);
        INSERT OR REPLACE INTO claim_group_members (annotation_id, group_id) SELECT annotation_id, group_id FROM claim_group_reach WHERE size > 1;
        DELETE FROM claim_group_seeds;

        ${JOIN_NEW_ENDS(IS_GROUPING('NEW'))}
      END;

      CREATE TRIGGER claim_groups_on_link_delete AFTER DELETE ON links WHEN ${IS_GROUPING('OLD')}
      BEGIN
        DELETE FROM claim_group_seeds;
        INSERT OR IGNORE INTO claim_group_seeds (annotation_id) VALUES (OLD.from_id);
        INSERT OR IGNORE INTO claim_group_seeds (annotation_id) VALUES (OLD.to_id);
        DELETE FROM claim_group_members WHERE group_id IN (
          SELECT group_id FROM claim_group_members WHERE annotation_id IN (OLD.from_id, OLD.to_id));
        INSERT OR REPLACE INTO claim_group_members (annotation_id, group_id) SELECT annotation_id, group_id FROM claim_group_reach WHERE size > 1;
        DELETE FROM claim_group_seeds;
      END;

      -- An annotation that goes leaves its group (its links go with it, and their triggers split what remains).
      CREATE TRIGGER claim_groups_on_annotation_delete AFTER DELETE ON annotations
      BEGIN
        DELETE FROM claim_group_members WHERE annotation_id = OLD.id;
      END;
    `);
    fillFromLinks(db);
  },
};

/** The groups of the links already stored: union-find over the grouping links, each group named by its smallest member. */
function fillFromLinks(db: Parameters<Migration['up']>[0]): void {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root)! !== root) root = parent.get(root)!;
    for (let node = x; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const rows = db.prepare(`SELECT from_id AS a, to_id AS b FROM links WHERE status = 'confirmed' AND type IN (${GROUPING})`).all() as Array<{
    a: number;
    b: number;
  }>;
  for (const { a, b } of rows) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const insert = db.prepare('INSERT INTO claim_group_members (annotation_id, group_id) VALUES (?, ?)');
  for (const id of parent.keys()) insert.run(id, find(id));
}
