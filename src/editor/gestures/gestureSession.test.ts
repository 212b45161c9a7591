import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Blob } from '../../layout/types';
import { addBlob } from '../../store/documentEdits';
import { getDocument, useDocumentStore } from '../../store/documentStore';
import { applyEdit, resetDocument, undo } from '../../store/history';
import { useSessionStore } from '../../store/sessionStore';
import { cancelGesture, changeGestureModifiers, endGesture, isGestureActive, moveGesture, startGesture } from './gestureSession';
import { translatingGesture } from './translatingGesture';
import { rotatingGesture } from './rotatingGesture';
import { creatingGesture } from './creatingGesture';

const start: Blob = { id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: 'kept' };
const noMods = { shift: false, alt: false };
const undoDepth = () => useDocumentStore.temporal.getState().pastStates.length;
let released = 0;
const release = () => void released++;

beforeEach(() => {
  resetDocument({ caption: '', blobs: [] });
  applyEdit(addBlob(start));
  released = 0;
});
afterEach(() => {
  cancelGesture();
});

/** Simulates a drag in image coordinates (client px = image × 1000). */
function drag(path: { x: number; y: number }[], modifiers = noMods) {
  for (const p of path) moveGesture(1, { x: p.x * 1000, y: p.y * 1000 }, p, modifiers);
}

describe('gesture session', () => {
  it('a whole translate drag is one undo entry and ends with the pointer released', () => {
    startGesture(translatingGesture(start, { x: 0.5, y: 0.5 }), 1, { x: 500, y: 500 }, release);
    expect(useSessionStore.getState().gesture).toBe('translating');
    drag([{ x: 0.52, y: 0.5 }, { x: 0.6, y: 0.55 }, { x: 0.7, y: 0.6 }]);
    endGesture(1);
    expect(getDocument().blobs[0]).toMatchObject({ cx: 0.7, cy: 0.6, description: 'kept' });
    expect(undoDepth()).toBe(2);
    expect(released).toBe(1);
    expect(isGestureActive()).toBe(false);
    undo();
    expect(getDocument().blobs[0]).toMatchObject({ cx: 0.5, cy: 0.5 });
  });

  it('moves under the drag threshold are a click: nothing changes, nothing recorded', () => {
    startGesture(translatingGesture(start, { x: 0.5, y: 0.5 }), 1, { x: 500, y: 500 }, release);
    moveGesture(1, { x: 501, y: 501 }, { x: 0.501, y: 0.501 }, noMods);
    endGesture(1);
    expect(getDocument().blobs[0]?.cx).toBe(0.5);
    expect(undoDepth()).toBe(1);
  });

  it('ignores other pointers (a second finger) while one drags', () => {
    startGesture(translatingGesture(start, { x: 0.5, y: 0.5 }), 1, { x: 500, y: 500 }, release);
    moveGesture(2, { x: 900, y: 900 }, { x: 0.9, y: 0.9 }, noMods);
    endGesture(2);
    expect(isGestureActive()).toBe(true);
    expect(getDocument().blobs[0]?.cx).toBe(0.5);
  });

  it('Esc mid-drag restores the blob, records nothing and releases the pointer', () => {
    startGesture(rotatingGesture(start, { x: 0.8, y: 0.5 }), 1, { x: 800, y: 500 }, release);
    drag([{ x: 0.5, y: 0.8 }]);
    expect(getDocument().blobs[0]?.theta).toBeCloseTo(Math.PI / 2);
    expect(cancelGesture()).toBe(true);
    expect(getDocument().blobs[0]?.theta).toBe(0);
    expect(undoDepth()).toBe(1);
    expect(released).toBe(1);
    expect(useSessionStore.getState().gesture).toBeNull();
  });

  it('Shift snaps rotation to 15°', () => {
    startGesture(rotatingGesture(start, { x: 0.8, y: 0.5 }), 1, { x: 800, y: 500 }, release);
    const angle = (40 * Math.PI) / 180;
    drag([{ x: 0.5 + 0.3 * Math.cos(angle), y: 0.5 + 0.3 * Math.sin(angle) }], { shift: true, alt: false });
    endGesture(1);
    expect(getDocument().blobs[0]?.theta).toBeCloseTo((45 * Math.PI) / 180, 10);
  });

  it('pressing Shift mid-drag snaps at once, releasing it unsnaps, without moving the pointer', () => {
    startGesture(rotatingGesture(start, { x: 0.8, y: 0.5 }), 1, { x: 800, y: 500 }, release);
    const angle = (40 * Math.PI) / 180;
    drag([{ x: 0.5 + 0.3 * Math.cos(angle), y: 0.5 + 0.3 * Math.sin(angle) }]);
    expect(getDocument().blobs[0]?.theta).toBeCloseTo(angle, 10);
    changeGestureModifiers({ shift: true, alt: false });
    expect(getDocument().blobs[0]?.theta).toBeCloseTo((45 * Math.PI) / 180, 10);
    changeGestureModifiers({ shift: false, alt: false });
    expect(getDocument().blobs[0]?.theta).toBeCloseTo(angle, 10);
    endGesture(1);
  });

  it('creating: the drag adds and selects a blob; Esc removes it and restores the selection', () => {
    useSessionStore.setState({ selectedId: 'b1' });
    startGesture(creatingGesture({ x: 0.1, y: 0.1 }), 1, { x: 100, y: 100 }, release);
    drag([{ x: 0.2, y: 0.2 }, { x: 0.3, y: 0.4 }]);
    expect(getDocument().blobs).toHaveLength(2);
    expect(getDocument().blobs[1]).toMatchObject({ cx: 0.2, cy: 0.25 });
    expect(useSessionStore.getState().selectedId).toBe(getDocument().blobs[1]?.id);
    cancelGesture();
    expect(getDocument().blobs).toHaveLength(1);
    expect(useSessionStore.getState().selectedId).toBe('b1');
  });
});
