import { describe, expect, it } from 'vitest';
import { probeCapabilities } from './capabilities';

type ProbeWindow = Parameters<typeof probeCapabilities>[0];

/** What an opaque-origin sandbox gives a frame: every storage API throws a SecurityError. */
function opaqueWindow(): ProbeWindow {
  const refuse = () => {
    throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
  };
  return {
    origin: 'null',
    get localStorage() {
      return refuse();
    },
    indexedDB: { open: refuse },
    caches: { keys: () => Promise.reject(new DOMException('denied', 'SecurityError')) },
  } as unknown as ProbeWindow;
}

function normalWindow(): ProbeWindow {
  const request: { result: { close(): void }; onsuccess?: () => void; onerror?: () => void; error: null } = { result: { close: () => {} }, error: null };
  return {
    origin: 'https://app.example',
    localStorage: { getItem: () => null },
    indexedDB: {
      open: () => {
        setTimeout(() => request.onsuccess?.(), 0);
        return request;
      },
      deleteDatabase: () => {},
    },
    caches: { keys: () => Promise.resolve([]) },
  } as unknown as ProbeWindow;
}

describe('probeCapabilities', () => {
  it('names everything an opaque-origin sandbox takes away', async () => {
    expect(await probeCapabilities(opaqueWindow())).toEqual({
      opaqueOrigin: true,
      missing: ['localStorage', 'IndexedDB', 'Cache Storage (model cache)', 'Web Workers from the app (inference)'],
    });
  });

  it('reports nothing missing where storage works', async () => {
    expect(await probeCapabilities(normalWindow())).toEqual({ opaqueOrigin: false, missing: [] });
  });
});
