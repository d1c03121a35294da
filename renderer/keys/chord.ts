/** The parts of a key event a chord is read from. */
export type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>;

/**
 * A key event as one comparable string: "c", "?", "Mod+z", "Mod+Shift+z",
 * "Shift+ArrowRight", "Alt+ArrowLeft", "Escape". Ctrl and Cmd are one "Mod".
 * Shift counts for letters and named keys only: "?" is Shift+/ on one layout
 * and a key of its own on another, and must match on both.
 */
export function chordOf(event: KeyLike): string {
  const single = event.key.length === 1;
  const letter = single && event.key.toLowerCase() !== event.key.toUpperCase();
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Mod');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && (!single || letter)) parts.push('Shift');
  parts.push(single ? event.key.toLowerCase() : event.key);
  return parts.join('+');
}

const NAMES: Record<string, string> = {
  Mod: 'Ctrl/Cmd',
  ArrowRight: '→',
  ArrowLeft: '←',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
  ' ': 'Space',
  // A lower-case l reads as the digit 1 in many fonts.
  l: 'L',
};

/** How a chord is printed in the key map and the README. */
export function formatChord(chord: string): string {
  return (
    chord
      .split('+')
      // A letter with a modifier is printed as on the key cap (Ctrl/Cmd+Z); alone it stays lower-case (c, d, a).
      .map((part, _i, all) => NAMES[part] ?? (all.length > 1 && part.length === 1 ? part.toUpperCase() : part))
      .join('+')
  );
}
