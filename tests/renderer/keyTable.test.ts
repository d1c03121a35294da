import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chordOf, formatChord } from '../../renderer/keys/chord.ts';
import { buildKeyLookup, helpLines, KEY_TABLE, keyCollisions, keyTableMarkdown, SCOPES, type KeyBinding, type Scope } from '../../renderer/keys/keyTable.ts';
import { activatesControl, isTyping } from '../../renderer/keys/typing.ts';
import { PROJECT_ROOT } from '../helpers/projectPaths.ts';

const key = (k: string, mods: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});
const lookup = buildKeyLookup();
const command = (scope: string, event: ReturnType<typeof key>) => lookup.get(scope)?.get(chordOf(event));

describe('key chords', () => {
  it('reads Ctrl and Cmd as one modifier and Shift only where it changes the key', () => {
    expect(chordOf(key('z', { ctrlKey: true }))).toBe('Mod+z');
    expect(chordOf(key('z', { metaKey: true }))).toBe('Mod+z');
    expect(chordOf(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+z');
    expect(chordOf(key('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(key('ArrowRight', { shiftKey: true }))).toBe('Shift+ArrowRight');
    expect(chordOf(key('P', { shiftKey: true }))).toBe('Shift+p');
  });

  it('prints the letter l as L, so that a hint never reads as the digit 1', () => {
    expect(formatChord('l')).toBe('L');
    expect(formatChord('Mod+Shift+z')).toBe('Ctrl/Cmd+Shift+Z');
    expect(formatChord('c')).toBe('c');
  });
});

describe('the key table', () => {
  it('has no key that means two commands in one scope, nor in a view and the global scope', () => {
    expect(keyCollisions(KEY_TABLE)).toEqual([]);
  });

  it('refuses a table where two commands of one scope share a key', () => {
    const clash: Record<string, KeyBinding[]> = {
      read: [
        { command: 'tag.claim', keys: ['c'], description: '' },
        { command: 'confirm', keys: ['c'], description: '' },
      ],
    };
    expect(keyCollisions(clash, {})).toEqual(['read: c means both tag.claim and confirm']);
    expect(() => buildKeyLookup(clash)).toThrow(/Ambiguous keys/);
  });

  it('refuses a view key that the global scope already uses', () => {
    const clash: Record<string, KeyBinding[]> = {
      global: [{ command: 'help', keys: ['?'], description: '' }],
      read: [{ command: 'escape', keys: ['?'], description: '' }],
    };
    expect(keyCollisions(clash, { global: ['read'] })).toEqual(['global + read: ? means both help and escape']);
  });

  it('gives the same letter different commands in different scopes: c tags in Read and confirms in Review links', () => {
    expect(command('read', key('c'))).toBe('tag.claim');
    expect(command('review.links', key('c'))).toBe('confirm');
    expect(command('review.suggestions', key('a'))).toBe('accept');
    expect(command('read', key('a'))).toBe('tag.attribution');
  });

  it('redoes with Ctrl+Shift+Z and Ctrl+Y, everywhere', () => {
    expect(command('global', key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(command('global', key('y', { ctrlKey: true }))).toBe('redo');
    expect(command('global', key('c', { ctrlKey: true }))).toBeUndefined();
  });

  it('shows in the key map every key the router answers to, beside a description of what it does', () => {
    const scopes = Object.keys(SCOPES) as Scope[];
    const shown = new Map(helpLines(scopes).map(({ scope, lines }) => [scope, lines]));
    for (const [scope, chords] of lookup) {
      for (const [chord, commandName] of chords) {
        const line = shown.get(scope as Scope)?.find((l) => l.keys.split(', ').includes(formatChord(chord)));
        expect(line, `${scope}: ${chord} (${commandName}) is missing from the key map`).toBeDefined();
        expect(line!.description.trim(), `${scope}: ${chord} has no description`).not.toBe('');
      }
    }
    expect(shown.get('read')!.find((l) => l.description.startsWith('link'))!.keys).toBe('L');
    expect(helpLines(['review.matrix'])).toEqual([]);
  });

  it('is the table the README shows', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const between = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme);
    expect(between, 'README has a generated key table').not.toBeNull();
    expect(between![1]).toBe(keyTableMarkdown());
  });

  it('titles each scope of the key map differently, so no two sections of the map or the README read alike', () => {
    const titles = Object.values(SCOPES).map((s) => s.title.trim());
    expect(titles.filter((t) => t === '')).toEqual([]);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });
});

describe('the one "is the user typing" rule', () => {
  const element = (matches: string[], editable = false) =>
    ({ matches: (selector: string) => matches.some((m) => selector.includes(m)), isContentEditable: editable }) as unknown as EventTarget;

  it('counts text fields, text areas, selects and editable elements, not checkboxes or buttons', () => {
    expect(isTyping(element(['textarea']))).toBe(true);
    expect(isTyping(element([], true))).toBe(true);
    expect(isTyping(element([]))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it('leaves Enter and Space to a focused button or tab, so Enter on the Suggestions tab opens the tab and never the link behind it', () => {
    expect(activatesControl({ key: 'Enter', target: element(['button']) })).toBe(true);
    expect(activatesControl({ key: ' ', target: element(['[role=tab]']) })).toBe(true);
    expect(activatesControl({ key: 'a', target: element(['button']) })).toBe(false);
    // The article text is focusable but is no control: Enter there is a command.
    expect(activatesControl({ key: 'Enter', target: element([]) })).toBe(false);
    expect(activatesControl({ key: 'Enter', target: null })).toBe(false);
  });
});
