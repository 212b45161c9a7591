/**
 * One pack file into the store, resumably: the download starts after the last stored byte
 * (HTTP Range), keeps what arrived when the connection drops or the person pauses, and marks the
 * file verified only after the stored pieces hash to the manifest's SHA-256. A mismatch drops
 * that file alone, so only it is fetched again.
 */
import { HashMismatchError, PackFetchError } from '../errors';
import type { ExpectedFile } from '../verifiedFetch';
import { appendPiece, discardFile, isVerified, markVerified, readStored, storedBytes } from './fileChunks';
import type { FileSource } from './fileSources';
import { isAbortError, isQuotaError } from './packStoreErrors';

export interface FileDownloadProgress {
  /** Bytes of this file in the store (verified or not). */
  storedBytes: number;
  /** Bytes received over the network (or from the picked file) in this call. */
  fetchedBytes: number;
}

export interface FileDownloadOptions {
  source: FileSource;
  chunkBytes: number;
  signal?: AbortSignal;
  onProgress?: (p: FileDownloadProgress) => void;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Returns how many bytes it fetched (0 when the file was already stored and verified). */
export async function downloadFileToStore(file: ExpectedFile, options: FileDownloadOptions): Promise<number> {
  const sha = file.sha256.toLowerCase();
  if (await isVerified(sha)) {
    options.onProgress?.({ storedBytes: file.bytes, fetchedBytes: 0 });
    return 0;
  }
  let offset = await storedBytes(sha);
  if (offset > file.bytes) {
    await discardFile(sha);
    offset = 0;
  }
  let fetched = 0;
  options.onProgress?.({ storedBytes: offset, fetchedBytes: 0 });
  if (offset < file.bytes) {
    const opened = await options.source.open(file, offset, options.signal);
    if (opened.start !== offset) {
      await discardFile(sha); // the server ignored the Range: start the file over
      offset = opened.start;
    }
    const reader = opened.body.getReader();
    let parts: Uint8Array[] = [];
    let buffered = 0;
    const flush = async () => {
      if (buffered === 0) return;
      await appendPiece(sha, offset, concat(parts, buffered));
      offset += buffered;
      parts = [];
      buffered = 0;
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (offset + buffered + value.byteLength > file.bytes) {
          await reader.cancel();
          throw new HashMismatchError(`${file.path} is larger than the ${file.bytes} bytes its manifest declares; the file was refused.`);
        }
        parts.push(value);
        buffered += value.byteLength;
        fetched += value.byteLength;
        if (buffered >= options.chunkBytes) await flush();
        options.onProgress?.({ storedBytes: offset + buffered, fetchedBytes: fetched });
      }
      await flush();
    } catch (error) {
      if (error instanceof HashMismatchError) {
        await discardFile(sha);
        throw error;
      }
      // Keep what arrived (a dropped connection, a pause): the next try starts after it.
      if (!isQuotaError(error)) await flush().catch(() => undefined);
      if (isAbortError(error) || isQuotaError(error) || error instanceof PackFetchError) throw error;
      throw new PackFetchError(
        `The connection was lost while downloading ${file.path} (${offset} of ${file.bytes} bytes are stored; ${error instanceof Error ? error.message : String(error)}). Press Resume in the Models panel, or Generate again, to continue from there.`,
      );
    }
  }
  const stored = await readStored(sha, file.bytes, false);
  if (stored.size !== file.bytes) {
    // A body that ended early (the server's file is shorter): kept, so a fixed server only sends the rest.
    throw new HashMismatchError(`${file.path} ended after ${stored.size} of the ${file.bytes} bytes its manifest declares (a truncated file); it was not used or marked ready.`);
  }
  if (stored.digest !== sha) {
    await discardFile(sha);
    throw new HashMismatchError(
      `${file.path} does not match its manifest (SHA-256 ${stored.digest}, expected ${sha}). The download is corrupt or the pack was modified; it was not used or marked ready, and only this file will be fetched again.`,
    );
  }
  await markVerified(sha);
  return fetched;
}
