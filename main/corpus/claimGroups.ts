import { GROUPING_LINK_TYPES } from '../contract/contract.ts';
import type { Db } from './database.ts';

/**
 * Claim groups: annotations joined, directly or through others, by confirmed
 * same-claim or paraphrase links. Each group is named by its smallest
 * annotation id, so the id is stable while the group only grows.
 * Returns annotation id → group id, for annotations that are in a group.
 */
export function claimGroupIds(db: Db): Map<number, number> {
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
  const placeholders = GROUPING_LINK_TYPES.map(() => '?').join(', ');
  const rows = db
    .prepare(`SELECT from_id AS a, to_id AS b FROM links WHERE status = 'confirmed' AND type IN (${placeholders})`)
    .all(...GROUPING_LINK_TYPES) as Array<{ a: number; b: number }>;
  for (const { a, b } of rows) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
  const groups = new Map<number, number>();
  for (const id of parent.keys()) groups.set(id, find(id));
  return groups;
}
