import { boundaryAfter } from './clauses.ts';
import { lexicon } from './lexicon/lexicon.ts';
import { normaliseWord } from './wordForms.ts';
import type { Token } from './tokens.ts';

/**
 * Who says a span, read from the attribution around it the way news copy
 * writes it: "X said", "said X", "X told reporters", "according to X", a
 * quote closed and then "he said" (the pronoun resolved to the last person
 * named before). Only English grammar (reporting verbs, pronouns), never a
 * name: the speaker is whatever the text names.
 */

/** Verbs that attribute speech in news copy. */
const REPORTING = new Set(
  'said says say told tells added adds stated states warned warns explained explains noted notes announced announces claimed claims insisted insists argued argues wrote writes accused accuses confirmed confirms alleged alleges reported reports asserted asserts stressed stresses acknowledged acknowledges admitted admits urged urges suggested suggests predicted predicts cautioned cautions'.split(
    ' ',
  ),
);
const PRONOUNS = new Set(['he', 'she', 'they', 'it']);
/** Lower-case words that may sit inside a name ("Secretary of State", "Mayor de Vries"). */
const NAME_JOINERS = new Set(['of', 'de', 'van', 'von', 'der', 'al', 'bin', 'la', 'le', 'da', 'del', 'du']);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her']);
/** Prepositions that put a time or place between a speaker and the verb ("Woodward on Friday said"). */
const ADJUNCT_PREPOSITIONS = new Set(['on', 'in', 'at', 'last']);

export interface Speaker {
  /** As written: "Alina Reyes", "the regional health office". */
  name: string;
  /** Lower-case words that identify the speaker; two speakers are one when one's words contain the other's last word. */
  words: string[];
  /** Token range of the attribution itself ("port director Alina Reyes told reporters"), left out of what is compared. */
  first: number;
  last: number;
}

const isCapitalised = (t: Token) => /^\p{Lu}/u.test(t.raw);

/** The noun phrase ending at token `end` (inclusive) going left: a capitalised name, or "the … noun". */
function phraseBefore(tokens: readonly Token[], end: number, floor: number, cut: (i: number) => boolean): { first: number; last: number } | null {
  if (end < floor) return null;
  if (isCapitalised(tokens[end]!) || PRONOUNS.has(tokens[end]!.norm)) {
    let first = end;
    if (!PRONOUNS.has(tokens[end]!.norm)) {
      while (
        first - 1 >= floor &&
        (isCapitalised(tokens[first - 1]!) || (NAME_JOINERS.has(tokens[first - 1]!.norm) && first - 2 >= floor && isCapitalised(tokens[first - 2]!)))
      )
        first--;
      // The title before a name belongs to the attribution: "port director Alina Reyes", "union head Tomas Berg".
      for (
        let k = 0;
        k < 3 &&
        first - 1 >= floor &&
        !cut(first - 1) &&
        tokens[first - 1]!.content &&
        !REPORTING.has(tokens[first - 1]!.norm) &&
        tokens[first - 1]!.sentence === tokens[end]!.sentence;
        k++
      )
        first--;
      // "Barbara Woodward on Friday said", "officials in Tallinn said": a time or place after the speaker, who stands before it.
      if (first === end && first - 2 >= floor && ADJUNCT_PREPOSITIONS.has(tokens[first - 1]!.norm) && !cut(first - 2))
        return phraseBefore(tokens, first - 2, floor, cut) ?? { first, last: end };
    }
    return { first, last: end };
  }
  // "the regional health office said", "officials said": up to four words back to a determiner, or a bare plural.
  for (let first = end; first >= Math.max(floor, end - 4); first--) {
    if (DETERMINERS.has(tokens[first]!.norm)) return first < end ? { first, last: end } : null;
    if (!tokens[first]!.content) break;
  }
  return tokens[end]!.content && tokens[end]!.norm.endsWith('s') ? { first: end, last: end } : null;
}

/**
 * The noun phrase starting at token `start` going right, for "said X" and
 * "according to X": a pronoun, a name with the title before it ("port
 * director Alina Reyes"), or "the … noun" up to the first function word.
 */
