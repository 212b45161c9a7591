/**
 * Reads a committed pack's files back for the engine, hashing each again on the way (a stored
 * file can be damaged on disk); a file that fails loses its verified mark and the pack its commit.
 */
import type { PackFileEntry } from '../pack/packSpec';
import { discardFile, readStored } from './fileChunks';
import { withdrawCommit, type PackCommit } from './packRecords';

export interface StoredReadProgress {
  path: string;
  fileIndex: number;
  fileCount: number;
  bytes: number;
}

/** null when the commit lacks a file or a file fails its re-check (the caller downloads again). */
export async function readCommittedFiles(
  baseUrl: string,
  commit: PackCommit,
  entries: readonly PackFileEntry[],
  onFile?: (p: StoredReadProgress) => void,
): Promise<Map<string, Uint8Array> | null> {
  const committed = new Set(commit.files.map((f) => f.sha256));
  if (!entries.every((e) => committed.has(e.sha256.toLowerCase()))) return null;
  const files = new Map<string, Uint8Array>();
  for (const [fileIndex, entry] of entries.entries()) {
    const sha = entry.sha256.toLowerCase();
    const stored = await readStored(sha, entry.bytes, true);
    if (!stored.bytes || stored.size !== entry.bytes || stored.digest !== sha) {
      await discardFile(sha);
      await withdrawCommit(baseUrl);
      return null;
    }
    files.set(entry.path, stored.bytes);
    onFile?.({ path: entry.path, fileIndex, fileCount: entries.length, bytes: entry.bytes });
  }
  return files;
}
