/**
 * Made-up news prose for the provenance tests: sentences drawn from a neutral
 * vocabulary by a seeded generator, so each seed is a different "report" and
 * no test depends on any real story.
 */
const SUBJECTS = [
  'The council',
  'A spokesperson',
  'The minister',
  'Local residents',
  'The agency',
  'Inspectors',
  'The company',
  'Engineers',
  'The mayor',
  'Witnesses',
];
const VERBS = ['said', 'confirmed', 'reported', 'warned', 'announced', 'noted', 'argued', 'estimated', 'suggested', 'explained'];
const OBJECTS = [
  'that the bridge would stay closed',
  'that repairs had started early',
  'that the budget was under review',
  'that traffic had doubled overnight',
  'that the river level kept rising',
  'that schools would reopen next week',
  'that the harvest was smaller',
  'that new rules would follow',
  'that power was restored in the north',
  'that prices rose again in spring',
  'that the inquiry would widen',
  'that volunteers arrived at dawn',
];
const TAILS = [
  'on Monday',
  'after a long meeting',
  'according to officials',
  'in a short statement',
  'despite earlier doubts',
  'for the third time',
  'without giving details',
  'late in the evening',
];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** `sentences` sentences of prose for `seed`, in paragraphs of three. */
export function reportProse(seed: number, sentences: number): string {
  const next = random(seed * 7919 + 17);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const out: string[] = [];
  for (let i = 0; i < sentences; i++)
    out.push(`${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}, and ${pick(SUBJECTS).toLowerCase()} ${pick(VERBS)} ${pick(OBJECTS)}.`);
  const paragraphs: string[] = [];
  for (let i = 0; i < out.length; i += 3) paragraphs.push(out.slice(i, i + 3).join(' '));
  return paragraphs.join('\n\n');
}
