/**
 * Editor commands shared by the toolbar, the keyboard shortcuts and the blob list, so every
 * entry point behaves the same (limits, locked blobs, selection, one undo entry each).
 */
import { DEFAULT_BLOB_A, DEFAULT_BLOB_B, translate } from '../layout/geometry';
import { MAX_BLOBS } from '../layout/limits';
import type { Blob, BlobId } from '../layout/types';
import {
  addBlob,
  canAddBlob,
  duplicateBlob,
  removeBlob,
  replaceDocument,
  shiftBlobInStack,
  updateBlob,
} from '../store/documentEdits';
import { getDocument } from '../store/documentStore';
import { applyCoalescedEdit, applyEdit } from '../store/history';
import { notify, select, useSessionStore } from '../store/sessionStore';
import { newBlobId } from '../layout/blobId';
import { blobLabel } from '../layout/blobColors';
import { setGeometry } from './gestures/setGeometry';

/** Arrow-key nudge, fraction of the image width; Shift nudges 5× further. */
export const NUDGE_STEP = 0.005;
export const NUDGE_STEP_LARGE = 0.025;

export function selectedBlob(): { blob: Blob; index: number } | null {
  const id = useSessionStore.getState().selectedId;
  const blobs = getDocument().blobs;
  const index = blobs.findIndex((blob) => blob.id === id);
  const blob = blobs[index];
  return blob ? { blob, index } : null;
}

function refuseFull(): boolean {
  if (canAddBlob(getDocument())) return false;
  notify('warning', `A layout holds at most ${MAX_BLOBS} blobs.`, ['Delete a blob before adding another.']);
  return true;
}

function refuseLocked(blob: Blob, index: number, action: string): boolean {
  if (!blob.locked) return false;
  notify('info', `${blobLabel(index, blob.description)} is locked.`, [`Unlock it in the blob list to ${action} it.`]);
  return true;
}

/** "Add blob": a default-size blob in the middle, stepped so repeated adds don't stack exactly. */
export function addDefaultBlob(): void {
  if (refuseFull()) return;
  const { blobs } = getDocument();
  const step = (blobs.length % 8) * 0.03;
  const id = newBlobId();
  applyEdit(
    addBlob({ id, cx: 0.5 + step - 0.1, cy: 0.5 + step - 0.1, a: DEFAULT_BLOB_A, b: DEFAULT_BLOB_B, theta: 0, description: '' }),
  );
  select(id);
}

export function deleteBlob(id: BlobId): void {
  applyEdit(removeBlob(id));
  if (useSessionStore.getState().selectedId === id) select(null);
}

export function deleteSelected(): void {
  const current = selectedBlob();
  if (!current || refuseLocked(current.blob, current.index, 'delete')) return;
  deleteBlob(current.blob.id);
}

export function duplicateSelected(): void {
  const current = selectedBlob();
  if (!current || refuseFull()) return;
  const id = newBlobId();
  applyEdit(duplicateBlob(current.blob.id, id));
  select(id);
}

/** Arrow keys; a run of nudges on one blob is one undo entry, like a burst of typing. */
export function nudgeSelected(dx: number, dy: number): void {
  const current = selectedBlob();
  if (!current || refuseLocked(current.blob, current.index, 'move')) return;
  applyCoalescedEdit(`nudge:${current.blob.id}`, setGeometry(current.blob.id, translate(current.blob, dx, dy)));
}

/** `]` raises (+1), `[` lowers (−1) the selected blob in stacking order. */
export function shiftSelectedInStack(delta: number): void {
  const current = selectedBlob();
  if (current) applyEdit(shiftBlobInStack(current.blob.id, delta));
}

export function toggleHidden(id: BlobId): void {
  const blob = getDocument().blobs.find((candidate) => candidate.id === id);
  if (blob) applyEdit(updateBlob(id, { hidden: !blob.hidden }));
}

export function toggleLocked(id: BlobId): void {
  const blob = getDocument().blobs.find((candidate) => candidate.id === id);
  if (blob) applyEdit(updateBlob(id, { locked: !blob.locked }));
}

/** Starts over with an empty layout; one undo step brings everything back. */
export function clearLayout(): void {
  applyEdit(replaceDocument({ caption: '', blobs: [] }));
  select(null);
  notify('info', 'Cleared the layout.', ['Undo (Ctrl+Z) brings it back.']);
}
