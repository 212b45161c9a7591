/**
 * Session state of the service worker: whether a new version waits, and the function that lets
 * it take over. Not persisted, not undoable.
 */
import { create } from 'zustand';

export interface PwaState {
  /** A new build is installed and waits for the person's go-ahead. */
  updateReady: boolean;
  /** Activates the waiting service worker and reloads the page (set once registered). */
  activateUpdate: (() => Promise<void>) | null;
  /** The app shell is cached: the next visit works offline. */
  offlineReady: boolean;
}

export const usePwaStore = create<PwaState>(() => ({ updateReady: false, activateUpdate: null, offlineReady: false }));
