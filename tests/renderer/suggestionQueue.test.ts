import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../main/contract/contract.ts';
import { arrangeQueue, suggestionKey } from '../../renderer/links/suggestionQueue.ts';

const found = (sourceId: number, articleId: number, start: number, score: number): Suggestion => ({
  sourceId,
  articleId,
  start,
  end: start + 10,
  quote: `span ${articleId}:${start}`,
  score,
  existingAnnotationId: null,
  explanation: { sharedWords: [], operations: [], coverage: 1, precision: 1, summary: '' },
});
const shown = (arranged: ReturnType<typeof arrangeQueue>) => arranged.groups.map((g) => [g.sourceId, g.suggestions.map((s) => `${s.articleId}:${s.start}`)]);

describe('the suggestion queue', () => {
  const queue = [found(1, 2, 0, 0.6), found(2, 3, 50, 0.95), found(1, 3, 0, 0.9), found(2, 4, 5, 0.4)];

  it('groups suggestions under the annotation they were found for, the best group and the best suggestion first on first sight', () => {
    expect(shown(arrangeQueue([], queue, 0))).toEqual([
      [2, ['3:50', '4:5']],
      [1, ['3:0', '2:0']],
    ]);
  });

  it('keeps every remaining suggestion in its place when one is decided, and puts newly found ones after them', () => {
    const first = arrangeQueue([], queue, 0);
    const decided = queue.filter((s) => !(s.sourceId === 2 && s.start === 50));
    // Accepting made annotation 3, whose own suggestions arrive with the next read, one of them better than any.
    const next = arrangeQueue(first.order, [...decided, found(3, 5, 7, 0.99)], 0);
    expect(shown(next)).toEqual([
      [2, ['4:5']],
      [1, ['3:0', '2:0']],
      [3, ['5:7']],
    ]);
  });

  it('puts a group hidden for a moment (while the matcher looks again after a rejection) back in its place when it returns', () => {
    const first = arrangeQueue([], queue, 0);
    const whileHidden = arrangeQueue(
      first.order,
      queue.filter((s) => s.sourceId !== 2),
      0,
    );
    const returned = arrangeQueue(
      whileHidden.order,
      queue.filter((s) => !(s.sourceId === 2 && s.start === 50)),
      0,
    );
    expect(shown(returned)).toEqual([
      [2, ['4:5']],
      [1, ['3:0', '2:0']],
    ]);
  });

  it('lists a span found for two annotations under each of them, since accepting links it to one', () => {
    expect(shown(arrangeQueue([], [found(1, 2, 0, 0.6), found(2, 2, 0, 0.8)], 0))).toEqual([
      [2, ['2:0']],
      [1, ['2:0']],
    ]);
  });

  it('hides suggestions under the minimum score without changing the order of the rest, and counts both', () => {
    const all = arrangeQueue([], queue, 0);
    const filtered = arrangeQueue(all.order, queue, 0.7);
    expect(shown(filtered)).toEqual([
      [2, ['3:50']],
      [1, ['3:0']],
    ]);
    expect([filtered.shown, filtered.total]).toEqual([2, 4]);
    expect(filtered.order).toEqual(all.order);
    // Lowering the filter again brings them back where they were.
    expect(shown(arrangeQueue(filtered.order, queue, 0))).toEqual(shown(all));
  });

  it('names a suggestion by the annotation it was found for and its span', () => {
    expect(suggestionKey(found(1, 2, 30, 0.5))).toBe('1:2:30:40');
  });

  it('shows nothing for an empty queue, and remembers the order seen for when suggestions return', () => {
    expect(arrangeQueue(['1:2:0:10'], [], 0)).toEqual({ order: ['1:2:0:10'], groups: [], shown: 0, total: 0 });
  });
});
