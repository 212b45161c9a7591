import { translate, type Point } from '../../layout/geometry';
import type { Blob } from '../../layout/types';
import { updateTransaction } from '../../store/history';
import type { Gesture } from './gesture';
import { setGeometry } from './setGeometry';

/** Dragging a blob's body: the centre follows the pointer's displacement since the press. */
export function translatingGesture(startBlob: Blob, startPointer: Point): Gesture {
  return {
    kind: 'translating',
    waitsForDrag: true,
    move(pointer) {
      if (startBlob.locked) return;
      const moved = translate(startBlob, pointer.x - startPointer.x, pointer.y - startPointer.y);
      updateTransaction(setGeometry(startBlob.id, moved));
    },
  };
}
