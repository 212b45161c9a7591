/**
 * Pack integrity in a real browser: a corrupted file is refused with a clear error before use,
 * and nothing of that pack reaches Cache Storage; a good pack is cached and re-verified.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HashMismatchError } from '../errors';
import { TEST_PACK_URL } from '../testing/goldenRun';
import { cachedModelFileUrls, clearModelCache } from '../verifiedFetch';
import { loadPack, packBaseUrl } from './loadPack';

const realFetch = globalThis.fetch;

/** Serves the real pack but flips one byte in the middle of `path`. */
function corrupting(path: string) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await realFetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith(`/${path}`)) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    return new Response(bytes, { status: 200 });
  });
}

describe('loadPack integrity', () => {
  afterEach(async () => {
    globalThis.fetch = realFetch;
    await clearModelCache();
  });

  it('refuses a corrupted file with a clear error and caches nothing of the pack', async () => {
    await clearModelCache();
    globalThis.fetch = corrupting('unet_segment3.onnx');
    const failure = loadPack(TEST_PACK_URL);
    await expect(failure).rejects.toBeInstanceOf(HashMismatchError);
    await expect(failure).rejects.toThrow(/unet_segment3\.onnx does not match its manifest .* not used or cached/);
    expect(await cachedModelFileUrls()).toEqual([]);
  });

  it('caches a verified pack and serves the next load from the cache', async () => {
    await clearModelCache();
    const first = await loadPack(TEST_PACK_URL);
    const cached = await cachedModelFileUrls();
    expect(cached.filter((u) => u.includes('sha256=')).length).toBe(first.files.size);
    expect(cached.filter((u) => u.includes('blobgen-manifest=1')).length).toBe(1);
    const fromCache: boolean[] = [];
    await loadPack(TEST_PACK_URL, { onProgress: (p) => fromCache.push(p.fromCache) });
    expect(fromCache.length).toBeGreaterThan(0);
    expect(fromCache.every(Boolean)).toBe(true);
  });

  it('loads a cached pack offline (manifest and files from the cache, files re-verified)', async () => {
    await clearModelCache();
    await loadPack(TEST_PACK_URL);
    globalThis.fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const offline = await loadPack(TEST_PACK_URL);
    expect(offline.files.size).toBeGreaterThan(0);
  });

  it('resolves pack folder URLs', () => {
    expect(packBaseUrl('/models/x', 'http://h/')).toBe('http://h/models/x/');
    expect(packBaseUrl('/models/x/manifest.json', 'http://h/')).toBe('http://h/models/x/');
  });
});
