/**
 * Pack loading: manifest → validated PackSpec → every file the engine uses, downloaded into the
 * pack store and SHA-256-verified (src/runtime/packStore) before any of it reaches ORT or the
 * tokenizer.
 */
import { HashMismatchError, InvalidManifestError, PackFetchError } from '../errors';
import { downloadPackToStore, expectedFile, hasOpfs, isAbortError, readCommittedFiles, readStoredPack, type StoredPack } from '../packStore';
import type { StoredReadProgress } from '../packStore/readStoredPack';
import { fetchVerified, type FetchProgress } from '../verifiedFetch';
import { parseManifest } from './manifestSchema';
import type { PackFileEntry, PackSpec } from './packSpec';

export interface LoadedPack {
  spec: PackSpec;
  baseUrl: string;
  /** Verified bytes by pack-relative path. */
  files: Map<string, Uint8Array>;
}

export interface PackLoadProgress extends FetchProgress {
  fileIndex: number;
  fileCount: number;
  /** Bytes of all files the engine needs, and how many of them are in. */
  packLoadedBytes: number;
  packTotalBytes: number;
}

/** The pack's folder URL with a trailing slash (accepts ".../manifest.json" too). */
export function packBaseUrl(packUrl: string, base: string = self.location.href): string {
  const url = new URL(packUrl, base);
  if (url.pathname.endsWith('/manifest.json')) url.pathname = url.pathname.slice(0, -'manifest.json'.length);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * The pack's validated manifest: the stored one when the pack is committed in the pack store
 * (what the engine will load, also offline), else the server's.
 */
export async function fetchManifest(baseUrl: string, signal?: AbortSignal): Promise<PackSpec> {
  return (await manifestAndText(baseUrl, true, signal)).spec;
}

async function committedPack(baseUrl: string): Promise<StoredPack | null> {
  if (!hasOpfs()) return null;
  try {
    const stored = await readStoredPack(baseUrl);
    return stored?.commit ? stored : null;
  } catch {
    return null; // an unreadable store is the same as an empty one: download
  }
}

async function manifestAndText(baseUrl: string, useStore: boolean, signal?: AbortSignal): Promise<{ spec: PackSpec; text: string; stored: StoredPack | null }> {
  const stored = useStore ? await committedPack(baseUrl) : null;
  if (stored?.manifestText) return { spec: parseManifestText(stored.manifestText, 'The stored manifest'), text: stored.manifestText, stored };
  return { ...(await fetchManifestFromServer(baseUrl, signal)), stored: null };
}

export async function fetchManifestFromServer(baseUrl: string, signal?: AbortSignal): Promise<{ spec: PackSpec; text: string }> {
  const url = new URL('manifest.json', baseUrl).href;
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ?? null, cache: 'no-cache' });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new PackFetchError(
      `Could not download the model pack manifest ${url} (${error instanceof Error ? error.message : String(error)}). Check the connection; a pack on another site must allow this one (CORS: Access-Control-Allow-Origin).`,
    );
  }
  if (!response.ok) throw new PackFetchError(`No model pack at ${baseUrl}: the manifest ${url} answered HTTP ${response.status}.`);
  // Single-page-app servers answer unknown paths with index.html (status 200).
  if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
    throw new PackFetchError(`No model pack at ${baseUrl}: ${url} is a web page, not a manifest.json. Check the pack URL.`);
  }
  const text = await response.text();
  return { spec: parseManifestText(text, url), text };
}

