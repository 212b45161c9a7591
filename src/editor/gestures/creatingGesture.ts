import { blobFromDrag, type Point } from '../../layout/geometry';
import { MAX_BLOBS } from '../../layout/limits';
import type { BlobId } from '../../layout/types';
import { addBlob, canAddBlob } from '../../store/documentEdits';
import { getDocument } from '../../store/documentStore';
import { updateTransaction } from '../../store/history';
import { notify, select, useSessionStore } from '../../store/sessionStore';
import { newBlobId } from '../../layout/blobId';
import type { Gesture } from './gesture';
import { setGeometry } from './setGeometry';

/**
 * Dragging on empty canvas draws a new blob spanning the dragged box; a plain click on empty
 * canvas deselects instead. The blob exists from the first movement so it is seen growing.
 */
export function creatingGesture(startPointer: Point): Gesture {
  const previousSelection = useSessionStore.getState().selectedId;
  let createdId: BlobId | null = null;
  let refused = false;
  return {
    kind: 'creating',
    waitsForDrag: true,
    move(pointer) {
      if (createdId) {
        updateTransaction(setGeometry(createdId, blobFromDrag(startPointer, pointer, createdId)));
        return;
      }
      if (refused) return;
      if (!canAddBlob(getDocument())) {
        refused = true;
        notify('warning', `A layout holds at most ${MAX_BLOBS} blobs.`, ['Delete a blob before drawing another.']);
        return;
      }
      const id = newBlobId();
      updateTransaction(addBlob(blobFromDrag(startPointer, pointer, id)));
      createdId = id;
      select(id);
    },
    click() {
      select(null);
    },
    cancel() {
      select(previousSelection);
    },
  };
}
