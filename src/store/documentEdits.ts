/**
 * Pure edits of a layout document: (document, args) → new document, structurally shared
 * (immer), so unchanged blobs keep their identity and memoised canvas shapes don't re-render.
 * An edit that changes nothing returns the same object, which history treats as "no undo entry".
 */
import { produce } from 'immer';
import { MAX_BLOBS, MAX_CAPTION_LENGTH, MAX_DESCRIPTION_LENGTH } from '../layout/limits';
import { firstCodePoints } from '../layout/textUnits';
import type { Blob, BlobId, LayoutDocument } from '../layout/types';

export type DocumentEdit = (doc: LayoutDocument) => LayoutDocument;

/** Fields a person may change on a blob; the id is never editable. */
export type BlobPatch = Partial<Omit<Blob, 'id'>>;

function indexOf(doc: LayoutDocument, id: BlobId): number {
  return doc.blobs.findIndex((blob) => blob.id === id);
}

export function canAddBlob(doc: LayoutDocument): boolean {
  return doc.blobs.length < MAX_BLOBS;
}

/** Appends on top of the stack; refuses (returns doc unchanged) at MAX_BLOBS. */
export const addBlob =
  (blob: Blob): DocumentEdit =>
  (doc) =>
    canAddBlob(doc)
      ? produce(doc, (draft) => {
          draft.blobs.push({ ...blob, description: firstCodePoints(blob.description, MAX_DESCRIPTION_LENGTH) });
        })
      : doc;

export const updateBlob =
  (id: BlobId, patch: BlobPatch): DocumentEdit =>
  (doc) =>
    produce(doc, (draft) => {
      const target = draft.blobs.find((blob) => blob.id === id);
      if (!target) return;
      const { description, ...rest } = patch;
      Object.assign(target, rest);
      if (description !== undefined) target.description = firstCodePoints(description, MAX_DESCRIPTION_LENGTH);
    });

/** Replaces a blob's geometry wholesale (gestures compute whole blobs). */
export const replaceBlob =
  (blob: Blob): DocumentEdit =>
  (doc) => {
    const index = indexOf(doc, blob.id);
    const current = doc.blobs[index];
    if (index < 0 || current === undefined || current === blob) return doc;
    const blobs = doc.blobs.slice();
    blobs[index] = blob;
    return { ...doc, blobs };
  };

export const removeBlob =
  (id: BlobId): DocumentEdit =>
  (doc) =>
    indexOf(doc, id) < 0 ? doc : { ...doc, blobs: doc.blobs.filter((blob) => blob.id !== id) };

/** Copies a blob just above the original, offset so the copy is visibly separate. */
export const duplicateBlob =
  (id: BlobId, newId: BlobId, offset = 0.03): DocumentEdit =>
  (doc) => {
    const index = indexOf(doc, id);
    const original = doc.blobs[index];
    if (!original || !canAddBlob(doc)) return doc;
    const copy: Blob = { ...original, id: newId, cx: original.cx + offset, cy: original.cy + offset };
    const blobs = doc.blobs.slice();
    blobs.splice(index + 1, 0, copy);
    return { ...doc, blobs };
  };

/** Moves a blob to `targetIndex` in stacking order (clamped); used by `[`/`]` and the list. */
export const moveBlobTo =
  (id: BlobId, targetIndex: number): DocumentEdit =>
  (doc) => {
    const index = indexOf(doc, id);
    const blob = doc.blobs[index];
    const target = Math.max(0, Math.min(doc.blobs.length - 1, targetIndex));
    if (!blob || target === index) return doc;
    const blobs = doc.blobs.slice();
    blobs.splice(index, 1);
    blobs.splice(target, 0, blob);
    return { ...doc, blobs };
  };

/** Raises (+1) or lowers (−1) a blob by one step in stacking order. */
export const shiftBlobInStack =
  (id: BlobId, delta: number): DocumentEdit =>
  (doc) =>
    moveBlobTo(id, indexOf(doc, id) + delta)(doc);

export const setCaption =
  (caption: string): DocumentEdit =>
  (doc) => {
    const next = firstCodePoints(caption, MAX_CAPTION_LENGTH);
    return next === doc.caption ? doc : { ...doc, caption: next };
  };

/** Swaps in a whole document (import); the result is one undo step, so an import can be undone. */
export const replaceDocument =
  (next: LayoutDocument): DocumentEdit =>
  () => ({ caption: next.caption, blobs: next.blobs });
