/**
 * How a word is compared when looking for the same claim in other wording:
 * its normal form (case, quotes, accents folded) and its key, which also folds
 * inflection, British/American spelling and the word swaps news copy makes.
 * The tables are deliberately small: each entry is a swap seen in real
 * rewrites of agency copy, and a wrong entry costs precision everywhere.
 */

/** Function words: they carry no claim, so they neither retrieve nor, alone, make a match. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if of to in on at by for with from into onto over under as than then that this these those ' +
    'is are was were be been being am do does did done has have had having it its it\'s he she they them their there ' +
    'his her hers him we us our you your i me my so such also just very can could would should will shall may might must ' +
    'who whom whose which what when where why how all any some each other both more most few many much not no nor ' +
    'about after before during while up down out off again further once here only own same too s t'
  ).split(' '),
);

/** Words whose presence flips or cancels a claim. */
export const NEGATIONS: ReadonlySet<string> = new Set(
  'not no never nor neither none nobody nothing without deny denies denied denying refute refuted reject rejected false n\'t'.split(' '),
);

const NUMBER_WORDS = new Set(
  'one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions dozen dozens half several'.split(' '),
);

/**
 * Groups of words reported interchangeably. The first word names the group.
 * Actors come first: a capital stands for its country in news copy ("Moscow"
 * for Russia), so swapping them is wording, not a changed actor.
 */
const WORD_GROUPS: readonly (readonly string[])[] = [
  ['russia', 'russian', 'moscow', 'kremlin'],
  ['iran', 'iranian', 'tehran', 'islamic'],
  ['ukraine', 'ukrainian', 'kyiv', 'kiev'],
  ['usa', 'us', 'u.s', 'america', 'american', 'washington'],
  ['un', 'u.n', 'nations'],
  ['plane', 'planes', 'jet', 'jets', 'aircraft'],
  ['weapon', 'weapons', 'arms', 'armament'],
  ['provide', 'providing', 'supply', 'supplying', 'give', 'giving', 'deliver', 'offer', 'offering'],
  ['help', 'assist', 'assistance', 'aid', 'aiding', 'support', 'backing'],
  ['backer', 'backers', 'supporter', 'supporters', 'ally'],
  ['sell', 'selling', 'sale', 'sold'],
  ['say', 'said', 'says', 'tell', 'told', 'state', 'stated', 'add', 'added', 'declare', 'declared'],
  ['top', 'main', 'leading', 'chief'],
  ['set', 'setting', 'create', 'creating', 'establish', 'establishment', 'stand', 'standing', 'build', 'building'],
  ['allege', 'alleged', 'accuse', 'accused', 'claim', 'claimed'],
  ['conflict', 'war', 'invasion'],
  ['assembly', 'production', 'manufacturing', 'factory'],
  ['drone', 'drones', 'uav', 'uavs'],
  ['receive', 'receiving', 'get', 'obtain', 'acquire'],
  ['shipment', 'shipments', 'delivery', 'deliveries', 'transfer', 'transfers'],
  ['work', 'function', 'operate'],
  ['attack', 'attacks', 'strike', 'strikes'],
  ['kill', 'killing', 'murder'],
  ['consider', 'considering', 'considers', 'weigh', 'weighing'],
  ['intend', 'intends', 'intended', 'plan', 'plans', 'planning'],
  ['will', 'would', 'may', 'could'],
  ['seek', 'seeking', 'try', 'trying', 'attempt', 'attempting'],
];

/** Spellings that are one word: British/American and compound variants ("fully fledged", "full-fledged"). */
const SPELLINGS: Readonly<Record<string, string>> = {
  defence: 'defense',
  neighbours: 'neighbors',
  neighbour: 'neighbor',
  fully: 'full',
  programme: 'program',
  organisation: 'organization',
  favour: 'favor',
  barbra: 'barbara',
};

/** Case, quote marks and accents folded; what "the same word" means before any fuzziness. */
export function normaliseWord(raw: string): string {
  // Most words are plain ASCII, and importing a corpus tokenizes every word of it.
  const unaccented = /^[\x00-\x7f]*$/.test(raw) ? raw : raw.normalize('NFKD').replace(/\p{M}/gu, '');
  const folded = unaccented.toLowerCase().replace(/[’‘ʼ`´]/g, "'");
  return SPELLINGS[folded] ?? folded;
}

/**
 * A crude stemmer: drop the possessive and the commonest suffixes, then keep
 * five letters. Good enough to meet "technique"/"technical" and
 * "transforms"/"transforming"; alignment, not the stem, decides a match.
 */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '').replace(/'/g, '');
  if (/^\d/.test(w)) return w;
  for (const suffix of ['ingly', 'ing', 'ied', 'ies', 'ed', 'es', 'ly', 's']) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w.slice(0, 5);
}

const GROUP_OF = new Map<string, string>();
for (const group of WORD_GROUPS) {
  for (const word of group) if (!GROUP_OF.has(word)) GROUP_OF.set(word, `~${group[0]}`);
}
const GROUP_OF_STEM = new Map<string, string>();
for (const group of WORD_GROUPS) {
  for (const word of group) if (!GROUP_OF_STEM.has(stem(word))) GROUP_OF_STEM.set(stem(word), `~${group[0]}`);
}

/** The key two words share when a reader would call one a rewording of the other. */
export function wordKey(norm: string): string {
  return GROUP_OF.get(norm) ?? GROUP_OF.get(norm.replace(/'s$/, '')) ?? GROUP_OF_STEM.get(stem(norm)) ?? stem(norm);
}

export const isStopword = (norm: string) => STOPWORDS.has(norm);
export const isNegation = (norm: string) => NEGATIONS.has(norm) || norm.endsWith("n't");
export const isNumber = (norm: string) => /^\d/.test(norm) || NUMBER_WORDS.has(norm);

/** Actor groups are the first five word groups; their keys name countries and institutions. */
const ACTOR_KEYS: ReadonlySet<string> = new Set(WORD_GROUPS.slice(0, 5).map((g) => `~${g[0]}`));
export const isKnownActorKey = (key: string) => ACTOR_KEYS.has(key);