function phraseAfter(tokens: readonly Token[], start: number, ceiling: number, cut: (i: number) => boolean): { first: number; last: number } | null {
  if (start > ceiling) return null;
  for (let i = start; i < ceiling; i++) if (cut(i)) ceiling = i;
  if (PRONOUNS.has(tokens[start]!.norm)) return { first: start, last: start };
  const from = DETERMINERS.has(tokens[start]!.norm) ? start + 1 : start;
  let last = -1;
  let named = false;
  for (let i = from; i <= Math.min(ceiling, from + 5); i++) {
    const t = tokens[i]!;
    if (isCapitalised(t)) {
      last = i;
      named = true;
    } else if (named && NAME_JOINERS.has(t.norm) && i + 1 <= ceiling && isCapitalised(tokens[i + 1]!)) continue;
    else if (!named && t.content && !REPORTING.has(t.norm)) last = i;
    else break;
  }
  if (last < 0 || (!named && from === start)) return null; // a bare common noun after "said" is the start of the reported clause
  return { first: start, last };
}

function toSpeaker(tokens: readonly Token[], phrase: { first: number; last: number }, attribution: [number, number]): Speaker {
  const words = tokens
    .slice(phrase.first, phrase.last + 1)
    .filter((t) => t.content || PRONOUNS.has(t.norm))
    .map((t) => t.norm.replace(/'s$/, ''));
  return {
    name: tokens
      .slice(phrase.first, phrase.last + 1)
      .map((t) => t.raw)
      .join(' '),
    words,
    first: attribution[0],
    last: attribution[1],
  };
}

/** Attributions in one sentence [first, last] outside the span [spanFirst, spanLast]. */
function attributionIn(text: string, tokens: readonly Token[], first: number, last: number, spanFirst: number, spanLast: number): Speaker | null {
  const outside = (i: number) => i < spanFirst || i > spanLast;
  const cut = (i: number) => boundaryAfter(text, tokens, i);
  for (let i = first; i <= last; i++) {
    if (!outside(i)) continue;
    const t = tokens[i]!;
    if (t.norm === 'according' && i + 1 <= last && tokens[i + 1]!.norm === 'to') {
      const phrase = phraseAfter(tokens, i + 2, last, cut);
      if (phrase && outside(phrase.first) && outside(phrase.last)) return toSpeaker(tokens, phrase, [i, phrase.last]);
    }
    if (!REPORTING.has(t.norm)) continue;
    // "X said"; across a comma, "Tomas Berg, who leads the union, warned" (an apposition skipped) or
    // "A union official, Tomas Berg, said"; never across a quote mark ('neighbors," said Kirby'), where the speaker follows.
    let end = i - 1;
    const gap = end >= first ? text.slice(tokens[end]!.end, tokens[i]!.start) : '';
    if (/["“”«»]/.test(gap)) end = first - 1;
    else if (end >= first && cut(end)) {
      const adjacent = phraseBefore(tokens, end, first, cut);
      if (!(adjacent && isCapitalised(tokens[adjacent.last]!))) {
        let comma = end - 1;
        while (comma > first && !cut(comma)) comma--;
        end = comma > first && /^,\s*$/.test(text.slice(tokens[comma]!.end, tokens[comma + 1]!.start)) ? comma : first - 1;
      }
    }
    const before = phraseBefore(tokens, end, first, cut);
    if (before && outside(before.first) && outside(before.last)) return toSpeaker(tokens, before, [before.first, i]);
    // "said X" after a quote, or "X, the union leader, said".
    // "said X" only after a quote or clause (", said Kirby", ", he said"): otherwise what follows "said" is what was said ("said the leak began").
    const after = i > first && cut(i - 1) ? phraseAfter(tokens, i + 1, last, cut) : null;
    if (after && outside(after.first) && outside(after.last)) return toSpeaker(tokens, after, [i, after.last]);
  }
  return null;
}

/**
 * The speaker of tokens [spanFirst, spanLast]: an attribution in the span's
 * own sentence, else in the next sentence when the span's sentence has
 * none ("… tanks." Reyes added.), else none. A pronoun is resolved to the
 * last capitalised name of an earlier attribution in the text.
 */
export function findSpeaker(text: string, tokens: readonly Token[], spanFirst: number, spanLast: number): Speaker | null {
  if (tokens.length === 0) return null;
  const sentence = tokens[spanFirst]!.sentence;
  let first = spanFirst;
  while (first > 0 && tokens[first - 1]!.sentence === sentence) first--;
  let last = spanLast;
  while (last + 1 < tokens.length && tokens[last + 1]!.sentence === tokens[spanLast]!.sentence) last++;
  return speakerIn(text, tokens, first, last, spanFirst, spanLast);
}

/** The attribution of the sentence [first, last] as a whole (nothing of it is the span), for leaving it out of what is compared. */
export const sentenceAttribution = (text: string, tokens: readonly Token[], first: number, last: number) =>
  speakerIn(text, tokens, first, last, last + 1, last);

function speakerIn(text: string, tokens: readonly Token[], first: number, last: number, spanFirst: number, spanLast: number): Speaker | null {
  let speaker = attributionIn(text, tokens, first, last, spanFirst, spanLast);
  if (!speaker) return null;
  if (speaker.words.length === 1 && PRONOUNS.has(speaker.words[0]!)) {
    const named = lastSpeakerBefore(text, tokens, first);
    if (!named) return null;
    speaker = { ...named, first: speaker.first, last: speaker.last };
  }
  return speaker;
}

/** The speaker of the nearest earlier attribution that is not itself a pronoun, in the same paragraph or the one before. */
function lastSpeakerBefore(text: string, tokens: readonly Token[], before: number): Speaker | null {
  let end = before - 1;
  while (end >= 0) {
    let start = end;
    while (start > 0 && tokens[start - 1]!.sentence === tokens[end]!.sentence) start--;
    if (paragraphsBetween(text, tokens, end, before) > 1) return null;
    const found = attributionIn(text, tokens, start, end, end + 1, end);
    if (found && found.words.length > 0 && !PRONOUNS.has(found.words[0]!)) return found;
    end = start - 1;
  }
  return null;
}

/**
 * Paragraphs from token `from`'s to token `to`'s, not counting the headings
 * between them: a link line ("Also read: …") or a subhead interrupts the
 * copy without changing who is being quoted.
 */
function paragraphsBetween(text: string, tokens: readonly Token[], from: number, to: number): number {
  let count = 0;
  let i = to;
  while (i > from && tokens[i]!.paragraph !== tokens[from]!.paragraph) {
    // Walk back to the first token of the previous paragraph, and count it unless it is a heading.
    let start = i - 1;
    const paragraph = tokens[start]!.paragraph;
    while (start > from && tokens[start - 1]!.paragraph === paragraph) start--;
    if (start === from || !isHeading(text, tokens, start, i - 1)) count++;
    i = start;
    if (start === from) break;
  }
  return count;
}

/** A short paragraph without a closing full stop: a headline, a subhead, a link line. The same test as headingTokens(). */
function isHeading(text: string, tokens: readonly Token[], first: number, last: number): boolean {
  const line = text.slice(tokens[first]!.start, tokens[last]!.end + 1).trimEnd();
  return last - first + 1 <= 16 && !/[.!?:;]["”’']?$/.test(line);
}

/** A person or body named by a proper name ("Alina Reyes"), not a description ("officials", "the health office"). */
function isNamed(name: string): boolean {
  const words = lexicon();
  return name.split(/\s+/).some((w) => {
    if (!/^\p{Lu}/u.test(w)) return false;
    const id = words.id(normaliseWord(w).replace(/'s$/, ''));
    return id === undefined || words.isName(id) || !words.inWordNet(id);
  });
}

/**
 * Whether two speakers are one: the same last word ("Reyes" and "Alina
 * Reyes", "office" and "the health office"). Null when one is named and the
 * other is not ("officials" may be Alina Reyes): nothing to compare.
 */
export function sameSpeaker(a: { name: string; words: readonly string[] }, b: { name: string; words: readonly string[] }): boolean | null {
  if (isNamed(a.name) !== isNamed(b.name)) return null;
  if (a.words.length === 0 || b.words.length === 0) return null;
  return a.words.includes(b.words.at(-1)!) || b.words.includes(a.words.at(-1)!);
}

/** A speaker from a name the analyst typed on an annotation. */
export function speakerNamed(name: string): { name: string; words: string[] } {
  return {
    name,
    words: name
      .toLowerCase()
      .split(/[^\p{L}\p{N}'’]+/u)
      .filter(Boolean),
  };
}
