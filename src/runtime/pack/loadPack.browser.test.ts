/**
 * Pack integrity and the pack store in a real browser (OPFS): a corrupted file is refused with a
 * clear error before use and the pack is never committed; a good pack is stored, committed and
 * re-read (re-verified) without the network; a dropped download resumes with Range requests and
 * fetches only the missing bytes; a quota error gives the numbers and commits nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { env } from '../../config/env';
import { HashMismatchError, PackFetchError } from '../errors';
import { downloadPackToStore, readStoredPack, StorageQuotaError, deleteStoredPack } from '../packStore';
import { TEST_PACK_URL } from '../testing/goldenRun';
import { fetchManifestFromServer, loadPack, packBaseUrl, runtimeFiles } from './loadPack';

const realFetch = globalThis.fetch;
const realWrite = FileSystemWritableFileStream.prototype.write;
const BASE = packBaseUrl(TEST_PACK_URL, location.href);

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/** Serves the real pack but flips one byte in the middle of `path`. */
function corrupting(path: string) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await realFetch(input, init);
    if (!urlOf(input).endsWith(`/${path}`)) return response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    return new Response(bytes, { status: 200 });
  });
}

/** A body that delivers `cut` bytes of `bytes`, then fails like a dropped connection. */
function droppingBody(bytes: Uint8Array, cut: number): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      // (error() drops queued chunks, so the bytes go out in one pull and the failure in the next)
      if (sent) return controller.error(new TypeError('network error'));
      controller.enqueue(bytes.slice(0, cut));
      sent = true;
    },
  });
}

async function clearStore() {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry(env.packStoreDirName, { recursive: true }).catch(() => undefined);
}

