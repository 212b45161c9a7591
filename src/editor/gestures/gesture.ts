/**
 * A pointer interaction as a tiny state node (tldraw's SelectTool child states): each kind of
 * drag is one small object that maps (start state, current pointer) to a document edit. The
 * gesture session (./gestureSession) owns the lifecycle: one undo entry per gesture, Esc reverts.
 */
import type { Point } from '../../layout/geometry';
import type { GestureKind } from '../../store/sessionStore';

export interface GestureModifiers {
  /** Snap (rotation to 15°). */
  shift: boolean;
  /** Resize/scale about the centre instead of the opposite end. */
  alt: boolean;
}

export interface Gesture {
  kind: GestureKind;
  /**
   * True when a press without movement means something else (a click selects or deselects), so
   * the gesture only starts after the pointer travels DRAG_THRESHOLD_PX. Handle drags start at once.
   */
  waitsForDrag: boolean;
  /** Pointer moved (image coordinates); applies the edit inside the open transaction. */
  move(pointer: Point, modifiers: GestureModifiers): void;
  /** Released without dragging (only for gestures that wait for a drag). */
  click?(): void;
  /** Esc or pointercancel: the document is reverted by the session; restore anything else. */
  cancel?(): void;
}

/** How far (CSS px) the pointer travels before a press becomes a drag. */
export const DRAG_THRESHOLD_PX = 3;
