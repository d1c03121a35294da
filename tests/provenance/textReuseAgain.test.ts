import { describe, expect, it } from 'vitest';
import { findReuse } from '../../main/provenance/textReuse.ts';
import { reportProse } from './reportText.ts';

describe('text reuse asked again for texts it has seen', () => {
  it('gives the same passages as the first time, named by the ids of the new call', () => {
    const wire = reportProse(11, 12);
    const reprint = `A headline of its own\n\n${wire}`;
    const first = findReuse([
      { id: 1, text: wire },
      { id: 2, text: reprint },
    ]);
    const again = findReuse([
      { id: 7, text: wire },
      { id: 9, text: reprint },
    ]);
    expect(first).toHaveLength(1);
    expect(again).toEqual(first.map((reuse) => ({ ...reuse, a: 7, b: 9 })));
  });

  it('still finds reuse in texts seen before once many other texts were compared in between', () => {
    const wire = reportProse(12, 12);
    const reprint = `${wire}\n\nA closing paragraph.`;
    expect(
      findReuse([
        { id: 1, text: wire },
        { id: 2, text: reprint },
      ]),
    ).toHaveLength(1);
    // More texts than are kept, so the first ones are shingled anew.
    for (let i = 0; i < 300; i++) findReuse([{ id: 10 + i, text: reportProse(100 + i, 1) }]);
    expect(
      findReuse([
        { id: 3, text: wire },
        { id: 4, text: reprint },
      ]),
    ).toMatchObject([{ a: 3, b: 4 }]);
  });
});
