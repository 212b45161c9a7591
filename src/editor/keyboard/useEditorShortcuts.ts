import { useEffect } from 'react';
import { redo, undo } from '../../store/history';
import { select, useSessionStore } from '../../store/sessionStore';
import {
  deleteSelected,
  duplicateSelected,
  nudgeSelected,
  NUDGE_STEP,
  NUDGE_STEP_LARGE,
  shiftSelectedInStack,
} from '../commands';
import { toggleLayoutVisible } from '../canvas/canvasResultStore';
import { cancelGesture, changeGestureModifiers, isGestureActive } from '../gestures/gestureSession';
import { isTypingTarget } from './isTypingTarget';
import { shortcutFor, type Shortcut } from './shortcutFor';

function run(shortcut: Shortcut): boolean {
  // While a drag runs, only Esc means something: undo mid-drag would fight the gesture.
  if (isGestureActive()) return shortcut.kind === 'escape' ? cancelGesture() : true;
  switch (shortcut.kind) {
    case 'undo':
      undo();
      return true;
    case 'redo':
      redo();
      return true;
    case 'duplicate':
      duplicateSelected();
      return true;
    case 'delete':
      deleteSelected();
      return true;
    case 'escape':
      if (useSessionStore.getState().selectedId === null) return false;
      select(null);
      return true;
    case 'stack':
      shiftSelectedInStack(shortcut.delta);
      return true;
    case 'toggle-layout':
      toggleLayoutVisible();
      return true;
    case 'nudge': {
      if (useSessionStore.getState().selectedId === null) return false;
      const step = shortcut.large ? NUDGE_STEP_LARGE : NUDGE_STEP;
      nudgeSelected(shortcut.dx * step, shortcut.dy * step);
      return true;
    }
  }
}

/** Focus goes back to the selected blob on the canvas (Esc from a text field). */
function focusSelectedBlob(): void {
  const id = useSessionStore.getState().selectedId;
  const element = id ? document.querySelector<SVGGElement>(`[data-blob-id="${CSS.escape(id)}"][tabindex]`) : null;
  if (element) element.focus();
  else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}

/** Window-level editor shortcuts; keys typed into text fields are left to the field. */
export function useEditorShortcuts(): void {
  useEffect(() => {
    const onModifier = (event: KeyboardEvent) => {
      if ((event.key === 'Shift' || event.key === 'Alt') && isGestureActive()) {
        if (event.key === 'Alt') event.preventDefault(); // keep the browser menu bar out of a drag
        changeGestureModifiers({ shift: event.shiftKey, alt: event.altKey });
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      onModifier(event);
      if (event.defaultPrevented || event.isComposing) return;
      if (isTypingTarget(event.target)) {
        // Esc leaves a text field (and keeps what was typed) so the shortcuts work again.
        if (event.key === 'Escape' && !isGestureActive()) {
          event.preventDefault();
          focusSelectedBlob();
        }
        return;
      }
      const shortcut = shortcutFor(event);
      if (shortcut && run(shortcut)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onModifier);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onModifier);
    };
  }, []);
}
