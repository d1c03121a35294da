import { describe, expect, it } from 'vitest';
import { findReuse, MIN_SHARED_WORDS } from '../../main/provenance/textReuse.ts';
import { reportProse } from './reportText.ts';

const QUOTE =
  '"We will not reopen the bridge until every cable has been checked by independent engineers, and that will take at least three more weeks," the transport minister told reporters.';

describe('text reuse between whole articles', () => {
  it('finds a wire story reprinted under a new headline with a paragraph of its own, and where the shared passage lies in each', () => {
    const wire = reportProse(1, 12);
    const reprint = `Bridge closure drags on\n\n${wire}\n\n${reportProse(2, 3)}`;
    const [reuse] = findReuse([
      { id: 1, text: wire },
      { id: 2, text: reprint },
    ]);
    expect(reuse).toMatchObject({ a: 1, b: 2 });
    expect(reuse!.coverage).toBeGreaterThan(0.95);
    const [passage] = reuse!.passages;
    expect(wire.slice(passage!.aStart, passage!.aEnd)).toBe(reprint.slice(passage!.bStart, passage!.bEnd));
  });

  it('still finds a copy whose editor changed a few words, as several passages', () => {
    const wire = reportProse(3, 12);
    const words = wire.split(' ');
    for (const at of [20, 60, 110]) words[at] = 'reportedly';
    const [reuse] = findReuse([
      { id: 1, text: wire },
      { id: 2, text: words.join(' ') },
    ]);
    expect(reuse!.passages.length).toBeGreaterThanOrEqual(3);
    expect(reuse!.coverage).toBeGreaterThan(0.7);
  });

  it('does not call two independent reports that quote the same statement a copy', () => {
    const one = `${reportProse(4, 6)}\n\n${QUOTE}\n\n${reportProse(5, 6)}`;
    const two = `${reportProse(6, 5)}\n\n${QUOTE}\n\n${reportProse(7, 7)}`;
    expect(QUOTE.split(/\s+/).length).toBeLessThan(MIN_SHARED_WORDS);
    expect(
      findReuse([
        { id: 1, text: one },
        { id: 2, text: two },
      ]),
    ).toEqual([]);
  });

  it('finds nothing between unrelated reports', () => {
    expect(findReuse([1, 2, 3].map((seed) => ({ id: seed, text: reportProse(seed + 10, 10) })))).toEqual([]);
  });

  it('counts a short article fully reprinted inside a long one as reuse, by its share of the shorter text', () => {
    const brief = reportProse(8, 2);
    const long = `${reportProse(9, 10)}\n\n${brief}\n\n${reportProse(10, 10)}`;
    const [reuse] = findReuse([
      { id: 1, text: brief },
      { id: 2, text: long },
    ]);
    expect(reuse!.sharedWords).toBeLessThan(MIN_SHARED_WORDS);
    expect(reuse!.coverage).toBe(1);
  });
});
