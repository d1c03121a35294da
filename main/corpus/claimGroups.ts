import { GROUPING_LINK_TYPES } from '../contract/contract.ts';
import { visibleAnnotationsFilter } from './blindAnnotation.ts';
import type { Db } from './database.ts';
import { cachedStatement } from './statements.ts';

/*
 * Claim groups: annotations joined, directly or through others, by confirmed
 * same-claim or paraphrase links. Each group is named by its smallest
 * annotation id, so the id is stable while the group only grows. The group of
 * each annotation is stored (migration 019, kept by triggers in the
 * transaction of every link write), so these reads never walk the link graph.
 */

/** Annotation id → group id, for every annotation in a group. */
export function claimGroupIds(db: Db): Map<number, number> {
  const rows = cachedStatement(db, 'SELECT annotation_id AS a, group_id AS g FROM claim_group_members').all() as Array<{ a: number; g: number }>;
  return new Map(rows.map((r) => [r.a, r.g]));
}

/** The group of one annotation, or null when it is in none. */
export function claimGroupOf(db: Db, annotationId: number): number | null {
  return (cachedStatement(db, 'SELECT group_id FROM claim_group_members WHERE annotation_id = ?').pluck().get(annotationId) as number | undefined) ?? null;
}

/** The members of one group, by id. */
export function claimGroupMemberIds(db: Db, groupId: number): number[] {
  return cachedStatement(db, 'SELECT annotation_id FROM claim_group_members WHERE group_id = ? ORDER BY annotation_id').pluck().all(groupId) as number[];
}

/** The members of several groups: group id → member ids, each in id order. */
export function claimGroupMembersOf(db: Db, groupIds: readonly number[]): Map<number, number[]> {
  const rows = cachedStatement(
    db,
    'SELECT group_id AS g, annotation_id AS a FROM claim_group_members WHERE group_id IN (SELECT value FROM json_each(?)) ORDER BY group_id, annotation_id',
  ).all(JSON.stringify([...new Set(groupIds)])) as Array<{ g: number; a: number }>;
  const members = new Map<number, number[]>(groupIds.map((g) => [g, []]));
  for (const { g, a } of rows) members.get(g)!.push(a);
  return members;
}

/** How many claim groups there are; with `visibleTo`, how many have a member that analyst may see under blind annotation. */
export function claimGroupCount(db: Db, visibleTo?: string): number {
  if (visibleTo === undefined) return cachedStatement(db, 'SELECT count(DISTINCT group_id) FROM claim_group_members').pluck().get() as number;
  const shown = visibleAnnotationsFilter(db, visibleTo, 'a');
  return cachedStatement(db, `SELECT count(DISTINCT m.group_id) FROM claim_group_members m JOIN annotations a ON a.id = m.annotation_id WHERE ${shown.sql}`)
    .pluck()
    .get(...shown.params) as number;
}

/**
 * One page of group ids in id order (a group's id is its smallest member, so this reads the group index only);
 * with `visibleTo`, only groups with a member that analyst may see under blind annotation.
 */
export function claimGroupIdPage(db: Db, offset: number, limit: number, visibleTo?: string): number[] {
  if (visibleTo === undefined)
    return cachedStatement(db, 'SELECT DISTINCT group_id FROM claim_group_members ORDER BY group_id LIMIT ? OFFSET ?').pluck().all(limit, offset) as number[];
  const shown = visibleAnnotationsFilter(db, visibleTo, 'a');
  return cachedStatement(
    db,
    `SELECT DISTINCT m.group_id FROM claim_group_members m JOIN annotations a ON a.id = m.annotation_id WHERE ${shown.sql} ORDER BY m.group_id LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(...shown.params, limit, offset) as number[];
}

/**
 * The groups as the link graph says they are, walked from scratch: what the
 * stored groups must always equal. For the full integrity check and the tests;
 * a request never needs it.
 */
export function derivedClaimGroupIds(db: Db): Map<number, number> {
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

/** Annotations whose stored group differs from the one the links give (empty when the store is right). */
export function claimGroupDrift(db: Db): Array<{ annotationId: number; stored: number | null; derived: number | null }> {
  const stored = claimGroupIds(db);
  const derived = derivedClaimGroupIds(db);
  const drift: Array<{ annotationId: number; stored: number | null; derived: number | null }> = [];
  for (const id of new Set([...stored.keys(), ...derived.keys()])) {
    const s = stored.get(id) ?? null;
    const d = derived.get(id) ?? null;
    if (s !== d) drift.push({ annotationId: id, stored: s, derived: d });
  }
  return drift.sort((a, b) => a.annotationId - b.annotationId);
}

/** The claim group an annotation belongs to and its members (itself alone when it is in none): two index reads. */
export function claimGroupWith(db: Db, annotationId: number): { groupId: number; members: number[] } {
  const groupId = claimGroupOf(db, annotationId);
  return groupId === null ? { groupId: annotationId, members: [annotationId] } : { groupId, members: claimGroupMemberIds(db, groupId) };
}
