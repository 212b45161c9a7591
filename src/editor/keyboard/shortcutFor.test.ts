import { describe, expect, it } from 'vitest';
import { shortcutFor, type KeyInput } from './shortcutFor';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('shortcutFor', () => {
  it('maps undo and the three redo chords, on Ctrl and Cmd', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(shortcutFor(key('z', { metaKey: true }))).toEqual({ kind: 'undo' });
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(shortcutFor(key('z', { metaKey: true, shiftKey: true }))).toEqual({ kind: 'redo' });
    expect(shortcutFor(key('y', { ctrlKey: true }))).toEqual({ kind: 'redo' });
  });

  it('maps duplicate, delete, escape and stacking', () => {
    expect(shortcutFor(key('d', { ctrlKey: true }))).toEqual({ kind: 'duplicate' });
    expect(shortcutFor(key('Delete'))).toEqual({ kind: 'delete' });
    expect(shortcutFor(key('Backspace'))).toEqual({ kind: 'delete' });
    expect(shortcutFor(key('Escape'))).toEqual({ kind: 'escape' });
    expect(shortcutFor(key('['))).toEqual({ kind: 'stack', delta: -1 });
    expect(shortcutFor(key(']'))).toEqual({ kind: 'stack', delta: 1 });
  });

  it('maps arrows to nudges, Shift to the large step', () => {
    expect(shortcutFor(key('ArrowLeft'))).toEqual({ kind: 'nudge', dx: -1, dy: 0, large: false });
    expect(shortcutFor(key('ArrowDown', { shiftKey: true }))).toEqual({ kind: 'nudge', dx: 0, dy: 1, large: true });
  });

  it('maps H (either case, no modifiers) to the layout toggle, and leaves Ctrl+H and Shift+H to others', () => {
    expect(shortcutFor(key('h'))).toEqual({ kind: 'toggle-layout' });
    expect(shortcutFor(key('H'))).toEqual({ kind: 'toggle-layout' }); // Caps Lock on
    expect(shortcutFor(key('H', { shiftKey: true }))).toBeNull();
    expect(shortcutFor(key('h', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('h', { altKey: true }))).toBeNull();
  });

  it('leaves other keys and browser chords alone', () => {
    for (const input of [key('a'), key('d'), key('z'), key('r', { ctrlKey: true }), key('ArrowLeft', { altKey: true }), key('Delete', { ctrlKey: true })]) {
      expect(shortcutFor(input)).toBeNull();
    }
  });
});
