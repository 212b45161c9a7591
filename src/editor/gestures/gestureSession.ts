/**
 * Lifecycle of the one pointer gesture that may be in progress: press → (drag threshold) →
 * moves → release, as a single undo transaction. Free of React and the DOM beyond a release
 * callback, so the keyboard (Esc) and the canvas share it.
 */
import type { Point } from '../../layout/geometry';
import { beginTransaction, cancelTransaction, commitTransaction } from '../../store/history';
import { setGesture } from '../../store/sessionStore';
import { DRAG_THRESHOLD_PX, type Gesture, type GestureModifiers } from './gesture';

interface ActiveGesture {
  gesture: Gesture;
  pointerId: number;
  startClient: Point;
  dragging: boolean;
  /** Where the pointer last was (image coordinates), to re-apply when a modifier changes. */
  lastPointer: Point | null;
  /** Releases pointer capture (DOM side). */
  release: () => void;
}

let active: ActiveGesture | null = null;

export function isGestureActive(): boolean {
  return active !== null;
}

export function activePointerId(): number | null {
  return active?.pointerId ?? null;
}

export function startGesture(gesture: Gesture, pointerId: number, client: Point, release: () => void): void {
  if (active) cancelGesture();
  beginTransaction();
  active = { gesture, pointerId, startClient: client, dragging: !gesture.waitsForDrag, lastPointer: null, release };
  setGesture(gesture.kind);
}

export function moveGesture(pointerId: number, client: Point, pointer: Point, modifiers: GestureModifiers): void {
  if (!active || active.pointerId !== pointerId) return;
  if (!active.dragging) {
    const travelled = Math.hypot(client.x - active.startClient.x, client.y - active.startClient.y);
    if (travelled < DRAG_THRESHOLD_PX) return;
    active.dragging = true;
  }
  active.lastPointer = pointer;
  active.gesture.move(pointer, modifiers);
}

/** Shift or Alt pressed/released mid-drag: the snap or anchor changes without moving the pointer. */
export function changeGestureModifiers(modifiers: GestureModifiers): void {
  if (active?.dragging && active.lastPointer) active.gesture.move(active.lastPointer, modifiers);
}

/** Pointer released: the whole gesture becomes one undo entry (none if nothing changed). */
export function endGesture(pointerId: number): void {
  if (!active || active.pointerId !== pointerId) return;
  const ended = active;
  active = null;
  if (!ended.dragging) ended.gesture.click?.();
  commitTransaction();
  setGesture(null);
  ended.release();
}

/** Esc or pointercancel: the document goes back to how it was at the press; nothing is recorded. */
export function cancelGesture(): boolean {
  if (!active) return false;
  const cancelled = active;
  active = null;
  cancelTransaction();
  cancelled.gesture.cancel?.();
  setGesture(null);
  cancelled.release();
  return true;
}
