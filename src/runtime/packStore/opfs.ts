/**
 * The few Origin Private File System operations the pack store needs, the same in the main
 * thread and the worker (async handles: `createWritable`, which both have in Chromium).
 */
import { env } from '../../config/env';
import { PackStoreUnavailableError } from './packStoreErrors';

export function hasOpfs(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

export async function storeRoot(): Promise<FileSystemDirectoryHandle> {
  if (!hasOpfs()) throw new PackStoreUnavailableError('This browser has no Origin Private File System, so model packs cannot be kept on this device; they are downloaded on every use.');
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(env.packStoreDirName, { create: true });
}

export async function subdir(parent: FileSystemDirectoryHandle, name: string, create: boolean): Promise<FileSystemDirectoryHandle | null> {
  try {
    return await parent.getDirectoryHandle(name, { create });
  } catch (error) {
    if (!create && error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError')) return null;
    throw error;
  }
}

export async function fileIn(dir: FileSystemDirectoryHandle, name: string): Promise<File | null> {
  try {
    return await (await dir.getFileHandle(name)).getFile();
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError')) return null;
    throw error;
  }
}

export async function writeFile(dir: FileSystemDirectoryHandle, name: string, data: BufferSource | Blob | string): Promise<void> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    await writable.write(data);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

export async function entryNames(dir: FileSystemDirectoryHandle): Promise<string[]> {
  const names: string[] = [];
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  return names;
}

export async function removeEntry(dir: FileSystemDirectoryHandle, name: string): Promise<void> {
  await dir.removeEntry(name, { recursive: true }).catch((error: unknown) => {
    if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
  });
}
