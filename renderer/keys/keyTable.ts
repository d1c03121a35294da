import { formatChord } from './chord.ts';

/**
 * Every key of the app, by scope. A scope is where the keyboard is: the Read
 * view, one tab of the Review desk, a dialog, or the article text itself
 * (keys the reading pane handles where they happen, e.g. extending a text
 * selection). The router, the `?` key map and the README's key table are all
 * read from this one table.
 */
export const SCOPES = {
  global: { title: 'Everywhere', modal: false },
  read: { title: 'Read view', modal: false },
  text: { title: 'In the article text (click it, or press v)', modal: false },
  'review.groups': { title: 'Review: claim groups', modal: false },
  'review.suggestions': { title: 'Review: suggestions', modal: false },
  'review.links': { title: 'Review: links', modal: false },
  'review.speakers': { title: 'Review: speakers', modal: false },
  'review.matrix': { title: 'Review: matrix', modal: false },
  'review.graph': { title: 'Review: graph', modal: false },
  'review.agreement': { title: 'Review: agreement', modal: false },
  'review.timeline': { title: 'Review: timeline', modal: false },
  'review.adjudication': { title: 'Review: adjudication', modal: false },
  menu: { title: 'A popup menu', modal: true },
  dialog: { title: 'A dialog', modal: true },
} as const satisfies Record<string, { title: string; modal: boolean }>;

export type Scope = keyof typeof SCOPES;

export interface KeyBinding {
  command: string;
  /** Chords in chordOf()'s form; the first is the one hints show. */
  keys: readonly string[];
  description: string;
}

const b = (command: string, keys: string[], description: string): KeyBinding => ({ command, keys, description });

const LIST_MOVES = [b('next', ['j', 'ArrowDown'], 'next item'), b('previous', ['k', 'ArrowUp'], 'previous item')];

