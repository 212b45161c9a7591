/**
 * Keyboard map of the editor, as a pure function of the key event so it is unit-testable and
 * documented in one place.
 */
export type Shortcut =
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'duplicate' }
  | { kind: 'delete' }
  | { kind: 'escape' }
  | { kind: 'nudge'; dx: number; dy: number; large: boolean }
  | { kind: 'stack'; delta: 1 | -1 }
  /** Show or hide the layout over the generated image on the canvas. */
  | { kind: 'toggle-layout' };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function shortcutFor(event: KeyInput): Shortcut | null {
  const command = event.ctrlKey || event.metaKey; // Ctrl on Windows/Linux, Cmd on macOS
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (command && !event.altKey) {
    if (key === 'z') return event.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (key === 'y' && event.ctrlKey) return { kind: 'redo' };
    if (key === 'd' && !event.shiftKey) return { kind: 'duplicate' };
    return null;
  }
  if (command || event.altKey) return null;
  if (key === 'Delete' || key === 'Backspace') return { kind: 'delete' };
  if (key === 'Escape') return { kind: 'escape' };
  if (key === '[') return { kind: 'stack', delta: -1 };
  if (key === ']') return { kind: 'stack', delta: 1 };
  if (key === 'h' && !event.shiftKey) return { kind: 'toggle-layout' };
  const arrow = ARROWS[key];
  if (arrow) return { kind: 'nudge', dx: arrow[0], dy: arrow[1], large: event.shiftKey };
  return null;
}
