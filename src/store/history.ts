/**
 * Undo grouping. zundo records one undo entry per store write; a person thinks in gestures, so
 * every document change goes through here:
 *
 * - `applyEdit`: a discrete command (add, delete, nudge, import) → one entry.
 * - `beginTransaction` / `updateTransaction` / `commitTransaction` / `cancelTransaction`: a pointer
 *   gesture. Tracking is paused from pointer-down; on pointer-up the document as it was before the
 *   gesture is pushed as a single entry; Esc restores it and pushes nothing (tldraw's mark/bail).
 * - `applyCoalescedEdit`: typing. Keystrokes with the same key (field + blob) join one open
 *   transaction that commits after a pause in typing, or as soon as anything else happens.
 *
 * Only the document store is tracked; selection lives in the session store and is never undone.
 */
import type { LayoutDocument } from '../layout/types';
import type { DocumentEdit } from './documentEdits';
import { getDocument, UNDO_LIMIT, useDocumentStore } from './documentStore';

/** A pause in typing longer than this ends a burst (one undo entry per burst). */
export const TYPING_BURST_MS = 1000;

interface OpenTransaction {
  key: string;
  before: LayoutDocument;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

let open: OpenTransaction | null = null;

const temporalStore = () => useDocumentStore.temporal;

function write(next: LayoutDocument): void {
  useDocumentStore.setState({ caption: next.caption, blobs: next.blobs }, true);
}

function sameDocument(x: LayoutDocument, y: LayoutDocument): boolean {
  return x.caption === y.caption && x.blobs === y.blobs;
}

function pushUndoEntry(before: LayoutDocument): void {
  const { pastStates } = temporalStore().getState();
  const next = [...pastStates, before];
  if (next.length > UNDO_LIMIT) next.shift();
  temporalStore().setState({ pastStates: next, futureStates: [] });
}

function applyTo(edit: DocumentEdit): void {
  const doc = getDocument();
  const next = edit(doc);
  if (!sameDocument(doc, next)) write(next);
}

/** Key of the open transaction, if any ('gesture' for pointer gestures, field keys for typing). */
export function openTransactionKey(): string | null {
  return open?.key ?? null;
}

/** Ends the open transaction, recording it as one undo entry if it changed anything. */
export function commitTransaction(): void {
  if (!open) return;
  const { before, idleTimer } = open;
  open = null;
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  temporalStore().getState().resume();
  if (!sameDocument(before, getDocument())) pushUndoEntry(before);
}

/** Starts grouping every following change into one undo entry (closes any other group first). */
export function beginTransaction(key = 'gesture'): void {
  commitTransaction();
  open = { key, before: getDocument(), idleTimer: undefined };
  temporalStore().getState().pause();
}

/** Applies a change inside the open transaction (no undo entry of its own). */
export function updateTransaction(edit: DocumentEdit): void {
  if (!open) return;
  applyTo(edit);
}

/** Restores the document to how it was when the transaction began and records nothing. */
export function cancelTransaction(): void {
  if (!open) return;
  const { before, idleTimer } = open;
  open = null;
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  write(before); // still paused: the rollback itself is not an undo entry
  temporalStore().getState().resume();
}

/** One discrete command = one undo entry. Closes any open typing burst first. */
export function applyEdit(edit: DocumentEdit): void {
  commitTransaction();
  applyTo(edit);
}

/**
 * Typing: consecutive edits with the same key form one undo entry, closed by a pause of
 * `idleMs`, by an edit with another key, or by any other command.
 */
export function applyCoalescedEdit(key: string, edit: DocumentEdit, idleMs = TYPING_BURST_MS): void {
  if (open?.key !== key) beginTransaction(key);
  const current = open;
  if (!current) return;
  applyTo(edit);
  if (current.idleTimer !== undefined) clearTimeout(current.idleTimer);
  current.idleTimer = setTimeout(() => {
    if (open === current) commitTransaction();
  }, idleMs);
}

/**
 * Replaces the document without an undo entry and forgets history: for loading the autosaved
 * document at start-up, which is not something a person did.
 */
export function resetDocument(next: LayoutDocument): void {
  if (open) cancelTransaction();
  temporalStore().getState().pause();
  write(next);
  temporalStore().getState().resume();
  temporalStore().getState().clear();
}

export function undo(): void {
  // A pending typing burst becomes an entry first, so undo takes back exactly that burst.
  commitTransaction();
  temporalStore().getState().undo();
}

export function redo(): void {
  commitTransaction();
  temporalStore().getState().redo();
}
