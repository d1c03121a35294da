import type { ClaimMatrix, Suggestion } from '../../main/contract/contract.ts';

/** What a cell of the matrix says: the stored states, and a pending suggestion where nothing is stored. */
export type MatrixCellState = 'reported' | 'denied' | 'suggested' | 'absent';

export interface MatrixCell {
  state: MatrixCellState;
  /** The annotations the cell stands for (reported or denied). */
  annotationIds: number[];
  /** The first pending suggestion in the source, for a suggested cell. */
  suggestion?: Suggestion;
}

/**
 * The cells of the matrix with the pending suggestions laid over the empty
 * ones: a cell with no stored report but a suggestion of one of the group's
 * annotations in the source's articles shows as suggested, awaiting review.
 */
export function matrixCells(matrix: ClaimMatrix, pending: readonly Suggestion[]): Map<string, MatrixCell> {
  const cells = new Map<string, MatrixCell>();
  const members = new Map<number, Set<number>>();
  for (const c of matrix.cells) {
    cells.set(`${c.groupId}:${c.articleId}`, { state: c.state, annotationIds: c.annotationIds });
    if (c.state === 'reported') {
      let set = members.get(c.groupId);
      if (!set) members.set(c.groupId, (set = new Set()));
      c.annotationIds.forEach((id) => set.add(id));
    }
  }
  for (const group of matrix.groups) {
    const ids = members.get(group.id);
    if (!ids) continue;
    for (const source of matrix.sources) {
      const key = `${group.id}:${source.articleId}`;
      if ((cells.get(key)?.state ?? 'absent') !== 'absent') continue;
      const articles = new Set(source.articleIds ?? [source.articleId]);
      const suggestion = pending.find((s) => ids.has(s.sourceId) && articles.has(s.articleId));
      cells.set(key, suggestion ? { state: 'suggested', annotationIds: [], suggestion } : { state: 'absent', annotationIds: [] });
    }
  }
  return cells;
}
