import { rotateByDrag, type Point } from '../../layout/geometry';
import type { Blob } from '../../layout/types';
import { updateTransaction } from '../../store/history';
import type { Gesture } from './gesture';
import { setGeometry } from './setGeometry';

/** Snap step for Shift-rotation, degrees. */
export const ROTATION_SNAP_DEGREES = 15;

/**
 * Dragging the rotation handle. Relative to the press point (rotateByDrag), so grabbing the
 * handle slightly off-centre does not make the blob jump; Shift snaps to 15°.
 */
export function rotatingGesture(startBlob: Blob, startPointer: Point): Gesture {
  return {
    kind: 'rotating',
    waitsForDrag: false,
    move(pointer, modifiers) {
      const snapDegrees = modifiers.shift ? ROTATION_SNAP_DEGREES : undefined;
      const rotated = rotateByDrag(startBlob, startPointer, pointer, snapDegrees ? { snapDegrees } : {});
      updateTransaction(setGeometry(startBlob.id, rotated));
    },
  };
}