/** Parses and validates manifest text (InvalidManifestError with the issues). */
export function parseManifestText(text: string, where: string): PackSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidManifestError(`${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseManifest(json);
}

/** Files the runtime needs (goldens and benchmark-only graphs are left out unless asked for). */
export function runtimeFiles(spec: PackSpec, options: { includeMonolithic?: boolean } = {}): PackFileEntry[] {
  const wanted = new Set<string>([
    spec.tokenizer.file,
    spec.textEncoder.file,
    spec.prelude.file,
    ...spec.unet.segments.map((s) => s.file),
    ...(spec.decoder ? [spec.decoder.file] : []),
    ...(spec.previewDecoder ? [spec.previewDecoder.file] : []),
    ...[spec.textEncoder, spec.prelude, ...spec.unet.segments, ...(spec.decoder ? [spec.decoder] : []), ...(spec.previewDecoder ? [spec.previewDecoder] : [])].flatMap((g) => g.externalData ?? []),
    ...(options.includeMonolithic && spec.monolithic ? [spec.monolithic.file] : []),
  ]);
  const byPath = new Map(spec.files.map((f) => [f.path, f]));
  return [...wanted].map((path) => {
    const entry = byPath.get(path);
    if (!entry) throw new InvalidManifestError(`files: the manifest uses "${path}" but does not list its size and SHA-256, so it cannot be verified.`);
    return entry;
  });
}

export interface LoadPackOptions {
  onProgress?: (p: PackLoadProgress) => void;
  signal?: AbortSignal;
  /** Keep the pack in the pack store and read it from there next time (default true). */
  useCache?: boolean;
  includeMonolithic?: boolean;
  /**
   * Runs on the validated manifest before any file is downloaded: device capability checks, and
   * the choice of precision variant (the spec it returns decides which files are fetched).
   */
  resolveSpec?: (spec: PackSpec) => PackSpec;
}

/**
 * A committed pack is read from the pack store (re-verified, no network: offline and warm loads);
 * otherwise the files are downloaded into the store (resumable, verified, committed last) and read
 * back. Where the store cannot be used (no OPFS, quota), the verified bytes are used from memory.
 */
export async function loadPack(packUrl: string, options: LoadPackOptions = {}): Promise<LoadedPack> {
  try {
    return await loadPackFiles(packUrl, options);
  } catch (error) {
    // Across the worker, a stopped load is a PackFetchError like any other interrupted download
    // (what was stored so far stays for the next load).
    if (isAbortError(error)) throw new PackFetchError(`Loading the model pack ${packUrl} was stopped (${error instanceof Error ? error.message : String(error)}).`);
    throw error;
  }
}

async function loadPackFiles(packUrl: string, options: LoadPackOptions): Promise<LoadedPack> {
  const baseUrl = packBaseUrl(packUrl);
  const useStore = (options.useCache ?? true) && hasOpfs();
  const fetched = await manifestAndText(baseUrl, useStore, options.signal);
  const spec = options.resolveSpec ? options.resolveSpec(fetched.spec) : fetched.spec;
  const entries = runtimeFiles(spec, options);
  const packTotalBytes = entries.reduce((sum, f) => sum + f.bytes, 0);
  let doneBefore = 0;
  const reportRead = (p: StoredReadProgress) => {
    doneBefore += p.bytes;
    options.onProgress?.({ path: p.path, loadedBytes: p.bytes, totalBytes: p.bytes, fromCache: true, fileIndex: p.fileIndex, fileCount: p.fileCount, packLoadedBytes: doneBefore, packTotalBytes });
  };
  if (fetched.stored?.commit) {
    const files = await readCommittedFiles(baseUrl, fetched.stored.commit, entries, reportRead);
    if (files) return { spec, baseUrl, files };
    doneBefore = 0; // a stored file failed its re-check: fetch what is missing
  }
  if (useStore) {
    try {
      const { commit } = await downloadPackToStore({
        baseUrl,
        manifestText: fetched.text,
        entries,
        packName: spec.name,
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p) => options.onProgress?.(p),
      });
      doneBefore = 0;
      const files = await readCommittedFiles(baseUrl, commit, entries, reportRead);
      if (files) return { spec, baseUrl, files };
    } catch (error) {
      // Integrity, network and cancel errors are the answer; storage trouble only costs the cache.
      if (error instanceof HashMismatchError || error instanceof PackFetchError || isAbortError(error)) throw error;
    }
  }
  return { spec, baseUrl, files: await fetchIntoMemory(baseUrl, entries, packTotalBytes, options) };
}

async function fetchIntoMemory(baseUrl: string, entries: PackFileEntry[], packTotalBytes: number, options: LoadPackOptions): Promise<Map<string, Uint8Array>> {
  let done = 0;
  const files = new Map<string, Uint8Array>();
  // Sequential: keeps memory and progress simple; packs are a few files.
  for (const [fileIndex, entry] of entries.entries()) {
    const { bytes } = await fetchVerified(expectedFile(baseUrl, entry), {
      useCache: false,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ ...p, fileIndex, fileCount: entries.length, packLoadedBytes: done + p.loadedBytes, packTotalBytes }),
    });
    done += entry.bytes;
    files.set(entry.path, bytes);
  }
  return files;
}
