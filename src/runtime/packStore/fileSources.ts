/**
 * Where pack files come from: an HTTP server (Range requests to resume), or files the person
 * picked from a local folder. Both hand the downloader a body that starts at a known offset.
 */
import { HashMismatchError, PackFetchError } from '../errors';
import type { ExpectedFile } from '../verifiedFetch';
import { isAbortError } from './packStoreErrors';

export interface OpenedFile {
  body: ReadableStream<Uint8Array>;
  /** Where the body starts in the file: the asked offset, or 0 when a server ignored the Range. */
  start: number;
}

export interface FileSource {
  open(file: ExpectedFile, offset: number, signal?: AbortSignal): Promise<OpenedFile>;
}

/** "bytes 100-199/200" → 100; null when absent or unreadable (cross-origin without Expose-Headers). */
export function contentRangeStart(header: string | null): number | null {
  const match = header ? /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(header.trim()) : null;
  return match ? Number(match[1]) : null;
}

export const httpFileSource: FileSource = {
  async open(file, offset, signal) {
    let response: Response;
    try {
      response = await fetch(file.url, { signal: signal ?? null, cache: 'no-store', ...(offset > 0 ? { headers: { Range: `bytes=${offset}-` } } : {}) });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new PackFetchError(
        `Could not download ${file.path} from ${file.url} (${error instanceof Error ? error.message : String(error)}). Check the connection; a server on another site must also allow this one (CORS: Access-Control-Allow-Origin). Press Resume to continue.`,
      );
    }
    if (response.status === 404) throw new PackFetchError(`${file.path} is not on the server (HTTP 404 at ${file.url}); the pack is incomplete or the URL is wrong.`);
    if (!response.ok || !response.body) throw new PackFetchError(`Could not download ${file.path} from ${file.url}: HTTP ${response.status} ${response.statusText}.`);
    // Single-page-app servers answer unknown paths with their index.html.
    if (/text\/html/i.test(response.headers.get('content-type') ?? '')) {
      await response.body.cancel();
      throw new PackFetchError(`${file.path} came back as a web page (text/html), not a pack file: the server does not have it at ${file.url}.`);
    }
    const start = response.status === 206 ? (contentRangeStart(response.headers.get('content-range')) ?? offset) : 0;
    const remaining = file.bytes - start;
    const length = response.headers.get('content-length');
    const encoding = response.headers.get('content-encoding');
    // A compressed body's Content-Length counts compressed bytes, so only plain bodies are checked up front.
    if (length !== null && (encoding === null || encoding === 'identity') && Number(length) !== remaining) {
      await response.body.cancel();
      throw new HashMismatchError(
        `${file.path}: the server announces ${length} bytes (Content-Length) where the manifest declares ${remaining}${start > 0 ? ` (the rest from byte ${start})` : ''}; the file was refused.`,
      );
    }
    return { body: response.body, start };
  },
};

/** Files from a folder the person picked, by pack-relative path. */
export function localFileSource(files: ReadonlyMap<string, File>): FileSource {
  return {
    async open(file, offset) {
      const picked = files.get(file.path);
      if (!picked) throw new PackFetchError(`${file.path} is listed in the manifest but is not in the folder you picked.`);
      return { body: picked.slice(offset).stream() as ReadableStream<Uint8Array>, start: offset };
    },
  };
}
