import { resizeAxis } from '../../layout/geometry';
import type { Blob } from '../../layout/types';
import { updateTransaction } from '../../store/history';
import type { Gesture } from './gesture';
import { setGeometry } from './setGeometry';

/**
 * Dragging an axis handle (±a, ±b). The opposite end stays put; Alt keeps the centre instead.
 * Always computed from the blob at press time, so the drag is a pure function of the pointer.
 */
export function resizingGesture(startBlob: Blob, axis: 'a' | 'b', side: 1 | -1): Gesture {
  return {
    kind: 'resizing',
    waitsForDrag: false,
    move(pointer, modifiers) {
      const resized = resizeAxis(startBlob, axis, pointer, { side, symmetric: modifiers.alt });
      updateTransaction(setGeometry(startBlob.id, resized));
    },
  };
}
