/**
 * Picks the state node for a press, from what is under the pointer: a handle of the selected
 * blob, a blob's body, or empty canvas (tldraw's Idle → Pointing* transition).
 */
import type { Point } from '../../layout/geometry';
import type { Blob } from '../../layout/types';
import { creatingGesture } from './creatingGesture';
import type { Gesture } from './gesture';
import { resizingGesture } from './resizingGesture';
import { rotatingGesture } from './rotatingGesture';
import { scalingGesture } from './scalingGesture';
import { translatingGesture } from './translatingGesture';

export type HandleName = 'axisA' | 'axisANeg' | 'axisB' | 'axisBNeg' | 'corner' | 'rotate';

export type PressTarget =
  | { kind: 'handle'; handle: HandleName; blob: Blob }
  | { kind: 'blob'; blob: Blob }
  | { kind: 'empty' };

export function gestureForPress(target: PressTarget, pointer: Point): Gesture {
  switch (target.kind) {
    case 'empty':
      return creatingGesture(pointer);
    case 'blob':
      return translatingGesture(target.blob, pointer);
    case 'handle':
      return handleGesture(target.handle, target.blob, pointer);
  }
}

function handleGesture(handle: HandleName, blob: Blob, pointer: Point): Gesture {
  switch (handle) {
    case 'axisA':
      return resizingGesture(blob, 'a', 1);
    case 'axisANeg':
      return resizingGesture(blob, 'a', -1);
    case 'axisB':
      return resizingGesture(blob, 'b', 1);
    case 'axisBNeg':
      return resizingGesture(blob, 'b', -1);
    case 'corner':
      return scalingGesture(blob);
    case 'rotate':
      return rotatingGesture(blob, pointer);
  }
}

const HANDLE_NAMES: readonly string[] = ['axisA', 'axisANeg', 'axisB', 'axisBNeg', 'corner', 'rotate'];

export function isHandleName(value: string | undefined): value is HandleName {
  return value !== undefined && HANDLE_NAMES.includes(value);
}
