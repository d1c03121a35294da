import { describe, expect, it } from 'vitest';
import { searchPassages } from '../../renderer/search/searchPassages.ts';

const CONTEXT = 12;
/** A match of `word` at its first occurrence after `from` in `text`, with CONTEXT characters of snippet either side. */
function matchOf(text: string, word: string, from = 0) {
  const start = text.indexOf(word, from);
  if (start < 0) throw new Error(`no ${word}`);
  const end = start + word.length;
  return { start, end, before: text.slice(Math.max(0, start - CONTEXT), start), match: word, after: text.slice(end, end + CONTEXT) };
}
const shown = (p: ReturnType<typeof searchPassages>[number]) => `${p.before}${p.parts.map((x) => (x.marked ? `[${x.text}]` : x.text)).join('')}${p.after}`;

describe('search passages', () => {
  const text = 'The drones were sent to the front in May. Much later, far from there, officials spoke of drones again.';

  it('lists two words of one sentence once, with both marked and the words between them unmarked', () => {
    const passages = searchPassages([matchOf(text, 'sent'), matchOf(text, 'drones')]);
    expect(passages).toHaveLength(1);
    expect(shown(passages[0]!)).toBe('The [drones] were [sent] to the fron');
    expect(passages[0]).toMatchObject({ start: text.indexOf('drones'), end: text.indexOf('sent') + 4, matches: 2 });
  });

  it('keeps matches farther apart than their snippets as separate passages, in text order', () => {
    const passages = searchPassages([matchOf(text, 'drones', 20), matchOf(text, 'drones')]);
    expect(passages.map((p) => p.start)).toEqual([text.indexOf('drones'), text.indexOf('drones', 20)]);
    expect(passages.map((p) => p.matches)).toEqual([1, 1]);
  });

  it('shows an overlapping match once', () => {
    const first = matchOf(text, 'drones');
    const passages = searchPassages([first, { ...first, end: first.end - 1, match: 'drone', after: text.slice(first.end - 1, first.end - 1 + CONTEXT) }]);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.parts.filter((p) => p.marked)).toHaveLength(1);
  });

  it('gives no passage for no match', () => {
    expect(searchPassages([])).toEqual([]);
  });
});
