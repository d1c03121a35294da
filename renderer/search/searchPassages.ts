import type { SearchResults } from '../../main/contract/contract.ts';

type Match = SearchResults['articles'][number]['matches'][number];

/** A run of a passage's text: a matched word (marked) or the words between. */
export interface PassagePart {
  text: string;
  marked: boolean;
}

/**
 * One place in an article where the query's words were found: every match
 * close enough to show in one snippet, with the text before, between and after.
 * start–end runs from the first match's first character to the last match's last.
 */
export interface Passage {
  start: number;
  end: number;
  before: string;
  parts: PassagePart[];
  after: string;
  matches: number;
}

/**
 * Joins an article's matches into passages: a match that starts within the
 * previous match's trailing snippet belongs to the same passage, so a search
 * for several words lists the sentence once, not once per word.
 */
export function searchPassages(matches: readonly Match[]): Passage[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || a.end - b.end);
  const passages: Passage[] = [];
  let current: (Passage & { lastAfter: string }) | null = null;
  for (const match of sorted) {
    const gap = current ? match.start - current.end : -1;
    if (current && gap >= 0 && gap <= current.lastAfter.length) {
      const between = current.lastAfter.slice(0, gap);
      if (between) current.parts.push({ text: between, marked: false });
      current.parts.push({ text: match.match, marked: true });
      current.end = match.end;
      current.lastAfter = match.after;
      current.matches++;
      continue;
    }
    // Overlapping matches (a word that is also a prefix hit) add nothing new to show.
    if (current && gap < 0 && match.start < current.end) continue;
    if (current) passages.push(finish(current));
    current = {
      start: match.start,
      end: match.end,
      before: match.before,
      parts: [{ text: match.match, marked: true }],
      after: '',
      lastAfter: match.after,
      matches: 1,
    };
  }
  if (current) passages.push(finish(current));
  return passages;
}

const finish = ({ lastAfter, ...passage }: Passage & { lastAfter: string }): Passage => ({ ...passage, after: lastAfter });
