import type { Speaker } from '../../main/contract/contract.ts';

/** Most names the speaker field offers at once: a short list to pick from, not the registry. */
export const MAX_SPEAKER_CHOICES = 8;

/** A registered speaker offered for what was typed: the name to store, and the alias that matched when it is not the name. */
export interface SpeakerChoice {
  name: string;
  matched: string | null;
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim();

/**
 * The registry's speakers whose name or an alias contains what was typed
 * (ignoring case and accents): those whose name or alias starts with it
 * first, then by how many annotations name them. Nothing typed offers the
 * most named speakers.
 */
export function speakerChoices(speakers: readonly Speaker[], typed: string, limit = MAX_SPEAKER_CHOICES): SpeakerChoice[] {
  const wanted = fold(typed);
  const ranked: Array<{ choice: SpeakerChoice; prefix: boolean; annotations: number }> = [];
  for (const speaker of speakers) {
    const names = [speaker.name, ...speaker.aliases.filter((a) => a !== speaker.name)];
    const hit = names.find((n) => fold(n).startsWith(wanted)) ?? names.find((n) => fold(n).includes(wanted));
    if (hit === undefined) continue;
    // Typed exactly as stored: nothing to offer.
    if (speaker.name === typed.trim()) continue;
    ranked.push({
      choice: { name: speaker.name, matched: hit === speaker.name ? null : hit },
      prefix: fold(hit).startsWith(wanted),
      annotations: speaker.annotations,
    });
  }
  ranked.sort((a, b) => Number(b.prefix) - Number(a.prefix) || b.annotations - a.annotations || a.choice.name.localeCompare(b.choice.name));
  return ranked.slice(0, limit).map((r) => r.choice);
}
