/**
 * What the widget needs from the browser besides WebGPU, probed without side effects worth
 * keeping: in a sandbox without allow-same-origin (an opaque origin) storage, IndexedDB and Cache
 * Storage throw, and module workers from the app's URL are refused. The widget says which are
 * missing instead of failing silently (docs/embed.md, "Sandboxing").
 */

export interface CapabilityReport {
  opaqueOrigin: boolean;
  /** Human-readable names of what is unavailable, e.g. "IndexedDB". */
  missing: string[];
}

async function probe(name: string, check: () => unknown): Promise<string | null> {
  try {
    await check();
    return null;
  } catch {
    return name;
  }
}

export async function probeCapabilities(self: Window & typeof globalThis = window): Promise<CapabilityReport> {
  const opaqueOrigin = self.origin === 'null';
  const results = await Promise.all([
    probe('localStorage', () => self.localStorage.getItem('blobgen-probe')),
    probe('IndexedDB', () => {
      if (!self.indexedDB) throw new Error('no IndexedDB');
      // open() throws synchronously (SecurityError) in an opaque origin; a database that opens is deleted again.
      const request = self.indexedDB.open('blobgen-embed-probe');
      return new Promise<void>((resolve, reject) => {
        request.onsuccess = () => {
          request.result.close();
          self.indexedDB.deleteDatabase('blobgen-embed-probe');
          resolve();
        };
        request.onerror = () => reject(request.error ?? new Error('IndexedDB refused'));
      });
    }),
    probe('Cache Storage (model cache)', () => {
      if (!('caches' in self)) throw new Error('no Cache Storage');
      return self.caches.keys();
    }),
    probe('Web Workers from the app (inference)', () => {
      if (opaqueOrigin) throw new Error('an opaque origin cannot start the app’s module worker');
    }),
  ]);
  return { opaqueOrigin, missing: results.filter((r): r is string => r !== null) };
}
