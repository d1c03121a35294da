import { tokenize } from '../matching/tokens.ts';

/**
 * Text reuse between whole articles, in the manner of passim: both texts as
 * overlapping word n-grams (shingles), the shingles they share lined up into
 * passages (runs along one diagonal, small gaps bridged), and reuse declared
 * only where the shared passages are long: one wire story reprinted, not two
 * reports quoting the same sentence. Pure: texts in, passages out.
 */
export interface ReuseText {
  id: number;
  text: string;
}

export interface SharedPassage {
  /** UTF-16 offsets into each text. */
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  words: number;
}

export interface Reuse {
  a: number;
  b: number;
  passages: SharedPassage[];
  sharedWords: number;
  /** Shared words over the words of the shorter text. */
  coverage: number;
}

/** Words per shingle: passim's default, long enough that shared shingles are rarely chance. */
export const SHINGLE_WORDS = 5;
/** Shingle positions a passage may skip (a word or two changed in place) and still be one passage. */
const MAX_GAP = 3;
/** A run shorter than this many words is a phrase two writers can share by chance, not a passage. */
export const MIN_PASSAGE_WORDS = 12;
/**
 * Reuse needs this many shared words in passages, or the share below of the
 * shorter text. A quote that two independent reports both carry is one or two
 * sentences (news quotes rarely pass 40 words); a reprint shares paragraphs.
 * Set from that, not fitted to any corpus; tests/provenance/textReuse.test.ts
 * checks both sides on generated reports.
 */
export const MIN_SHARED_WORDS = 60;
export const MIN_SHARED_COVERAGE = 0.5;

export interface Shingled {
  id: number;
  words: number;
  /** Shingle key → positions (index of its first word). */
  shingles: Map<string, number[]>;
  /** Offsets of each word. */
  starts: number[];
  ends: number[];
}

function shingle(text: ReuseText): Shingled {
  // Shingles need each word's normal form and offsets only, not the lexicon (whose first load is most of a fresh process's first view).
  const tokens = tokenize(text.text, 0, false);
  const shingles = new Map<string, number[]>();
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++) {
    const key = tokens
      .slice(i, i + SHINGLE_WORDS)
      .map((t) => t.norm)
      .join(' ');
    const list = shingles.get(key);
    if (list) list.push(i);
    else shingles.set(key, [i]);
  }
  return { id: text.id, words: tokens.length, shingles, starts: tokens.map((t) => t.start), ends: tokens.map((t) => t.end) };
}

/**
 * Texts shingled lately, by their text (a pure function of it, so never stale). The review desk's
 * matrix works out the origins of 25 claim groups a page, each over its reports' whole texts, and
 * shingling was most of it (about 6 ms a group at 1,000 articles on the loaded 2-core machine, 2
 * December 2026); paging back, another tab or the timeline then reuse the work. Each entry holds a
 * shingle and a few positions per word of its text; the bound is what limits the memory.
 */
const recentlyShingled = new Map<string, Shingled>();
const SHINGLED_TEXTS_KEPT = 256;

function shingledOnce(text: ReuseText): Shingled {
  const kept = recentlyShingled.get(text.text);
  if (kept) {
    // Most recently used last, so the oldest goes first when the bound is reached.
    recentlyShingled.delete(text.text);
    recentlyShingled.set(text.text, kept);
    return { ...kept, id: text.id };
  }
  const fresh = shingle(text);
  recentlyShingled.set(text.text, fresh);
  if (recentlyShingled.size > SHINGLED_TEXTS_KEPT) recentlyShingled.delete(recentlyShingled.keys().next().value!);
  return fresh;
}

/**
 * The rules of the comparison, as stored results name them (migration 024): a
 * result stored under other rules is worked out again. Bump the version when
 * the comparison or the tokenizer changes in a way the constants do not show.
 */
export const REUSE_METHOD = `shingles-v1:${SHINGLE_WORDS}:${MAX_GAP}:${MIN_PASSAGE_WORDS}:${MIN_SHARED_WORDS}:${MIN_SHARED_COVERAGE}`;

/** Shingles a text: through the recently shingled texts by default, or a memo of the caller's own. */
export type Shingler = (text: ReuseText) => Shingled;

/**
 * A memo for one batch of comparisons that leaves the recently shingled texts alone: the background
 * pass compares each text of a group with the others, and would push out the texts views just used.
 */
export function batchShingler(): Shingler {
  const memo = new Map<string, Shingled>();
  return (text) => {
    const kept = recentlyShingled.get(text.text) ?? memo.get(text.text);
    if (kept) return { ...kept, id: text.id };
    const fresh = shingle(text);
    memo.set(text.text, fresh);
    return fresh;
  };
}

/** What two texts share, oriented `a` → `b`, or null when they do not reuse text. */
export function reuseBetween(a: ReuseText, b: ReuseText, shingled: Shingler = shingledOnce): Reuse | null {
  return compare(shingled(a), shingled(b));
}

/** Every pair of the texts that reuses text, with the passages they share. */
export function findReuse(texts: readonly ReuseText[]): Reuse[] {
  const shingled = texts.map(shingledOnce);
  const result: Reuse[] = [];
  for (let i = 0; i < shingled.length; i++) {
    for (let j = i + 1; j < shingled.length; j++) {
      const reuse = compare(shingled[i]!, shingled[j]!);
      if (reuse) result.push(reuse);
    }
  }
  return result;
}

function compare(a: Shingled, b: Shingled): Reuse | null {
  // Shared shingles as (position in a, position in b); a shingle repeated inside one text pairs with each copy.
  const hits: Array<[number, number]> = [];
  const [small, large, swapped] = a.shingles.size <= b.shingles.size ? [a, b, false] : [b, a, true];
  for (const [key, positions] of small.shingles) {
    const other = large.shingles.get(key);
    if (!other) continue;
    for (const p of positions) for (const q of other) hits.push(swapped ? [q, p] : [p, q]);
  }
  if (hits.length === 0) return null;
  // Runs along a diagonal (the same offset between a and b), in a's order; a word inserted or dropped starts a new passage.
  hits.sort((x, y) => x[1] - x[0] - (y[1] - y[0]) || x[0] - y[0]);
  const passages: SharedPassage[] = [];
  let runStart = hits[0]!;
  let runEnd = hits[0]!;
  const close = () => {
    const words = runEnd[0] - runStart[0] + SHINGLE_WORDS;
    if (words < MIN_PASSAGE_WORDS) return;
    const aLast = runEnd[0] + SHINGLE_WORDS - 1;
    const bLast = runEnd[1] + SHINGLE_WORDS - 1;
    passages.push({ aStart: a.starts[runStart[0]]!, aEnd: a.ends[aLast]!, bStart: b.starts[runStart[1]]!, bEnd: b.ends[bLast]!, words });
  };
  for (const hit of hits.slice(1)) {
    const sameDiagonal = hit[1] - hit[0] === runEnd[1] - runEnd[0];
    if (sameDiagonal && hit[0] - runEnd[0] <= MAX_GAP + 1) {
      runEnd = hit;
      continue;
    }
    close();
    runStart = runEnd = hit;
  }
  close();
  if (passages.length === 0) return null;
  const sharedWords = passages.reduce((sum, p) => sum + p.words, 0);
  const coverage = sharedWords / Math.max(1, Math.min(a.words, b.words));
  if (sharedWords < MIN_SHARED_WORDS && coverage < MIN_SHARED_COVERAGE) return null;
  passages.sort((x, y) => x.aStart - y.aStart);
  return { a: a.id, b: b.id, passages, sharedWords, coverage: Math.min(1, coverage) };
}
