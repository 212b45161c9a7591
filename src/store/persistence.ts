/**
 * Wires autosave to IndexedDB (idb-keyval, a database of our own) and decides what start-up
 * does with what it finds: load it, or report a problem and keep autosave off so the stored data
 * stays exactly as found until the person chooses to replace it.
 */
import { createStore, get, set } from 'idb-keyval';
import { errorMessage } from '../util/errorMessage';
import { withTimeout } from '../util/withTimeout';
import {
  AUTOSAVE_KEY,
  loadStoredDocument,
  saveNow,
  startAutosave,
  type AutosaveHandle,
  type KeyValueStorage,
  type RescueStorage,
  type TabChannel,
} from './autosave';
import { getDocument } from './documentStore';
import { resetDocument } from './history';
import { notify, setStorageStatus, useSessionStore } from './sessionStore';
import type { LayoutDocument } from '../layout/types';
import { storedDocumentCodec } from './storedDocumentCodec';

export const AUTOSAVE_DB = 'blobgen-web';
export const AUTOSAVE_STORE = 'autosave';

/** IndexedDB can hang instead of failing (blocked upgrades, some private modes); don't wait forever. */
const STORAGE_OPEN_TIMEOUT_MS = 5000;


function idbStorage(): KeyValueStorage {
  const store = createStore(AUTOSAVE_DB, AUTOSAVE_STORE);
  return {
    get: (key) => withTimeout(get(key, store), STORAGE_OPEN_TIMEOUT_MS, () => new Error(`IndexedDB did not answer within ${String(STORAGE_OPEN_TIMEOUT_MS / 1000)} s`)),
    set: (key, value) => set(key, value, store),
  };
}

const RESCUE_KEY = 'blobgen-web:unsaved-layout';

function localRescue(): RescueStorage {
  return {
    read() {
      const text = localStorage.getItem(RESCUE_KEY);
      return text === null ? undefined : (JSON.parse(text) as unknown);
    },
    write: (value) => localStorage.setItem(RESCUE_KEY, JSON.stringify(value)),
    clear: () => localStorage.removeItem(RESCUE_KEY),
  };
}

let storage: KeyValueStorage | null = null;
const rescue = localRescue();
let autosave: AutosaveHandle | null = null;
/** What was found in storage when it could not be read (offered for download, never deleted). */
let unreadable: unknown;

/** Tabs of this app in the same browser tell each other when they saved. */
function tabChannel(): TabChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(TAB_CHANNEL_NAME);
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      const onMessage = (event: MessageEvent) => listener(event.data);
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

const TAB_CHANNEL_NAME = 'blobgen-web:autosave';


function turnOnAutosave(): void {
  if (!storage || autosave) return;
  autosave = startAutosave({
    storage,
    codec: storedDocumentCodec,
    rescue,
    channel: tabChannel(),
    tabId: crypto.randomUUID(),
    callbacks: {
      onSaving: () => setStorageStatus({ kind: 'saving' }),
      onSaved: () => setStorageStatus({ kind: 'saved', at: Date.now() }),
      onError: (error, retryInMs) => setStorageStatus({ kind: 'failed', reason: errorMessage(error), retryInMs }),
      onNewerElsewhere(theirs, unsaved) {
        if (!unsaved) {
          autosave?.adopt(theirs);
          notify('info', 'Updated from another tab: it saved a newer version of this layout.');
          return;
        }
        useSessionStore.setState({ tabConflict: theirs });
      },
    },
  });
}

/**
 * Writes any pending edit now; resolves true once everything is stored. For callers about to
 * reload the page (the PWA update bar calls it before it reloads), so a reload never drops the
 * last edit.
 */
export async function flushAutosave(): Promise<boolean> {
  if (!autosave) return useSessionStore.getState().storage.kind !== 'blocked';
  await autosave.flush();
  return !autosave.hasUnsavedChanges();
}

/** "Retry now" after a failed write. */
export async function retryAutosave(): Promise<void> {
  await autosave?.flush();
}

/** The person resolves a tab conflict: load the other tab's version, or keep theirs as a copy. */
export async function resolveTabConflict(choice: 'load-theirs' | 'keep-mine-as-copy', saveCopy?: (mine: LayoutDocument) => void): Promise<void> {
  const theirs = useSessionStore.getState().tabConflict;
  if (!theirs || !autosave) return;
  const mine = getDocument();
  if (choice === 'keep-mine-as-copy') saveCopy?.(mine);
  autosave.adopt(theirs);
  useSessionStore.setState({ tabConflict: null });
  notify('success', choice === 'load-theirs' ? 'Loaded the version saved in the other tab.' : 'Saved your version as a file and loaded the one from the other tab.');
}

/** Loads the autosaved layout; resolves once the document is in place (or a problem is shown). */
export async function restoreAutosave(): Promise<void> {
  storage = idbStorage();
  const before = getDocument();
  const outcome = await loadStoredDocument(storage, storedDocumentCodec, rescue);
  switch (outcome.kind) {
    case 'empty':
      setStorageStatus({ kind: 'saved', at: Date.now() });
      turnOnAutosave();
      return;
    case 'loaded': {
      // Someone already started editing while storage was opening: keep their work.
      const untouched = getDocument().blobs === before.blobs && getDocument().caption === before.caption;
      if (untouched) resetDocument(outcome.document);
      if (outcome.rescued) await moveRescueIntoStore();
      setStorageStatus({ kind: 'saved', at: Date.now() });
      turnOnAutosave();
      return;
    }
    case 'problem':
      unreadable = outcome.raw;
      setStorageStatus({ kind: 'blocked', problem: { reason: outcome.reason, message: outcome.message } });
      return;
  }
}

/** The rescue copy becomes the stored document, then is no longer needed. */
async function moveRescueIntoStore(): Promise<void> {
  if (!storage) return;
  try {
    await saveNow(storage, storedDocumentCodec);
    rescue.clear();
  } catch {
    // Keep the rescue copy: it is read again at the next start.
  }
}

/** The stored data that could not be opened, as JSON text, for the person to keep. */
export function unreadableStoredDataAsText(): string {
  try {
    return JSON.stringify(unreadable, null, 2) ?? String(unreadable);
  } catch {
    return String(unreadable);
  }
}

/** The person chose to replace the unreadable stored data with the current layout. */
export async function replaceStoredData(): Promise<void> {
  if (!storage) return;
  await saveNow(storage, storedDocumentCodec);
  unreadable = undefined;
  setStorageStatus({ kind: 'saved', at: Date.now() });
  turnOnAutosave();
}

export { AUTOSAVE_KEY };
