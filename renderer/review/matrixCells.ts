import type { ClaimMatrix, Suggestion } from '../../main/contract/contract.ts';

/**
 * What a cell of the matrix says: the stored states, a pending suggestion where
 * nothing is stored, and for an empty cell whether the source was read at all:
 * `absent` (not reported: every article of the source carries annotations,
 * none of this claim) or `unannotated` (not annotated yet: some article of the
 * source carries none, so the claim may be there unseen).
 */
export type MatrixCellState = 'reported' | 'denied' | 'suggested' | 'absent' | 'unannotated';

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
  const sourceOf = new Map(matrix.sources.map((s) => [s.articleId, s]));
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
      cells.set(key, suggestion ? { state: 'suggested', annotationIds: [], suggestion } : { state: emptyState(source), annotationIds: [] });
    }
  }
  // Groups with no stored report (only denials) have no members to suggest for: their empty cells still say which kind they are.
  for (const [key, cell] of cells) {
    if (cell.state !== 'absent') continue;
    const source = sourceOf.get(Number(key.split(':')[1]));
    if (source) cell.state = emptyState(source);
  }
  return cells;
}

/** An empty cell: not annotated yet while the source has articles nobody annotated, otherwise not reported. */
const emptyState = (source: ClaimMatrix['sources'][number]): MatrixCellState => ((source.unannotatedArticles ?? 0) > 0 ? 'unannotated' : 'absent');
