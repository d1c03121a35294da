import { describe, expect, it } from 'vitest';
import { actionFor, KEY_MAP, RESERVED_KEYS } from '../../renderer/annotations/keyMap.ts';

const key = (k: string, mods: Partial<Record<'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {}) => ({ key: k, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('the key map', () => {
  it('tags with one key or digit', () => {
    expect(actionFor(key('c'))).toEqual({ kind: 'tag', tag: 'claim' });
    expect(actionFor(key('2'))).toEqual({ kind: 'tag', tag: 'denial' });
    expect(actionFor(key('a'))).toEqual({ kind: 'tag', tag: 'attribution' });
  });

  it('undoes with Ctrl or Cmd+Z and redoes with Shift added', () => {
    expect(actionFor(key('z', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(actionFor(key('z', { metaKey: true }))).toEqual({ kind: 'undo' });
    expect(actionFor(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
  });

  it('resizes the selected annotation with Shift and Alt arrows', () => {
    expect(actionFor(key('ArrowRight', { shiftKey: true }))).toEqual({ kind: 'resize', edge: 'end', resize: 'grow' });
    expect(actionFor(key('ArrowLeft', { altKey: true }))).toEqual({ kind: 'resize', edge: 'start', resize: 'grow' });
  });

  it('leaves the keys reserved for linking unbound, and Ctrl+C to the browser', () => {
    for (const reserved of RESERVED_KEYS) expect(actionFor(key(reserved))).toBeNull();
    expect(actionFor(key('c', { ctrlKey: true }))).toBeNull();
  });

  it('documents every binding it lists, and no two help lines share keys', () => {
    const lines = KEY_MAP.flatMap((b) => (b.help ? [b.help.keys] : []));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.every((keys) => keys.length > 0)).toBe(true);
  });
});