describe('loadPack and the pack store', () => {
  beforeEach(clearStore);
  afterEach(async () => {
    globalThis.fetch = realFetch;
    FileSystemWritableFileStream.prototype.write = realWrite;
    await clearStore();
  });

  it('refuses a corrupted file with a clear error and never commits the pack', async () => {
    globalThis.fetch = corrupting('unet_segment3.onnx');
    const failure = loadPack(TEST_PACK_URL);
    await expect(failure).rejects.toBeInstanceOf(HashMismatchError);
    await expect(failure).rejects.toThrow(/unet_segment3\.onnx does not match its manifest .* not used or marked ready/);
    expect((await readStoredPack(BASE))?.commit ?? null).toBeNull();
  });

  it('after a hash mismatch, fetches only the file that failed', async () => {
    globalThis.fetch = corrupting('unet_segment3.onnx');
    await expect(loadPack(TEST_PACK_URL)).rejects.toBeInstanceOf(HashMismatchError);
    const requested: string[] = [];
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(new URL(urlOf(input)).pathname.split('/').pop() ?? '');
      return realFetch(input, init);
    });
    const pack = await loadPack(TEST_PACK_URL);
    expect(pack.files.size).toBeGreaterThan(5);
    // The manifest, the file that failed, and the files after it (never reached the first time).
    expect(requested).toContain('unet_segment3.onnx');
    for (const earlier of ['tokenizer.json', 'text_encoder.onnx', 'prelude.onnx', 'unet_segment0.onnx', 'unet_segment2.onnx']) expect(requested).not.toContain(earlier);
  });

  it('stores and commits a verified pack, then loads it from the store without the network', async () => {
    const first = await loadPack(TEST_PACK_URL);
    const stored = await readStoredPack(BASE);
    expect(stored?.commit?.files.length).toBe(first.files.size);
    const fetches = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    globalThis.fetch = fetches;
    const fromCache: boolean[] = [];
    const offline = await loadPack(TEST_PACK_URL, { onProgress: (p) => fromCache.push(p.fromCache) });
    expect(fetches).not.toHaveBeenCalled();
    expect(fromCache.length).toBe(first.files.size);
    expect(fromCache.every(Boolean)).toBe(true);
    for (const [path, bytes] of first.files) expect(offline.files.get(path)).toEqual(bytes);
  });

  it('resumes a dropped download with a Range request and fetches only the missing bytes', async () => {
    const { spec, text } = await fetchManifestFromServer(BASE);
    const entries = runtimeFiles(spec);
    const total = entries.reduce((s, e) => s + e.bytes, 0);
    const big = entries.find((e) => e.path === 'unet_segment3.onnx');
    if (!big) throw new Error('test pack lacks unet_segment3.onnx');
    const cut = Math.floor(big.bytes * 0.5);
    const ranges: (string | null)[] = [];
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await realFetch(input, init);
      if (!urlOf(input).endsWith('/unet_segment3.onnx')) return response;
      ranges.push(new Headers(init?.headers).get('range'));
      return new Response(droppingBody(new Uint8Array(await response.arrayBuffer()), cut), { status: 200 });
    });
    const options = { baseUrl: BASE, manifestText: text, entries, packName: spec.name, chunkBytes: 256 * 1024 };
    await expect(downloadPackToStore(options)).rejects.toThrow(/connection was lost while downloading unet_segment3\.onnx .* Press Resume/);
    expect((await readStoredPack(BASE))?.commit ?? null).toBeNull();
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (urlOf(input).endsWith('/unet_segment3.onnx')) ranges.push(new Headers(init?.headers).get('range'));
      return realFetch(input, init);
    });
    const before = entries.slice(0, entries.indexOf(big)).reduce((s, e) => s + e.bytes, 0);
    const resumed = await downloadPackToStore(options);
    expect(ranges).toEqual([null, `bytes=${cut}-`]);
    expect(resumed.fetchedBytes).toBe(total - before - cut);
    expect(resumed.commit.files.length).toBe(entries.length);
  });

  it('refuses a body whose Content-Length differs from the manifest', async () => {
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await realFetch(input, init);
      if (!urlOf(input).endsWith('/prelude.onnx')) return response;
      const bytes = new Uint8Array(await response.arrayBuffer()).slice(0, 1000);
      return new Response(bytes, { status: 200, headers: { 'content-length': '1000', 'content-type': 'application/octet-stream' } });
    });
    await expect(loadPack(TEST_PACK_URL)).rejects.toThrow(/prelude\.onnx: the server announces 1000 bytes \(Content-Length\) where the manifest declares 460457/);
    expect((await readStoredPack(BASE))?.commit ?? null).toBeNull();
  });

  it('refuses an HTML page instead of a pack file', async () => {
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!urlOf(input).endsWith('/decoder.onnx')) return realFetch(input, init);
      return new Response('<!doctype html><title>app</title>', { status: 200, headers: { 'content-type': 'text/html' } });
    });
    const failure = loadPack(TEST_PACK_URL);
    await expect(failure).rejects.toBeInstanceOf(PackFetchError);
    await expect(failure).rejects.toThrow(/decoder\.onnx came back as a web page/);
  });

  it('turns a quota error into a message with the numbers and commits nothing', async () => {
    const { spec, text } = await fetchManifestFromServer(BASE);
    let writes = 0;
    FileSystemWritableFileStream.prototype.write = function (this: FileSystemWritableFileStream, data: FileSystemWriteChunkType) {
      if (++writes > 3) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return realWrite.call(this, data);
    };
    const failure = downloadPackToStore({ baseUrl: BASE, manifestText: text, entries: runtimeFiles(spec), packName: spec.name });
    await expect(failure).rejects.toBeInstanceOf(StorageQuotaError);
    await expect(failure).rejects.toThrow(/Not enough storage to keep the model pack "blobgen-tiny-shapes" \(\d+\.\d MB\)\. This site uses \d+\.\d MB of the \d+\.\d MB .* more are needed/);
    FileSystemWritableFileStream.prototype.write = realWrite;
    expect((await readStoredPack(BASE))?.commit ?? null).toBeNull();
    // loadPack still runs the pack from memory when it cannot store it.
    FileSystemWritableFileStream.prototype.write = function () {
      return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    };
    expect((await loadPack(TEST_PACK_URL)).files.size).toBeGreaterThan(5);
  });

  it('deleting a pack removes its files from the store', async () => {
    await loadPack(TEST_PACK_URL);
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(env.packStoreDirName);
    const count = async () => {
      let n = 0;
      const files = await root.getDirectoryHandle('files');
      for await (const _ of (files as unknown as { keys(): AsyncIterable<string> }).keys()) n++;
      return n;
    };
    expect(await count()).toBeGreaterThan(5);
    await deleteStoredPack(BASE);
    expect(await count()).toBe(0);
    expect(await readStoredPack(BASE)).toBeNull();
  });

  it('resolves pack folder URLs', () => {
    expect(packBaseUrl('/models/x', 'http://h/')).toBe('http://h/models/x/');
    expect(packBaseUrl('/models/x/manifest.json', 'http://h/')).toBe('http://h/models/x/');
  });
});
