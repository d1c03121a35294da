import { describe, expect, it } from 'vitest';
import { edgePath, edgeRoute, NODE_HEIGHT, NODE_WIDTH, nodeBox, type Box } from '../../renderer/review/graphLayout.ts';

/** Whether an axis-aligned segment passes through the inside of a node's box. */
function crosses([ax, ay]: [number, number], [bx, by]: [number, number], box: Box): boolean {
  const [left, right] = [Math.min(ax, bx), Math.max(ax, bx)];
  const [top, bottom] = [Math.min(ay, by), Math.max(ay, by)];
  return right > box.x && left < box.x + NODE_WIDTH && bottom > box.y && top < box.y + NODE_HEIGHT;
}

const grid = Array.from({ length: 5 }, (_, column) => Array.from({ length: 3 }, (_, row) => ({ column, row, box: nodeBox(column, row) }))).flat();

describe('the link graph’s edges', () => {
  it('cross no node but their own two ends, whichever columns and rows they join', () => {
    for (const from of grid)
      for (const to of grid) {
        if (from === to) continue;
        const route = edgeRoute(from.box, to.box);
        for (const node of grid) {
          if (node === from || node === to) continue;
          for (let i = 1; i < route.length; i++)
            expect(
              crosses(route[i - 1]!, route[i]!, node.box),
              `${JSON.stringify([from.column, from.row, to.column, to.row])} crosses ${node.column},${node.row}`,
            ).toBe(false);
        }
      }
  });

  it('start at the side of the first node that faces the second and end on the second’s facing side', () => {
    const route = edgeRoute(nodeBox(3, 0), nodeBox(0, 2));
    expect(route[0]).toEqual([nodeBox(3, 0).x, nodeBox(3, 0).y + NODE_HEIGHT / 2]);
    expect(route.at(-1)).toEqual([nodeBox(0, 2).x + NODE_WIDTH, nodeBox(0, 2).y + NODE_HEIGHT / 2]);
  });

  it('draw as one path through every corner', () => {
    const d = edgePath(edgeRoute(nodeBox(0, 0), nodeBox(4, 1)));
    expect(d.startsWith('M')).toBe(true);
    expect(d.match(/Q/g)).toHaveLength(4);
    expect(d.endsWith(`L${nodeBox(4, 1).x},${nodeBox(4, 1).y + NODE_HEIGHT / 2}`)).toBe(true);
  });
});
