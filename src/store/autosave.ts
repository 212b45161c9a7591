/**
 * Autosave of the layout document: debounced after each change, flushed at once when the page
 * is hidden or unloaded (the last moment a write is still reliable), and never started over
 * stored data that could not be read, so a corrupt or newer-version store is left untouched
 * until the person decides what to do with it.
 *
 * Storage and the envelope/migration functions are injected so this runs in unit tests without
 * IndexedDB; ./persistence wires the real ones.
 */
import type { LayoutDocument } from '../layout/types';
import { getDocument, useDocumentStore } from './documentStore';

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
      message: `The browser's storage could not be opened (${describeError(error)}).`,
      raw: undefined,
    };
  }
  if (raw === undefined) return { kind: 'empty' };
  let result: StoredDocumentResult;
  try {
    result = codec.migrate(raw);
  } catch (error) {
    // A migration that throws is a bug, but the person's data must still be left alone.
    result = { ok: false, reason: 'corrupt', message: describeError(error) };
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
  /** Writes any pending change now. */
  flush(): Promise<void>;
  stop(): void;
}

export interface AutosaveCallbacks {
  /** A change is waiting to be written (or being written). */
  onSaving?(): void;
  onSaved?(): void;
  onError?(error: unknown): void;
}

export interface AutosaveOptions {
  storage: KeyValueStorage;
  codec: AutosaveCodec;
  callbacks?: AutosaveCallbacks;
  delayMs?: number;
  /** Where visibilitychange/pagehide are heard (the window; null in unit tests). */
  eventTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  rescue?: RescueStorage;
}

export function startAutosave({
  storage,
  codec,
  callbacks = {},
  delayMs = AUTOSAVE_DELAY_MS,
  eventTarget: target = globalThis.window ?? null,
  rescue,
}: AutosaveOptions): AutosaveHandle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;

  const flush = async (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    try {
      await storage.set(AUTOSAVE_KEY, codec.toEnvelope(getDocument()));
      if (!dirty) clearRescue(rescue);
      callbacks.onSaved?.();
    } catch (error) {
      dirty = true; // try again with the next change or flush
      callbacks.onError?.(error);
    }
  };

  const schedule = () => {
    if (!dirty) callbacks.onSaving?.();
    dirty = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  };

  const unsubscribe = useDocumentStore.subscribe((state, previous) => {
    if (state.caption !== previous.caption || state.blobs !== previous.blobs) schedule();
  });

  // The page may be going away: write the rescue copy synchronously, then try the real store.
  const flushNow = () => {
    if (dirty) writeRescue(rescue, codec.toEnvelope(getDocument()));
    void flush();
  };
  const onHidden = () => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') flushNow();
  };
  const onPageHide = flushNow;
  target?.addEventListener('visibilitychange', onHidden);
  target?.addEventListener('pagehide', onPageHide);

  return {
    flush,
    stop() {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      target?.removeEventListener('visibilitychange', onHidden);
      target?.removeEventListener('pagehide', onPageHide);
    },
  };
}

/** Saves the current document now, whether or not it changed (after "discard stored data"). */
export async function saveNow(storage: KeyValueStorage, codec: AutosaveCodec): Promise<void> {
  await storage.set(AUTOSAVE_KEY, codec.toEnvelope(getDocument()));
}

function writeRescue(rescue: RescueStorage | undefined, envelope: unknown): void {
  try {
    rescue?.write(envelope);
  } catch {
    // Quota or privacy mode: the IndexedDB write is still attempted.
  }
}

function clearRescue(rescue: RescueStorage | undefined): void {
  try {
    rescue?.clear();
  } catch {
    // Nothing to do: a stale rescue copy is older than, or equal to, what was just saved.
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
