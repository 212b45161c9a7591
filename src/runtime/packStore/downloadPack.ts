/**
 * A whole pack into the store: its record first, then each file (resumable, verified), then the
 * commit marker, last. Runs in the main thread (model manager) and in the worker (first use of a
 * pack); a Web Lock per pack keeps the two from writing the same pack at once.
 */
import { env } from '../../config/env';
import type { PackFileEntry } from '../pack/packSpec';
import type { ExpectedFile } from '../verifiedFetch';
import { downloadFileToStore } from './downloadFile';
import { httpFileSource, type FileSource } from './fileSources';
import { beginPackRecord, commitPack, packId, type PackCommit } from './packRecords';
import { formatMb, isQuotaError, quotaError } from './packStoreErrors';

export interface PackDownloadProgress {
  path: string;
  fileIndex: number;
  fileCount: number;
  /** This file: stored bytes of its total. */
  loadedBytes: number;
  totalBytes: number;
  /** The whole pack: stored bytes of its total. */
  packLoadedBytes: number;
  packTotalBytes: number;
  /** Bytes that came over the network in this download (not counting what was stored before). */
  fetchedBytes: number;
  fromCache: boolean;
}

export interface PackDownloadOptions {
  baseUrl: string;
  manifestText: string;
  /** The files to store (what the runtime will read), from the validated manifest. */
  entries: readonly PackFileEntry[];
  packName: string;
  label?: string;
  source?: FileSource;
  signal?: AbortSignal;
  chunkBytes?: number;
  onProgress?: (p: PackDownloadProgress) => void;
}

export interface PackDownloadResult {
  commit: PackCommit;
  fetchedBytes: number;
}

export function expectedFile(baseUrl: string, entry: PackFileEntry): ExpectedFile {
  return { url: new URL(entry.path, baseUrl).href, sha256: entry.sha256, bytes: entry.bytes, path: entry.path };
}

async function withPackLock<T>(baseUrl: string, run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return run();
  return locks.request(`blobgen-pack:${await packId(baseUrl)}`, run);
}

export async function downloadPackToStore(options: PackDownloadOptions): Promise<PackDownloadResult> {
  const { baseUrl, manifestText, entries } = options;
  return withPackLock(baseUrl, async () => {
    const packTotalBytes = entries.reduce((sum, f) => sum + f.bytes, 0);
    let done = 0;
    let fetchedBytes = 0;
    try {
      await beginPackRecord(baseUrl, manifestText, options.label);
      for (const [fileIndex, entry] of entries.entries()) {
        const before = fetchedBytes;
        const fetched = await downloadFileToStore(expectedFile(baseUrl, entry), {
          source: options.source ?? httpFileSource,
          chunkBytes: options.chunkBytes ?? env.packChunkBytes,
          ...(options.signal ? { signal: options.signal } : {}),
          onProgress: (p) => {
            fetchedBytes = before + p.fetchedBytes;
            options.onProgress?.({
              path: entry.path,
              fileIndex,
              fileCount: entries.length,
              loadedBytes: p.storedBytes,
              totalBytes: entry.bytes,
              packLoadedBytes: done + p.storedBytes,
              packTotalBytes,
              fetchedBytes,
              fromCache: p.fetchedBytes === 0 && p.storedBytes === entry.bytes,
            });
          },
        });
        fetchedBytes = before + fetched;
        done += entry.bytes;
      }
      // Last: only now is the pack complete and verified.
      const commit = await commitPack(
        baseUrl,
        manifestText,
        entries.map((e) => ({ path: e.path, sha256: e.sha256.toLowerCase(), bytes: e.bytes })),
      );
      announce({ kind: 'committed', baseUrl });
      return { commit, fetchedBytes };
    } catch (error) {
      if (isQuotaError(error)) throw await quotaError(`the model pack "${options.packName}" (${formatMb(packTotalBytes)})`, packTotalBytes - done);
      throw error;
    } finally {
      announce({ kind: 'changed', baseUrl });
    }
  });
}

/** Tells every tab and the worker that the store changed (the model manager refreshes). */
export const PACK_STORE_CHANNEL = 'blobgen-pack-store';
export function announce(message: { kind: 'committed' | 'changed' | 'deleted'; baseUrl: string }): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(PACK_STORE_CHANNEL);
  channel.postMessage(message);
  channel.close();
}
