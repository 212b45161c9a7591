/**
 * Session state: what the person is doing right now, never undone and never saved
 * (docs/architecture.md §10: document vs session state).
 */
import { create } from 'zustand';
import type { BlobId, LayoutDocument } from '../layout/types';

/** The pointer interaction in progress; null when idle. */
export type GestureKind = 'creating' | 'translating' | 'resizing' | 'scaling' | 'rotating';

export type NoticeTone = 'error' | 'warning' | 'success' | 'info';

/** A message shown to the person, e.g. why an import was refused. */
export interface Notice {
  id: number;
  tone: NoticeTone;
  title: string;
  /** Specific reasons, one per line (e.g. each rejected LLM-format line). */
  details: string[];
}

/** Why autosave is off; the stored data is left exactly as found until the person decides. */
export interface StorageProblem {
  reason: 'corrupt' | 'newer-version' | 'unavailable';
  message: string;
}

export type StorageStatus =
  | { kind: 'loading' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  /** The last write failed (`reason`); it is retried on its own, and the person may retry now. */
  | { kind: 'failed'; reason: string; retryInMs: number }
  | { kind: 'blocked'; problem: StorageProblem };

export interface SessionState {
  selectedId: BlobId | null;
  hoveredId: BlobId | null;
  gesture: GestureKind | null;
  notices: Notice[];
  storage: StorageStatus;
  /**
   * Another tab saved this document while this one had unsaved edits: their version, until the
   * person chooses to load it or keep their own (autosave holds this tab's writes meanwhile).
   */
  tabConflict: LayoutDocument | null;
}

/** Older notices scroll away: a person should never face a wall of messages. */
const MAX_NOTICES = 4;

export const useSessionStore = create<SessionState>()(() => ({
  selectedId: null,
  hoveredId: null,
  gesture: null,
  notices: [],
  storage: { kind: 'loading' },
  tabConflict: null,
}));

let nextNoticeId = 1;

export function select(id: BlobId | null): void {
  if (useSessionStore.getState().selectedId !== id) useSessionStore.setState({ selectedId: id });
}

export function setHovered(id: BlobId | null): void {
  if (useSessionStore.getState().hoveredId !== id) useSessionStore.setState({ hoveredId: id });
}

export function setGesture(gesture: GestureKind | null): void {
  useSessionStore.setState({ gesture });
}

export function setStorageStatus(storage: StorageStatus): void {
  useSessionStore.setState({ storage });
}

/** Confirmations fade after this long; errors and warnings stay until dismissed. */
export const TRANSIENT_NOTICE_MS = 8000;

/** Shows a message; returns its id so a caller can dismiss it. */
export function notify(tone: NoticeTone, title: string, details: string[] = []): number {
  const id = nextNoticeId++;
  // The same message again replaces the one on screen instead of stacking a copy over the canvas.
  const same = (n: { tone: NoticeTone; title: string; details: string[] }) => n.tone === tone && n.title === title && n.details.join('\n') === details.join('\n');
  const notices = [...useSessionStore.getState().notices.filter((n) => !same(n)), { id, tone, title, details }];
  useSessionStore.setState({ notices: notices.slice(-MAX_NOTICES) });
  if (tone === 'success' || tone === 'info') setTimeout(() => dismissNotice(id), TRANSIENT_NOTICE_MS);
  return id;
}

export function dismissNotice(id: number): void {
  useSessionStore.setState({ notices: useSessionStore.getState().notices.filter((n) => n.id !== id) });
}
