import type { Blob, BlobId } from '../../layout/types';
import type { DocumentEdit } from '../../store/documentEdits';
import { updateBlob } from '../../store/documentEdits';

/**
 * Copies only the geometry of `shape` onto blob `id`, so a gesture never overwrites a
 * description or flag that changed while it ran.
 */
export function setGeometry(id: BlobId, shape: Blob): DocumentEdit {
  const { cx, cy, a, b, theta } = shape;
  return updateBlob(id, { cx, cy, a, b, theta });
}
