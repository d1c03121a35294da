import { TAGS, type Tag } from '../../main/contract/contract.ts';
import { seededRandom } from './random.ts';

export interface GeneratedSpan {
  start: number;
  end: number;
  tag: Tag;
}

export interface LongArticle {
  text: string;
  spans: GeneratedSpan[];
}

const VOCABULARY = (
  'the russia iran ukraine drones military technical support partnership defence officials said kirby white house ' +
  'security council ambassador weapons missiles sanctions moscow tehran kyiv alleged denied reported according ' +
  'administration intelligence assessment fighter jets helicopters air assembly line production deliveries year ' +
  'civilians infrastructure energy winter attack strike launched week month statement briefing reporters spokesman'
).split(' ');

export interface LongArticleOptions {
  words?: number;
  spans?: number;
  /** Share of spans that overlap (or nest inside) another span. */
  overlapping?: number;
  seed?: number;
}

/**
 * The benchmark article: prose-like paragraphs of 40–160 words and tagged spans
 * of 2–20 words, a fifth of which overlap another span. Deterministic per seed.
 */
export function generateLongArticle({ words = 50_000, spans = 5_000, overlapping = 0.2, seed = 1 }: LongArticleOptions = {}): LongArticle {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const wordStarts: number[] = [];
  const wordEnds: number[] = [];
  let text = '';
  let left = words;
  while (left > 0) {
    const paragraph = Math.min(left, 40 + Math.floor(random() * 120));
    for (let i = 0; i < paragraph; i++) {
      if (i > 0) text += random() < 0.08 ? ', ' : ' ';
      let word = pick(VOCABULARY);
      if (i === 0) word = word[0]!.toUpperCase() + word.slice(1);
      wordStarts.push(text.length);
      text += word;
      wordEnds.push(text.length);
    }
    text += '.';
    left -= paragraph;
    if (left > 0) text += '\n\n';
  }

  const result: GeneratedSpan[] = [];
  const overlapCount = Math.round(spans * overlapping);
  const plainCount = spans - overlapCount;
  // Plain spans sit in disjoint slots spread over the article, so they never touch each other.
  const slot = Math.floor(wordStarts.length / plainCount);
  for (let i = 0; i < plainCount; i++) {
    const first = i * slot + Math.floor(random() * Math.max(1, slot - 22));
    const length = 2 + Math.floor(random() * Math.min(19, slot - 2));
    result.push({ start: wordStarts[first]!, end: wordEnds[Math.min(first + length - 1, wordEnds.length - 1)]!, tag: pick(TAGS) });
  }
  // Overlapping spans start inside an existing span and run past its end, or nest inside it.
  for (let i = 0; i < overlapCount; i++) {
    const host = result[Math.floor(random() * plainCount)]!;
    const firstWord = wordStarts.findIndex((s) => s >= host.start);
    const hostWords = wordEnds.findIndex((e) => e >= host.end) - firstWord + 1;
    const offset = Math.floor(random() * Math.max(1, hostWords - 1));
    const nested = random() < 0.5 && hostWords > 2;
    const length = nested ? 1 + Math.floor(random() * (hostWords - offset - 1 || 1)) : hostWords - offset + 1 + Math.floor(random() * 5);
    const endWord = Math.min(firstWord + offset + length - 1, wordEnds.length - 1);
    result.push({ start: wordStarts[firstWord + offset]!, end: wordEnds[endWord]!, tag: pick(TAGS) });
  }
  result.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, spans: result };
}
