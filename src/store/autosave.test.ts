import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LayoutDocument } from '../layout/types';
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_KEY,
  loadStoredDocument,
  startAutosave,
  type AutosaveCodec,
  type AutosaveHandle,
  type KeyValueStorage,
} from './autosave';
import { addBlob, setCaption } from './documentEdits';
import { applyEdit, resetDocument } from './history';

function memoryStorage(initial?: unknown): KeyValueStorage & { data: Map<string, unknown>; writes: number } {
  const data = new Map<string, unknown>();
  if (initial !== undefined) data.set(AUTOSAVE_KEY, initial);
  return {
    data,
    writes: 0,
    get: (key) => Promise.resolve(data.get(key)),
    set(key, value) {
      this.writes++;
      data.set(key, value);
      return Promise.resolve();
    },
  };
}

// A stand-in codec: envelope v1 only; anything else is corrupt or newer.
const codec: AutosaveCodec = {
  toEnvelope: (document) => ({ schemaVersion: 1, document: structuredClone(document) }),
  migrate(raw) {
    const envelope = raw as { schemaVersion?: unknown; document?: LayoutDocument };
    if (typeof envelope.schemaVersion === 'number' && envelope.schemaVersion > 1) {
      return { ok: false, reason: 'newer-version', message: 'saved by a newer version' };
    }
    if (envelope.schemaVersion !== 1 || !envelope.document) return { ok: false, reason: 'corrupt', message: 'bad' };
    return { ok: true, document: envelope.document };
  },
};

let handle: AutosaveHandle | undefined;
beforeEach(() => {
  vi.useFakeTimers();
  resetDocument({ caption: '', blobs: [] });
});
afterEach(() => {
  handle?.stop();
  vi.useRealTimers();
});

describe('loadStoredDocument', () => {
  it('reports an empty store', async () => {
    expect(await loadStoredDocument(memoryStorage(), codec)).toEqual({ kind: 'empty' });
  });

  it('loads a stored envelope', async () => {
    const stored = codec.toEnvelope({ caption: 'hi', blobs: [] });
    expect(await loadStoredDocument(memoryStorage(stored), codec)).toEqual({
      kind: 'loaded',
      document: { caption: 'hi', blobs: [] },
    });
  });

  it('reports corrupt and newer-version data and hands back the raw value untouched', async () => {
    const corrupt = { nonsense: true };
    const outcome = await loadStoredDocument(memoryStorage(corrupt), codec);
    expect(outcome).toMatchObject({ kind: 'problem', reason: 'corrupt', raw: corrupt });
    const newer = await loadStoredDocument(memoryStorage({ schemaVersion: 99, document: {} }), codec);
    expect(newer).toMatchObject({ kind: 'problem', reason: 'newer-version' });
  });

  it('reports storage that throws as unavailable', async () => {
    const broken: KeyValueStorage = { get: () => Promise.reject(new Error('denied')), set: () => Promise.resolve() };
    expect(await loadStoredDocument(broken, codec)).toMatchObject({ kind: 'problem', reason: 'unavailable' });
  });

  it('treats a migration that throws as corrupt rather than crashing', async () => {
    const throwing: AutosaveCodec = { ...codec, migrate: () => { throw new Error('boom'); } };
    expect(await loadStoredDocument(memoryStorage({}), throwing)).toMatchObject({ kind: 'problem', reason: 'corrupt' });
  });
});

