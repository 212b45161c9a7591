/**
 * Download one pack file, hashing it incrementally while it streams (hash-wasm: crypto.subtle
 * cannot stream), and refuse it before anyone uses it when size or SHA-256 differ from the
 * manifest. Only verified bytes are ever stored in Cache Storage (storeVerified), and loadPack
 * stores a pack's files only once every one of them has verified.
 */
import { env } from '../config/env';
import { createSHA256 } from 'hash-wasm';
import { HashMismatchError, PackFetchError } from './errors';

export const MODEL_CACHE_NAME = env.modelCacheName;

export interface ExpectedFile {
  url: string;
  /** Lower-case hex SHA-256. */
  sha256: string;
  bytes: number;
  /** For messages: the file's path inside the pack. */
  path: string;
}

export interface FetchProgress {
  path: string;
  loadedBytes: number;
  totalBytes: number;
  fromCache: boolean;
}

export interface VerifiedFetchOptions {
  useCache?: boolean;
  onProgress?: (p: FetchProgress) => void;
  signal?: AbortSignal;
}

/** Cache key: URL plus content hash, so a new pack version never reads an old file. */
function cacheKey(file: ExpectedFile): string {
  const url = new URL(file.url, self.location.href);
  url.searchParams.set('sha256', file.sha256);
  return url.href;
}

async function openCache(): Promise<Cache | null> {
  // Cache Storage exists only in secure contexts (http://127.0.0.1 counts); elsewhere just fetch.
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(MODEL_CACHE_NAME);
  } catch {
    return null;
  }
}

async function readAndHash(body: ReadableStream<Uint8Array>, file: ExpectedFile, fromCache: boolean, onProgress?: (p: FetchProgress) => void) {
  const hasher = await createSHA256();
  hasher.init();
  const out = new Uint8Array(file.bytes);
  let loaded = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.byteLength > file.bytes) {
      await reader.cancel();
      throw new HashMismatchError(`${file.path} is larger than the ${file.bytes} bytes its manifest declares; the file was refused.`);
    }
    out.set(value, loaded);
    hasher.update(value);
    loaded += value.byteLength;
    onProgress?.({ path: file.path, loadedBytes: loaded, totalBytes: file.bytes, fromCache });
  }
  if (loaded !== file.bytes) {
    throw new HashMismatchError(`${file.path} has ${loaded} bytes but its manifest declares ${file.bytes}; the file was refused.`);
  }
  const digest = hasher.digest('hex');
  if (digest !== file.sha256.toLowerCase()) {
    throw new HashMismatchError(
      `${file.path} does not match its manifest (SHA-256 ${digest}, expected ${file.sha256}). The download is corrupt or the pack was modified; it was not used or cached.`,
    );
  }
  return out;
}

export interface VerifiedFile {
  bytes: Uint8Array;
  fromCache: boolean;
}

export async function fetchVerified(file: ExpectedFile, options: VerifiedFetchOptions = {}): Promise<VerifiedFile> {
  const cache = options.useCache === false ? null : await openCache();
  const key = cacheKey(file);
  const cached = await cache?.match(key);
  if (cached?.body) {
    try {
      return { bytes: await readAndHash(cached.body, file, true, options.onProgress), fromCache: true };
    } catch {
      // A damaged cache entry is dropped and downloaded again rather than trusted.
      await cache?.delete(key);
    }
  }
  let response: Response;
  try {
    response = await fetch(file.url, { signal: options.signal ?? null, cache: 'no-store' });
  } catch (error) {
    throw new PackFetchError(`Could not download ${file.path} from ${file.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok || !response.body) {
    throw new PackFetchError(`Could not download ${file.path} from ${file.url}: HTTP ${response.status} ${response.statusText}`);
  }
  return { bytes: await readAndHash(response.body, file, false, options.onProgress), fromCache: false };
}

/** Stores bytes that fetchVerified has verified against `file`. */
export async function storeVerified(file: ExpectedFile, bytes: Uint8Array): Promise<void> {
  const cache = await openCache();
  if (!cache) return;
  await cache.put(cacheKey(file), new Response(bytes.slice().buffer, { headers: { 'content-type': 'application/octet-stream' } })).catch(() => {
    // Quota errors only cost a re-download next time; the verified bytes are still used.
  });
}

function manifestKey(url: string): string {
  const key = new URL(url);
  key.searchParams.set('blobgen-manifest', '1'); // fragments are ignored by Cache matching
  return key.href;
}

/** Remembers the manifest of a pack whose every file verified and was cached (offline use). */
export async function storeManifestText(url: string, text: string): Promise<void> {
  const cache = await openCache();
  await cache?.put(manifestKey(url), new Response(text, { headers: { 'content-type': 'application/json' } })).catch(() => undefined);
}

export async function cachedManifestText(url: string): Promise<string | null> {
  const cache = await openCache();
  const hit = await cache?.match(manifestKey(url));
  return hit ? hit.text() : null;
}

/** Lists cache keys of a pack's files (tests assert that refused files are absent). */
export async function cachedModelFileUrls(): Promise<string[]> {
  const cache = await openCache();
  if (!cache) return [];
  return (await cache.keys()).map((r) => r.url);
}

export async function clearModelCache(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(MODEL_CACHE_NAME);
}
