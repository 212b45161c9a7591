/**
 * Download one pack file into memory, hashing it incrementally while it streams (hash-wasm:
 * crypto.subtle cannot stream), and refuse it before anyone uses it when size or SHA-256 differ
 * from the manifest; or read it from the pack store (src/runtime/packStore) when it is there,
 * verified. Used for single files (the tokenizer for `info`) and where the store is unavailable.
 */
import { env } from '../config/env';
import { createSHA256 } from 'hash-wasm';
import { HashMismatchError, PackFetchError } from './errors';
import { isVerified, readStored } from './packStore/fileChunks';
import { hasOpfs } from './packStore/opfs';

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

/**
 * A verified file: from the pack store when it holds it verified (re-hashed on the way), else from
 * the network. Storing is the pack store's job (loadPack, the model manager), not this function's.
 */
export async function fetchVerified(file: ExpectedFile, options: VerifiedFetchOptions = {}): Promise<VerifiedFile> {
  if (options.useCache !== false && hasOpfs()) {
    const stored = await readVerifiedFromStore(file).catch(() => null);
    if (stored) {
      options.onProgress?.({ path: file.path, loadedBytes: file.bytes, totalBytes: file.bytes, fromCache: true });
      return { bytes: stored, fromCache: true };
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

async function readVerifiedFromStore(file: ExpectedFile): Promise<Uint8Array | null> {
  const sha = file.sha256.toLowerCase();
  if (!(await isVerified(sha))) return null;
  const stored = await readStored(sha, file.bytes, true);
  return stored.bytes && stored.size === file.bytes && stored.digest === sha ? stored.bytes : null;
}

/**
 * Removes the Cache Storage bucket that held model files before the pack store existed (a
 * one-time clean-up; its files would otherwise hold space nobody can free from the app).
 */
export async function deleteLegacyModelCache(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(env.modelCacheName).catch(() => false);
}
