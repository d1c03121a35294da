import { describe, expect, it } from 'vitest';
import type { ClaimMatrix, Suggestion } from '../../main/contract/contract.ts';
import { matrixCells } from '../../renderer/review/matrixCells.ts';

const suggestion = (sourceId: number, articleId: number): Suggestion => ({
  sourceId,
  articleId,
  start: 5,
  end: 15,
  quote: 'q',
  score: 0.7,
  existingAnnotationId: null,
  explanation: { sharedWords: [], operations: [], coverage: 1, precision: 1, summary: '' },
});
const matrix: ClaimMatrix = {
  groups: [
    { id: 1, label: 'drones sent' },
    { id: 2, label: 'jets delivered' },
  ],
  sources: [
    { articleId: 10, label: 'Outlet A', published: null, articleIds: [10] },
    { articleId: 20, label: 'Outlet B', published: null, articleIds: [20, 21] },
  ],
  cells: [
    { groupId: 1, articleId: 10, state: 'reported', annotationIds: [100] },
    { groupId: 1, articleId: 20, state: 'absent', annotationIds: [] },
    { groupId: 2, articleId: 10, state: 'absent', annotationIds: [] },
    { groupId: 2, articleId: 20, state: 'denied', annotationIds: [200] },
  ],
};

describe('matrix cells', () => {
  it('show a pending suggestion of a group member in any of the source articles as suggested', () => {
    const cells = matrixCells(matrix, [suggestion(100, 21)]);
    expect(cells.get('1:20')).toMatchObject({ state: 'suggested', suggestion: { sourceId: 100, articleId: 21 } });
  });

  it('leave a cell not reported when the suggestion belongs to another group or another source', () => {
    const cells = matrixCells(matrix, [suggestion(999, 20), suggestion(100, 10)]);
    expect(cells.get('1:20')?.state).toBe('absent');
    expect(cells.get('2:10')?.state).toBe('absent');
  });

  it('keep the stored reported and denied cells whatever is suggested', () => {
    const cells = matrixCells(matrix, [suggestion(100, 10)]);
    expect(cells.get('1:10')).toEqual({ state: 'reported', annotationIds: [100] });
    expect(cells.get('2:20')).toEqual({ state: 'denied', annotationIds: [200] });
  });

  it('say "not annotated yet" for an empty cell of a source with articles nobody annotated, and "not reported" once every article is annotated', () => {
    const partlyRead: ClaimMatrix = { ...matrix, sources: [matrix.sources[0]!, { ...matrix.sources[1]!, unannotatedArticles: 2 }] };
    const cells = matrixCells(partlyRead, []);
    expect(cells.get('1:20')?.state).toBe('unannotated');
    expect(cells.get('2:10')?.state).toBe('absent');
  });

  it('show a pending suggestion before "not annotated yet": what awaits review is said first', () => {
    const partlyRead: ClaimMatrix = { ...matrix, sources: [matrix.sources[0]!, { ...matrix.sources[1]!, unannotatedArticles: 1 }] };
    expect(matrixCells(partlyRead, [suggestion(100, 21)]).get('1:20')?.state).toBe('suggested');
  });
});