describe('startAutosave', () => {
  it('debounces a burst of changes into one write', async () => {
    const storage = memoryStorage();
    handle = startAutosave({ storage, codec, eventTarget: null });
    applyEdit(setCaption('a'));
    applyEdit(setCaption('ab'));
    applyEdit(addBlob({ id: 'b1', cx: 0.5, cy: 0.5, a: 0.1, b: 0.1, theta: 0, description: 'x' }));
    expect(storage.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
    expect(storage.writes).toBe(1);
    expect(storage.data.get(AUTOSAVE_KEY)).toMatchObject({ schemaVersion: 1, document: { caption: 'ab' } });
  });

  it('flushes immediately when the page is hidden', async () => {
    const storage = memoryStorage();
    const target = new EventTarget();
    handle = startAutosave({ storage, codec, delayMs: 10_000, eventTarget: target });
    applyEdit(setCaption('saved on pagehide'));
    target.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(storage.writes).toBe(1);
  });

  it('keeps a synchronous rescue copy at pagehide, read first at the next start', async () => {
    const storage: KeyValueStorage = { get: () => Promise.resolve(undefined), set: () => new Promise(() => undefined) };
    let rescued: unknown;
    const rescue = { read: () => rescued, write: (value: unknown) => { rescued = value; }, clear: () => { rescued = undefined; } };
    const target = new EventTarget();
    handle = startAutosave({ storage, codec, delayMs: 10_000, eventTarget: target, rescue });
    applyEdit(setCaption('typed just before closing'));
    target.dispatchEvent(new Event('pagehide')); // the IndexedDB write never completes
    expect(rescued).toMatchObject({ document: { caption: 'typed just before closing' } });
    const outcome = await loadStoredDocument(storage, codec, rescue);
    expect(outcome).toMatchObject({ kind: 'loaded', rescued: true, document: { caption: 'typed just before closing' } });
  });

  it('ignores the rescue copy while the main store cannot be read (never overwrite undecided data)', async () => {
    const rescue = { read: () => codec.toEnvelope({ caption: 'rescued', blobs: [] }), write: () => undefined, clear: () => undefined };
    const outcome = await loadStoredDocument(memoryStorage({ schemaVersion: 99, document: {} }), codec, rescue);
    expect(outcome).toMatchObject({ kind: 'problem', reason: 'newer-version' });
  });

  it('clears the rescue copy after a successful write', async () => {
    const storage = memoryStorage();
    let rescued: unknown = { stale: true };
    const rescue = { read: () => rescued, write: (value: unknown) => { rescued = value; }, clear: () => { rescued = undefined; } };
    handle = startAutosave({ storage, codec, eventTarget: null, rescue });
    applyEdit(setCaption('x'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
    expect(rescued).toBeUndefined();
  });

  it('does not write when nothing changed', async () => {
    const storage = memoryStorage();
    handle = startAutosave({ storage, codec, eventTarget: null });
    await handle.flush();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2);
    expect(storage.writes).toBe(0);
  });
});

describe('startAutosave: failures are never silent (issue #20)', () => {
  const fullRescue = { read: () => undefined, write: () => { throw new DOMException('quota', 'QuotaExceededError'); }, clear: () => undefined };

  it('a failed write reports "not saved" with the reason, then retries until it is stored', async () => {
    const storage = memoryStorage();
    let failing = true;
    const set = storage.set.bind(storage);
    storage.set = (key, value) => (failing ? Promise.reject(new Error('QuotaExceededError: the disk is full')) : set(key, value));
    const events: string[] = [];
    handle = startAutosave({
      storage,
      codec,
      eventTarget: null,
      callbacks: { onSaving: () => events.push('saving'), onSaved: () => events.push('saved'), onError: (error, retryInMs) => events.push(`failed ${String(error)} retry ${String(retryInMs)}`) },
    });
    applyEdit(setCaption('x'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
    expect(events).toEqual(['saving', expect.stringMatching(/^failed .*disk is full retry \d+$/)]);
    expect(handle.hasUnsavedChanges()).toBe(true);
    failing = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(events.at(-1)).toBe('saved');
    expect(storage.data.get(AUTOSAVE_KEY)).toMatchObject({ document: { caption: 'x' } });
    expect(handle.hasUnsavedChanges()).toBe(false);
  });

  it('warns before leaving when the last edit could not be kept anywhere (rescue copy full)', async () => {
    const storage: KeyValueStorage = { get: () => Promise.resolve(undefined), set: () => new Promise(() => undefined) };
    const target = new EventTarget();
    handle = startAutosave({ storage, codec, eventTarget: target, rescue: fullRescue });
    applyEdit(setCaption('typed 50 ms before a reload'));
    const leaving = new Event('beforeunload', { cancelable: true });
    target.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
  });

  it('does not warn when the rescue copy holds the last edit, nor when everything is saved', async () => {
    const storage = memoryStorage();
    const target = new EventTarget();
    let rescued: unknown;
    const rescue = { read: () => rescued, write: (value: unknown) => { rescued = value; }, clear: () => { rescued = undefined; } };
    handle = startAutosave({ storage, codec, eventTarget: target, rescue });
    applyEdit(setCaption('kept by the rescue copy'));
    const leaving = new Event('beforeunload', { cancelable: true });
    target.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(false);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
    const later = new Event('beforeunload', { cancelable: true });
    target.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
  });
});

describe('startAutosave: another tab saved the same document (issue #20)', () => {
  function channelPair() {
    const listeners: ((message: unknown) => void)[] = [];
    return {
      sent: [] as unknown[],
      post(message: unknown) {
        this.sent.push(message);
      },
      subscribe(listener: (message: unknown) => void) {
        listeners.push(listener);
        return () => undefined;
      },
      /** A message from the other tab. */
      deliver(message: unknown) {
        for (const listener of listeners) listener(message);
      },
    };
  }
  const theirs = { caption: 'theirs', blobs: [{ id: 'a1', cx: 0.5, cy: 0.5, a: 0.1, b: 0.1, theta: 0, description: 'added in tab A' }] };

  it('announces its own saves', async () => {
    const channel = channelPair();
    handle = startAutosave({ storage: memoryStorage(), codec, eventTarget: null, channel, tabId: 'B' });
    applyEdit(setCaption('x'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
    expect(channel.sent).toEqual([{ kind: 'saved', tab: 'B' }]);
  });

  it('with no unsaved edits, takes the newer version', async () => {
    const storage = memoryStorage();
    const channel = channelPair();
    const seen: string[] = [];
    handle = startAutosave({ storage, codec, eventTarget: null, channel, tabId: 'B', callbacks: { onNewerElsewhere: (doc, unsaved) => seen.push(`${doc.caption} ${String(unsaved)}`) } });
    storage.data.set(AUTOSAVE_KEY, codec.toEnvelope(theirs));
    channel.deliver({ kind: 'saved', tab: 'A' });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['theirs false']);
  });

  it('with unsaved edits, stops writing and asks; its own edit never overwrites theirs', async () => {
    const storage = memoryStorage();
    const channel = channelPair();
    const seen: string[] = [];
    handle = startAutosave({ storage, codec, eventTarget: null, channel, tabId: 'B', callbacks: { onNewerElsewhere: (doc, unsaved) => seen.push(`${doc.caption} ${String(unsaved)}`) } });
    applyEdit(setCaption('mine, not saved yet'));
    storage.data.set(AUTOSAVE_KEY, codec.toEnvelope(theirs));
    channel.deliver({ kind: 'saved', tab: 'A' });
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    expect(seen).toEqual(['theirs true']);
    expect(storage.data.get(AUTOSAVE_KEY)).toMatchObject({ document: { caption: 'theirs' } });
  });

  it('ignores its own and malformed messages', async () => {
    const storage = memoryStorage(codec.toEnvelope(theirs));
    const channel = channelPair();
    const seen: string[] = [];
    handle = startAutosave({ storage, codec, eventTarget: null, channel, tabId: 'B', callbacks: { onNewerElsewhere: (doc) => seen.push(doc.caption) } });
    for (const message of [{ kind: 'saved', tab: 'B' }, null, 'saved', { kind: 'saved', tab: 7 }, { kind: '__proto__' }]) channel.deliver(message);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([]);
  });
});
