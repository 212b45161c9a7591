/**
 * Browser side of the pack-store benchmark (bench/packStore.ts): loads, downloads and resumes
 * through the app's own modules, driven step by step from Node through window.__packBench.
 */
import { env } from '../src/config/env';
import { fetchManifestFromServer, loadPack, packBaseUrl, runtimeFiles } from '../src/runtime/pack/loadPack';
import { downloadPackToStore, readCommittedFiles, readStoredPack } from '../src/runtime/packStore';

async function clearStore(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(env.packStoreDirName, { recursive: true }).catch(() => undefined);
}

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const bench = {
  clearStore,
  /** Network (into memory, no store) against warm (committed pack read back and re-verified). */
  async warmVsNetwork(packUrl: string) {
    await clearStore();
    const networkMs = await timed(() => loadPack(packUrl, { useCache: false }));
    const firstUseMs = await timed(() => loadPack(packUrl));
    const warmMs = await timed(() => loadPack(packUrl));
    return { networkMs, firstUseMs, warmMs };
  },
  /** One download attempt of the pack at `baseUrl` into the store. */
  async download(baseUrl: string) {
    const base = packBaseUrl(baseUrl, location.href);
    const { spec, text } = await fetchManifestFromServer(base);
    const entries = runtimeFiles(spec);
    try {
      const { fetchedBytes } = await downloadPackToStore({ baseUrl: base, manifestText: text, entries, packName: spec.name });
      return { ok: true, fetchedBytes, totalBytes: entries.reduce((s, e) => s + e.bytes, 0), error: '' };
    } catch (error) {
      return { ok: false, fetchedBytes: 0, totalBytes: 0, error: error instanceof Error ? error.message : String(error) };
    }
  },
  /** Whether the committed pack reads back with every hash matching. */
  async verifyCommitted(baseUrl: string) {
    const base = packBaseUrl(baseUrl, location.href);
    const stored = await readStoredPack(base);
    if (!stored?.commit || !stored.manifestText) return false;
    const { spec } = await fetchManifestFromServer(base);
    return (await readCommittedFiles(base, stored.commit, runtimeFiles(spec))) !== null;
  },
};

(window as unknown as { __packBench: typeof bench }).__packBench = bench;
document.body.dataset.ready = 'yes';
