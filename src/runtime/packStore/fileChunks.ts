/**
 * Content-addressed storage of pack files in OPFS, in pieces, so a download can stop anywhere and
 * go on from the last stored byte:
 *
 *   files/<sha256>/<offset>   the pieces, named by their 13-digit start offset
 *   verified/<sha256>         written only after the pieces' SHA-256 matched the manifest
 *
 * A file is addressed by its hash, so two packs (or two versions of one) share identical files,
 * and a new file version can never be read for an old one.
 */
import { createSHA256 } from 'hash-wasm';
import { entryNames, fileIn, removeEntry, storeRoot, subdir, writeFile } from './opfs';

const OFFSET_DIGITS = 13;
const SHA256 = /^[0-9a-f]{64}$/;

interface Piece {
  name: string;
  offset: number;
  file: File;
}

function checkedSha(sha256: string): string {
  const sha = sha256.toLowerCase();
  if (!SHA256.test(sha)) throw new RangeError(`not a SHA-256: ${sha256}`);
  return sha;
}

async function piecesDir(sha256: string, create: boolean) {
  const files = await subdir(await storeRoot(), 'files', create);
  return files ? subdir(files, checkedSha(sha256), create) : null;
}

/** The stored pieces that continue each other from offset 0; pieces after a gap are dropped. */
async function contiguousPieces(sha256: string): Promise<Piece[]> {
  const dir = await piecesDir(sha256, false);
  if (!dir) return [];
  const pieces: Piece[] = [];
  for (const name of await entryNames(dir)) {
    const file = await fileIn(dir, name);
    if (file && /^\d+$/.test(name)) pieces.push({ name, offset: Number(name), file });
  }
  pieces.sort((a, b) => a.offset - b.offset);
  const kept: Piece[] = [];
  let end = 0;
  for (const piece of pieces) {
    if (piece.offset !== end || piece.file.size === 0) {
      await removeEntry(dir, piece.name); // left by an interrupted write: fetched again
      continue;
    }
    kept.push(piece);
    end += piece.file.size;
  }
  return kept;
}

/** How many leading bytes of the file are stored (the offset a resumed download starts at). */
export async function storedBytes(sha256: string): Promise<number> {
  return (await contiguousPieces(sha256)).reduce((sum, p) => sum + p.file.size, 0);
}

export async function isVerified(sha256: string): Promise<boolean> {
  const verified = await subdir(await storeRoot(), 'verified', false);
  return verified ? (await fileIn(verified, checkedSha(sha256))) !== null : false;
}

export async function appendPiece(sha256: string, offset: number, data: Uint8Array): Promise<void> {
  const dir = await piecesDir(sha256, true);
  if (!dir) throw new Error('the pack store folder could not be created');
  await writeFile(dir, String(offset).padStart(OFFSET_DIGITS, '0'), data as Uint8Array<ArrayBuffer>);
}

/**
 * Reads the stored file and hashes it on the way. `expectedBytes` bounds what is read; the caller
 * compares the digest with the manifest.
 */
export async function readStored(sha256: string, expectedBytes: number, keepBytes: boolean): Promise<{ bytes: Uint8Array | null; size: number; digest: string }> {
  const hasher = await createSHA256();
  hasher.init();
  const out = keepBytes ? new Uint8Array(expectedBytes) : null;
  let size = 0;
  for (const piece of await contiguousPieces(sha256)) {
    const data = new Uint8Array(await piece.file.arrayBuffer());
    if (size + data.byteLength > expectedBytes) return { bytes: null, size: size + data.byteLength, digest: '' };
    out?.set(data, size);
    hasher.update(data);
    size += data.byteLength;
  }
  return { bytes: out, size, digest: hasher.digest('hex') };
}

export async function markVerified(sha256: string): Promise<void> {
  const verified = await subdir(await storeRoot(), 'verified', true);
  if (verified) await writeFile(verified, checkedSha(sha256), '');
}

/** Drops a file's pieces and its verified mark (a corrupt file, or one no pack uses any more). */
export async function discardFile(sha256: string): Promise<void> {
  const root = await storeRoot();
  const verified = await subdir(root, 'verified', false);
  if (verified) await removeEntry(verified, checkedSha(sha256));
  const files = await subdir(root, 'files', false);
  if (files) await removeEntry(files, checkedSha(sha256));
}

/** Every file hash that has pieces or a verified mark (for clean-up after a delete). */
export async function storedFileHashes(): Promise<string[]> {
  const root = await storeRoot();
  const names = new Set<string>();
  for (const folder of ['files', 'verified']) {
    const dir = await subdir(root, folder, false);
    if (dir) for (const name of await entryNames(dir)) if (SHA256.test(name)) names.add(name);
  }
  return [...names];
}

/** Bytes of these files already in the store (a paused or dropped download's progress). */
export async function storedBytesOf(files: readonly { sha256: string; bytes: number }[]): Promise<number> {
  let sum = 0;
  for (const f of files) sum += (await isVerified(f.sha256)) ? f.bytes : Math.min(f.bytes, await storedBytes(f.sha256));
  return sum;
}
