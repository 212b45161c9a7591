import { scaleUniform } from '../../layout/geometry';
import type { Blob } from '../../layout/types';
import { updateTransaction } from '../../store/history';
import type { Gesture } from './gesture';
import { setGeometry } from './setGeometry';

/** Dragging the corner handle: uniform scale about the opposite corner (Alt: the centre). */
export function scalingGesture(startBlob: Blob): Gesture {
  return {
    kind: 'scaling',
    waitsForDrag: false,
    move(pointer, modifiers) {
      const scaled = scaleUniform(startBlob, startBlob, pointer, modifiers.alt ? 'center' : 'opposite-corner');
      updateTransaction(setGeometry(startBlob.id, scaled));
    },
  };
}
