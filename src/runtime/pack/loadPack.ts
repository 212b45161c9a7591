/**
 * Pack loading: manifest → validated PackSpec → every file the engine uses, downloaded and
 * SHA-256-verified (verifiedFetch.ts) before any of it reaches ORT or the tokenizer.
 */
import { InvalidManifestError, PackFetchError } from '../errors';
import { cachedManifestText, fetchVerified, storeManifestText, storeVerified, type ExpectedFile, type FetchProgress } from '../verifiedFetch';
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

/** The pack's validated manifest (offline: the cached copy of the last complete load). */
export async function fetchManifest(baseUrl: string, signal?: AbortSignal): Promise<PackSpec> {
  return (await fetchManifestAndText(baseUrl, signal)).spec;
}

async function fetchManifestAndText(baseUrl: string, signal?: AbortSignal): Promise<{ spec: PackSpec; text: string }> {
  const url = new URL('manifest.json', baseUrl).href;
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ?? null, cache: 'no-cache' });
  } catch (error) {
    // Offline: the manifest of the last pack that loaded completely from here still describes
    // files that sit verified in the cache (each is re-verified before use).
    const text = await cachedManifestText(url);
    if (text !== null) return { spec: parseManifest(JSON.parse(text)), text };
    throw new PackFetchError(`Could not download the model pack manifest ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new PackFetchError(`No model pack at ${baseUrl}: the manifest ${url} answered HTTP ${response.status}.`);
  // Single-page-app servers answer unknown paths with index.html (status 200).
  if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
    throw new PackFetchError(`No model pack at ${baseUrl}: ${url} is a web page, not a manifest.json. Check the pack URL.`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidManifestError(`${url} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { spec: parseManifest(json), text };
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

export async function loadPack(
  packUrl: string,
  options: {
    onProgress?: (p: PackLoadProgress) => void;
    signal?: AbortSignal;
    useCache?: boolean;
    includeMonolithic?: boolean;
    /**
     * Runs on the validated manifest before any file is downloaded: device capability checks, and
     * the choice of precision variant (the spec it returns decides which files are fetched).
     */
    resolveSpec?: (spec: PackSpec) => PackSpec;
  } = {},
): Promise<LoadedPack> {
  const baseUrl = packBaseUrl(packUrl);
  const fetched = await fetchManifestAndText(baseUrl, options.signal);
  const manifestText = fetched.text;
  const spec = options.resolveSpec ? options.resolveSpec(fetched.spec) : fetched.spec;
  const entries = runtimeFiles(spec, options);
  const packTotalBytes = entries.reduce((sum, f) => sum + f.bytes, 0);
  let done = 0;
  const files = new Map<string, Uint8Array>();
  const toStore: [ExpectedFile, Uint8Array][] = [];
  // Sequential: keeps memory and progress simple; packs are a few files.
  for (const [fileIndex, entry] of entries.entries()) {
    const expected: ExpectedFile = { url: new URL(entry.path, baseUrl).href, sha256: entry.sha256, bytes: entry.bytes, path: entry.path };
    const { bytes, fromCache } = await fetchVerified(
      expected,
      {
        useCache: options.useCache ?? true,
        signal: options.signal,
        onProgress: (p) =>
          options.onProgress?.({ ...p, fileIndex, fileCount: entries.length, packLoadedBytes: done + p.loadedBytes, packTotalBytes }),
      },
    );
    done += entry.bytes;
    files.set(entry.path, bytes);
    if (!fromCache) toStore.push([expected, bytes]);
  }
  // All or nothing: a pack with one bad file leaves no trace in the cache.
  if (options.useCache ?? true) {
    for (const [expected, bytes] of toStore) await storeVerified(expected, bytes);
    await storeManifestText(new URL('manifest.json', baseUrl).href, manifestText);
  }
  return { spec, baseUrl, files };
}
