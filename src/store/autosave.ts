/**
 * Autosave of the layout document: written at most AUTOSAVE_DELAY_MS after a change, flushed at once when the page
 * is hidden or unloaded (the last moment a write is still reliable), and never started over
 * stored data that could not be read, so a corrupt or newer-version store is left untouched
 * until the person decides what to do with it.
 *
 * Storage and the envelope/migration functions are injected so this runs in unit tests without
 * IndexedDB; ./persistence wires the real ones.
 */
import { z } from 'zod';
import type { LayoutDocument } from '../layout/types';
import { getDocument, useDocumentStore } from './documentStore';
import { resetDocument } from './history';
import { errorMessage } from '../util/errorMessage';

/** Minimal async key-value storage (idb-keyval in the app, a Map in tests). */
export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/**
 * Small synchronous storage (localStorage) for the one write that must not be lost: at pagehide
 * an IndexedDB transaction may be torn down with the page (measured: a reload right after an
 * edit lost it), so the latest unsaved document is also written here synchronously, read back
 * first at the next start, and cleared after every successful IndexedDB write.
 */
export interface RescueStorage {
  read(): unknown;
  write(value: unknown): void;
  clear(): void;
}

export type StoredDocumentResult =
  | { ok: true; document: LayoutDocument }
  | { ok: false; reason: 'corrupt' | 'newer-version'; message: string };

export interface AutosaveCodec {
  /** Reads a stored envelope of any known version into the current document shape. */
  migrate(raw: unknown): StoredDocumentResult;
  /** Wraps a document in the current versioned envelope. */
  toEnvelope(doc: LayoutDocument): unknown;
}

export type LoadOutcome =
  | { kind: 'empty' }
  /** `rescued`: it came from the rescue copy and is not in the main store yet. */
  | { kind: 'loaded'; document: LayoutDocument; rescued?: boolean }
  | { kind: 'problem'; reason: 'corrupt' | 'newer-version' | 'unavailable'; message: string; raw: unknown };

export const AUTOSAVE_KEY = 'layout';
/** A change is written at most this long after it was made (so at most this much is at risk). */
export const AUTOSAVE_DELAY_MS = 400;

export async function loadStoredDocument(
  storage: KeyValueStorage,
  codec: AutosaveCodec,
  rescue?: RescueStorage,
): Promise<LoadOutcome> {
  const stored = await loadMainStore(storage, codec);
  // A store that cannot be read wins over the rescue copy: loading the copy would lead to
  // overwriting data that the person has not decided about yet.
  if (stored.kind === 'problem') return stored;
  const rescued = readRescue(rescue, codec);
  return rescued ? { kind: 'loaded', document: rescued, rescued: true } : stored;
}

async function loadMainStore(storage: KeyValueStorage, codec: AutosaveCodec): Promise<LoadOutcome> {
  let raw: unknown;
  try {
    raw = await storage.get(AUTOSAVE_KEY);
  } catch (error) {
    return {
      kind: 'problem',
      reason: 'unavailable',
      message: `The browser's storage could not be opened (${errorMessage(error)}).`,
      raw: undefined,
    };
  }
  if (raw === undefined) return { kind: 'empty' };
  let result: StoredDocumentResult;
  try {
    result = codec.migrate(raw);
  } catch (error) {
    // A migration that throws is a bug, but the person's data must still be left alone.
    result = { ok: false, reason: 'corrupt', message: errorMessage(error) };
  }
  return result.ok
    ? { kind: 'loaded', document: result.document }
    : { kind: 'problem', reason: result.reason, message: result.message, raw };
}

/** The rescue copy if there is a readable one; an unreadable one is left alone and skipped. */
function readRescue(rescue: RescueStorage | undefined, codec: AutosaveCodec): LayoutDocument | undefined {
  try {
    const raw = rescue?.read();
    if (raw === undefined) return undefined;
    const result = codec.migrate(raw);
    return result.ok ? result.document : undefined;
  } catch {
    return undefined;
  }
}

export interface AutosaveHandle {
  /** Writes any pending change now (retrying a failed one). */
  flush(): Promise<void>;
  /** Whether an edit is not in storage yet (pending, failed, or held back by a tab conflict). */
  hasUnsavedChanges(): boolean;
  /**
   * Puts `document` in place as the stored state (another tab's newer version): no write, no
   * undo entry, and any held-back conflict is over.
   */
  adopt(document: LayoutDocument): void;
  stop(): void;
}

export interface AutosaveCallbacks {
  /** A change is waiting to be written (or being written). */
  onSaving?(): void;
  onSaved?(): void;
  /** A write failed; it is tried again in `retryInMs` (and on the next change or flush). */
  onError?(error: unknown, retryInMs: number): void;
  /**
   * Another tab saved the same document. `unsaved`: this tab has edits of its own that are not
   * stored; autosave then holds them back (no write over the other tab's version) until the
   * person chooses (`adopt` theirs, after saving theirs or a copy of this tab's as they decide).
   */
  onNewerElsewhere?(document: LayoutDocument, unsaved: boolean): void;
}

/** Tabs of the app tell each other when they saved (a BroadcastChannel in the app). */
export interface TabChannel {
  post(message: unknown): void;
  subscribe(listener: (message: unknown) => void): () => void;
}

/** What one tab tells the others after each successful write. */
const savedMessageSchema = z.object({ kind: z.literal('saved'), tab: z.string().max(100) });

export interface AutosaveOptions {
  storage: KeyValueStorage;
  codec: AutosaveCodec;
  callbacks?: AutosaveCallbacks;
  delayMs?: number;
  /** Where visibilitychange/pagehide/beforeunload are heard (the window; null in unit tests). */
  eventTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  rescue?: RescueStorage;
  channel?: TabChannel;
  /** This tab's identity on the channel. */
  tabId?: string;
}

