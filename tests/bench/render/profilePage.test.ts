import { describe, expect, it } from 'vitest';
import { inclusiveTimes } from './profilePage.ts';

const frame = (functionName: string, lineNumber = 0) => ({ functionName, url: 'http://127.0.0.1/page.js', lineNumber });

describe('time under each function of a CPU profile', () => {
  it('credits every function on a sample’s stack with its time, a recursive one once, and ranks them by time', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 4] },
        { id: 2, callFrame: frame('render', 9), children: [3] },
        { id: 3, callFrame: frame('render', 9) },
        { id: 4, callFrame: frame('layout', 20) },
      ],
      samples: [3, 3, 4, 2],
      timeDeltas: [1000, 2000, 500, 1500],
    };
    expect(inclusiveTimes(profile)).toEqual([
      ['(root) page.js:1', 5],
      ['render page.js:10', 4.5],
      ['layout page.js:21', 0.5],
    ]);
  });

  it('gives an empty list for a profile without samples', () => {
    expect(inclusiveTimes({ nodes: [{ id: 1, callFrame: frame('(root)') }], samples: [], timeDeltas: [] })).toEqual([]);
  });
});
