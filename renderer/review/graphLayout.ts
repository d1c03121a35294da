/**
 * Where the link graph draws its nodes and edges. Nodes stand in columns (one per source) and
 * rows; an edge may cross nothing but empty space, so one between columns that are not
 * neighbours runs through the gaps: out into the gap beside its first node, along the empty
 * gutter under the lower of its two rows, and up the gap before its last node.
 */
export const COLUMN_WIDTH = 220;
export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 44;
export const ROW_GAP = 16;
export const TOP = 56;
const LEFT = 20;

export interface Box {
  x: number;
  y: number;
}

export function nodeBox(column: number, row: number): Box {
  return { x: LEFT + column * COLUMN_WIDTH, y: TOP + row * (NODE_HEIGHT + ROW_GAP) };
}

/** The corners an edge turns at, from `from` to `to`; `lane` (0, 1, 2…) keeps edges sharing a gutter apart. */
export function edgeRoute(from: Box, to: Box, lane = 0): Array<[number, number]> {
  const y1 = from.y + NODE_HEIGHT / 2;
  const y2 = to.y + NODE_HEIGHT / 2;
  const gap = COLUMN_WIDTH - NODE_WIDTH;
  if (from.x === to.x) {
    // Same column: out of the right side, along the gap, and back in.
    const x = from.x + NODE_WIDTH;
    const side = x + gap / 2 - 4 + (lane % 3) * 4;
    return [
      [x, y1],
      [side, y1],
      [side, y2],
      [x, y2],
    ];
  }
  const leftToRight = to.x > from.x;
  const x1 = leftToRight ? from.x + NODE_WIDTH : from.x;
  const x2 = leftToRight ? to.x : to.x + NODE_WIDTH;
  const step = leftToRight ? gap / 2 : -gap / 2;
  if (Math.abs(to.x - from.x) === COLUMN_WIDTH) {
    const middle = x1 + step;
    return [
      [x1, y1],
      [middle, y1],
      [middle, y2],
      [x2, y2],
    ];
  }
  const gutter = Math.max(from.y, to.y) + NODE_HEIGHT + ROW_GAP / 2 - 3 + (lane % 3) * 3;
  return [
    [x1, y1],
    [x1 + step, y1],
    [x1 + step, gutter],
    [x2 - step, gutter],
    [x2 - step, y2],
    [x2, y2],
  ];
}

/** The route as an SVG path with its corners rounded. */
export function edgePath(route: ReadonlyArray<[number, number]>, radius = 6): string {
  const [first, ...rest] = route;
  let d = `M${first![0]},${first![1]}`;
  rest.forEach(([x, y], i) => {
    const next = rest[i + 1];
    if (!next) {
      d += ` L${x},${y}`;
      return;
    }
    const [px, py] = i === 0 ? first! : rest[i - 1]!;
    const before = Math.min(radius, Math.hypot(x - px, y - py) / 2);
    const after = Math.min(radius, Math.hypot(next[0] - x, next[1] - y) / 2);
    const towards = (ax: number, ay: number, length: number) => {
      const l = Math.hypot(ax - x, ay - y) || 1;
      return [x + ((ax - x) / l) * length, y + ((ay - y) / l) * length];
    };
    const [bx, by] = towards(px, py, before);
    const [cx, cy] = towards(next[0], next[1], after);
    d += ` L${bx},${by} Q${x},${y} ${cx},${cy}`;
  });
  return d;
}
