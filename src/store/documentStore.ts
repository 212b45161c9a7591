/**
 * The layout document store: caption plus blobs, nothing else. It is the undoable, persisted
 * state (docs/architecture.md §10: document vs session). Selection, hover and gestures live in
 * sessionStore so that selecting never creates an undo entry or an autosave.
 *
 * Edits go through ./history (one undo entry per gesture / burst of typing), not setState.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { LayoutDocument } from '../layout/types';

/** How many undo steps are kept; older ones are dropped first. */
export const UNDO_LIMIT = 200;

export function emptyDocument(): LayoutDocument {
  return { caption: '', blobs: [] };
}

export const useDocumentStore = create<LayoutDocument>()(
  temporal(() => emptyDocument(), {
    limit: UNDO_LIMIT,
    // Edits are immutable (immer), so reference equality tells whether anything changed: a no-op
    // edit must not push an undo entry.
    equality: (past, current) => past.caption === current.caption && past.blobs === current.blobs,
  }),
);

/** The current document (non-reactive read, for event handlers and gestures). */
export function getDocument(): LayoutDocument {
  const { caption, blobs } = useDocumentStore.getState();
  return { caption, blobs };
}