/** Waits between retries of a failed write (the last one repeats). */
const RETRY_DELAYS_MS = [1000, 3000, 10_000, 30_000] as const;

export function startAutosave({
  storage,
  codec,
  callbacks = {},
  delayMs = AUTOSAVE_DELAY_MS,
  eventTarget: target = globalThis.window ?? null,
  rescue,
  channel,
  tabId = 'this-tab',
}: AutosaveOptions): AutosaveHandle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  /** A write is under way (its document may already be stale). */
  let writing = false;
  let failures = 0;
  /** The last edit is neither in the main store nor in the rescue copy. */
  let rescueFailed = false;
  /** Another tab saved while this one had unsaved edits: hold writes until the person decides. */
  let conflict = false;
  /** Set while another tab's version is put in place, so that it is not written back. */
  let adopting = false;

  const flush = async (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!dirty || conflict) return;
    dirty = false;
    writing = true;
    try {
      await storage.set(AUTOSAVE_KEY, codec.toEnvelope(getDocument()));
      writing = false;
      failures = 0;
      if (!dirty) {
        clearRescue(rescue);
        rescueFailed = false;
      }
      channel?.post({ kind: 'saved', tab: tabId });
      callbacks.onSaved?.();
    } catch (error) {
      writing = false;
      dirty = true; // tried again on a timer, with the next change or on flush
      const retryInMs = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] ?? 30_000;
      failures++;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void flush(), retryInMs);
      callbacks.onError?.(error, retryInMs);
    }
  };

  const schedule = () => {
    if (!dirty && failures === 0) callbacks.onSaving?.();
    dirty = true;
    if (conflict) return;
    // The write happens `delayMs` after the first unsaved change, however long the typing goes
    // on: a debounce that restarts with every keystroke could hold edits back without bound. A
    // pending retry timer after a failure stands too.
    if (timer === undefined) timer = setTimeout(() => void flush(), delayMs);
  };

  const unsubscribeStore = useDocumentStore.subscribe((state, previous) => {
    if (adopting) return;
    if (state.caption !== previous.caption || state.blobs !== previous.blobs) schedule();
  });

  // The page may be going away: write the rescue copy synchronously, then try the real store.
  const flushNow = () => {
    // A write still in flight counts as unsaved: the page may be gone before it lands.
    if (dirty || writing) rescueFailed = !writeRescue(rescue, codec.toEnvelope(getDocument()));
    void flush();
  };
  const onHidden = () => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') flushNow();
  };
  const onPageHide = flushNow;
  // Leaving with an edit that is stored nowhere (IndexedDB write pending or failed, rescue copy
  // refused, or held back by a tab conflict): the browser asks the person first.
  const onBeforeUnload = (event: Event) => {
    flushNow();
    if ((dirty || writing || conflict) && (rescueFailed || conflict || !rescue)) {
      event.preventDefault();
      // Older browsers also want returnValue set; where it is read-only, preventDefault suffices.
      if (typeof BeforeUnloadEvent !== 'undefined' && event instanceof BeforeUnloadEvent) event.returnValue = '';
    }
  };
  target?.addEventListener('visibilitychange', onHidden);
  target?.addEventListener('pagehide', onPageHide);
  target?.addEventListener('beforeunload', onBeforeUnload);

  const onTabMessage = async (message: unknown) => {
    const parsed = savedMessageSchema.safeParse(message);
    if (!parsed.success || parsed.data.tab === tabId) return;
    let result: StoredDocumentResult;
    try {
      result = codec.migrate(await storage.get(AUTOSAVE_KEY));
    } catch {
      return; // unreadable now; the next message or start-up will tell
    }
    if (!result.ok) return;
    const current = getDocument();
    if (JSON.stringify(result.document) === JSON.stringify(current)) return; // our own write, or the same edit
    const unsaved = dirty || writing;
    if (unsaved) {
      conflict = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    }
    callbacks.onNewerElsewhere?.(result.document, unsaved);
  };
  const unsubscribeChannel = channel?.subscribe((message) => void onTabMessage(message));

  return {
    flush: () => {
      failures = 0;
      return flush();
    },
    hasUnsavedChanges: () => dirty || writing || conflict,
    adopt(next) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      adopting = true;
      try {
        resetDocument(next);
      } finally {
        adopting = false;
      }
      dirty = false;
      conflict = false;
      failures = 0;
      clearRescue(rescue);
      callbacks.onSaved?.();
    },
    stop() {
      unsubscribeStore();
      unsubscribeChannel?.();
      if (timer !== undefined) clearTimeout(timer);
      target?.removeEventListener('visibilitychange', onHidden);
      target?.removeEventListener('pagehide', onPageHide);
      target?.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
}

/** Saves the current document now, whether or not it changed (after "discard stored data"). */
export async function saveNow(storage: KeyValueStorage, codec: AutosaveCodec): Promise<void> {
  await storage.set(AUTOSAVE_KEY, codec.toEnvelope(getDocument()));
}

/** Whether the rescue copy was written. */
function writeRescue(rescue: RescueStorage | undefined, envelope: unknown): boolean {
  if (!rescue) return false;
  try {
    rescue.write(envelope);
    return true;
  } catch {
    // Quota or privacy mode: the IndexedDB write is still attempted, and leaving warns. An older
    // rescue copy must not outlive this failure: it would shadow newer data in the main store.
    clearRescue(rescue);
    return false;
  }
}

function clearRescue(rescue: RescueStorage | undefined): void {
  try {
    rescue?.clear();
  } catch {
    // Nothing to do: a stale rescue copy is older than, or equal to, what was just saved.
  }
}