export const KEY_TABLE = {
  global: [
    b('undo', ['Mod+z'], 'undo the last edit (annotation, link, suggestion), in any article'),
    b('redo', ['Mod+Shift+z', 'Mod+y'], 'redo'),
    b('search', ['/'], 'search the whole corpus'),
    b('help', ['?'], 'show the keys of the view you are in'),
  ],
  read: [
    b('tag.claim', ['c', '1'], 'tag the selected text as a claim (or retag the selected annotation)'),
    b('tag.denial', ['d', '2'], 'tag as a denial (or retag)'),
    b('tag.attribution', ['a', '3'], 'tag as an attribution (or retag)'),
    b('caret', ['v'], 'caret mode: put a caret in the article text, to select with Shift+arrows from any point'),
    b('snap', ['w'], 'snap new spans to whole words on or off'),
    b('next', ['j'], 'select the next annotation'),
    b('previous', ['k'], 'select the previous annotation'),
    b('grow.end', ['Shift+ArrowRight'], 'selected annotation: grow its end by a word'),
    b('shrink.end', ['Shift+ArrowLeft'], 'selected annotation: shrink its end by a word'),
    b('grow.start', ['Alt+ArrowLeft'], 'selected annotation: grow its start by a word'),
    b('shrink.start', ['Alt+ArrowRight'], 'selected annotation: shrink its start by a word'),
    b('note', ['n'], 'selected annotation: edit its note (Ctrl+Enter saves)'),
    b('delete', ['Delete', 'Backspace'], 'selected annotation: delete it'),
    b('pin', ['p'], 'pin the selected annotation to link others to it (again: unpin)'),
    b('unpin', ['Shift+p'], 'unpin'),
    b('link', ['l'], 'link the selected annotation to the pinned one, with the chosen link type'),
    b('escape', ['Escape'], 'clear the selection; close a popup'),
  ],
  text: [
    b('extend', ['Shift+ArrowRight', 'Shift+ArrowLeft', 'Shift+ArrowUp', 'Shift+ArrowDown'], 'extend the text selection by a character or a line'),
    b('extend.word', ['Mod+Shift+ArrowRight', 'Mod+Shift+ArrowLeft'], 'extend the text selection by a word'),
    b('move', ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown'], 'caret mode: move the caret'),
  ],
  'review.groups': [],
  'review.suggestions': [
    ...LIST_MOVES,
    b('accept', ['a'], 'accept the suggestion (links it; undoable)'),
    b('reject', ['r'], 'reject the suggestion (undoable)'),
    b('open', ['Enter'], 'open it in its article'),
  ],
  'review.links': [
    ...LIST_MOVES,
    b('confirm', ['c'], 'confirm the link'),
    b('reject', ['x'], 'reject the link'),
    b('open', ['Enter'], 'open its source end in its article'),
  ],
  'review.speakers': [],
  'review.matrix': [],
  'review.graph': [],
  'review.agreement': [],
  'review.timeline': [],
  'review.adjudication': [
    ...LIST_MOVES,
    b('keep.first', ['1'], 'keep the first analyst’s span of the pair in the curated layer (undoable)'),
    b('keep.second', ['2'], 'keep the second analyst’s span'),
    b('keep.neither', ['0'], 'keep neither (removes what the pair put in the curated layer)'),
  ],
  menu: [...LIST_MOVES, b('close', ['Escape'], 'close the menu')],
  dialog: [b('close', ['Escape'], 'close the dialog'), b('focus', ['Tab', 'Shift+Tab'], 'move between its controls (focus stays inside)')],
} as const satisfies Record<Scope, readonly KeyBinding[]>;

export type CommandOf<S extends Scope> = (typeof KEY_TABLE)[S][number]['command'];

/** Scopes that are on at the same time as another: `global` with every view, `read` with `text`. */
const SHARED_WITH: Partial<Record<Scope, Scope[]>> = {
  global: [
    'read',
    'review.groups',
    'review.suggestions',
    'review.links',
    'review.speakers',
    'review.matrix',
    'review.graph',
    'review.agreement',
    'review.timeline',
    'review.adjudication',
  ],
};

/**
 * Refuses a table where one key means two commands in one scope, or in a
 * scope and the global scope that is on with it. The text scope is exempt
 * against `read`: the reading pane handles its keys first, where the focus is.
 */
export function keyCollisions(table: Readonly<Record<string, readonly KeyBinding[]>>, sharedWith: Partial<Record<string, string[]>> = SHARED_WITH): string[] {
  const problems: string[] = [];
  const check = (label: string, bindings: readonly KeyBinding[]) => {
    const seen = new Map<string, string>();
    for (const binding of bindings) {
      for (const key of binding.keys) {
        const other = seen.get(key);
        if (other !== undefined && other !== binding.command) problems.push(`${label}: ${key} means both ${other} and ${binding.command}`);
        seen.set(key, binding.command);
      }
    }
  };
  for (const [scope, bindings] of Object.entries(table)) check(scope, bindings);
  for (const [shared, scopes] of Object.entries(sharedWith)) {
    for (const scope of scopes ?? []) check(`${shared} + ${scope}`, [...(table[shared] ?? []), ...(table[scope] ?? [])]);
  }
  return problems;
}

/** Lookup per scope: chord → command. Built once; throws on a collision so that an ambiguous key can never ship. */
export function buildKeyLookup(table: Readonly<Record<string, readonly KeyBinding[]>> = KEY_TABLE): Map<string, Map<string, string>> {
  const problems = keyCollisions(table);
  if (problems.length > 0) throw new Error(`Ambiguous keys: ${problems.join('; ')}`);
  return new Map(
    Object.entries(table).map(([scope, bindings]) => [
      scope,
      new Map(bindings.flatMap((binding) => binding.keys.map((key) => [key, binding.command] as const))),
    ]),
  );
}

/** Help lines of some scopes, in table order: keys as printed and what they do. */
export function helpLines(scopes: readonly Scope[]): Array<{ scope: Scope; title: string; lines: Array<{ keys: string; description: string }> }> {
  return scopes
    .filter((scope) => KEY_TABLE[scope].length > 0)
    .map((scope) => ({
      scope,
      title: SCOPES[scope].title,
      lines: KEY_TABLE[scope].map((binding: KeyBinding) => ({ keys: binding.keys.map(formatChord).join(', '), description: binding.description })),
    }));
}

/** The README's key table, generated from this one. */
export function keyTableMarkdown(): string {
  const rows = helpLines(Object.keys(SCOPES) as Scope[]).flatMap(({ title, lines }) =>
    lines.map(
      (line) =>
        `| ${title} | ${line.keys
          .split(', ')
          .map((k) => `\`${k}\``)
          .join(', ')} | ${line.description} |`,
    ),
  );
  return ['| where | key | what it does |', '|-------|-----|--------------|', ...rows].join('\n');
}
