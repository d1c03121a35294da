import type { Tag } from '../../main/api/contract.ts';

/** Everything a key can do in the workspace. */
export type KeyAction =
  | { kind: 'tag'; tag: Tag }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'toggleSnap' }
  | { kind: 'help' }
  | { kind: 'search' }
  | { kind: 'escape' }
  | { kind: 'delete' }
  | { kind: 'editNote' }
  | { kind: 'step'; by: 1 | -1 }
  | { kind: 'resize'; edge: 'start' | 'end'; resize: 'grow' | 'shrink' };

export interface KeyBinding {
  /** How the help lists it; a binding without one is described by the line before it (j / k). */
  help?: { keys: string; description: string };
  action: KeyAction;
  matches(event: KeyLike): boolean;
}

export type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>;

/** Keys another part of the app will bind (issue: pin for linking, link); never bind them here. */
export const RESERVED_KEYS = ['p', 'l'] as const;

const plain = (e: KeyLike) => !e.ctrlKey && !e.metaKey && !e.altKey;
const command = (e: KeyLike) => e.ctrlKey || e.metaKey;
const letter = (e: KeyLike, ch: string) => e.key.toLowerCase() === ch;

const tagBinding = (tag: Tag, letterKey: string, digit: string): KeyBinding => ({
  help: { keys: `${letterKey} or ${digit}`, description: `tag the selected text as ${tag} (or retag the selected annotation)` },
  action: { kind: 'tag', tag },
  matches: (e) => plain(e) && !e.shiftKey && (e.key === letterKey || e.key === digit),
});

/**
 * The key map, in the order the help lists it. Shift+arrows that extend a text
 * selection are handled by the reading pane itself and documented here.
 */
export const KEY_MAP: readonly KeyBinding[] = [
  tagBinding('claim', 'c', '1'),
  tagBinding('denial', 'd', '2'),
  tagBinding('attribution', 'a', '3'),
  { help: { keys: 'w', description: 'snap new spans to whole words on or off' }, action: { kind: 'toggleSnap' }, matches: (e) => plain(e) && !e.shiftKey && e.key === 'w' },
  { help: { keys: 'Ctrl/Cmd+Z', description: 'undo the last annotation edit, in any article' }, action: { kind: 'undo' }, matches: (e) => command(e) && !e.shiftKey && letter(e, 'z') },
  { help: { keys: 'Ctrl/Cmd+Shift+Z', description: 'redo' }, action: { kind: 'redo' }, matches: (e) => command(e) && e.shiftKey && letter(e, 'z') },
  { help: { keys: 'j / k', description: 'select the next / previous annotation in the panel' }, action: { kind: 'step', by: 1 }, matches: (e) => plain(e) && e.key === 'j' },
  { action: { kind: 'step', by: -1 }, matches: (e) => plain(e) && e.key === 'k' },
  { help: { keys: 'Shift+→ / Shift+←', description: 'selected annotation: grow / shrink its end by a word' }, action: { kind: 'resize', edge: 'end', resize: 'grow' }, matches: (e) => plain(e) && e.shiftKey && e.key === 'ArrowRight' },
  { action: { kind: 'resize', edge: 'end', resize: 'shrink' }, matches: (e) => plain(e) && e.shiftKey && e.key === 'ArrowLeft' },
  { help: { keys: 'Alt+← / Alt+→', description: 'selected annotation: grow / shrink its start by a word' }, action: { kind: 'resize', edge: 'start', resize: 'grow' }, matches: (e) => e.altKey && !command(e) && e.key === 'ArrowLeft' },
  { action: { kind: 'resize', edge: 'start', resize: 'shrink' }, matches: (e) => e.altKey && !command(e) && e.key === 'ArrowRight' },
  { help: { keys: 'n', description: 'selected annotation: edit its note' }, action: { kind: 'editNote' }, matches: (e) => plain(e) && e.key === 'n' },
  { help: { keys: 'Delete', description: 'selected annotation: delete it' }, action: { kind: 'delete' }, matches: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace') },
  { help: { keys: '/', description: 'search the whole corpus' }, action: { kind: 'search' }, matches: (e) => plain(e) && e.key === '/' },
  { help: { keys: '?', description: 'show this key map' }, action: { kind: 'help' }, matches: (e) => !command(e) && e.key === '?' },
  { help: { keys: 'Esc', description: 'close a popup, clear the selection' }, action: { kind: 'escape' }, matches: (e) => e.key === 'Escape' },
];

/** Extra lines of the help for keys handled where they happen rather than through the map. */
export const SELECTION_KEYS = [
  { keys: 'drag, double-click', description: 'select text in the reading pane; a toolbar offers the three tags' },
  { keys: 'Shift+arrows', description: 'in the reading pane (click to place the caret): extend the selection by a character; add Ctrl for a word' },
] as const;

export function actionFor(event: KeyLike): KeyAction | null {
  return KEY_MAP.find((binding) => binding.matches(event))?.action ?? null;
}
