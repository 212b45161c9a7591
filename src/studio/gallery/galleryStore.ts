/**
 * The gallery as the studio shows it: what IndexedDB holds, plus results that could not be stored
 * (storage full, private mode). Those stay in memory, marked unsaved, downloadable, and are saved
 * again automatically once deleting frees room, so a full disk never loses an image.
 */
import { create } from 'zustand';
import type { GalleryItem } from './galleryItem';
import { GalleryQuotaError, GalleryStorage } from './galleryStorage';

export interface GalleryEntry extends GalleryItem {
  /** False while the item lives only in this tab (not yet in IndexedDB). */
  persisted: boolean;
}

export type GalleryProblem = { kind: 'quota' | 'unavailable' | 'skipped'; message: string };

interface GalleryState {
  status: 'loading' | 'ready';
  entries: GalleryEntry[];
  problem: GalleryProblem | null;
}

export const useGalleryStore = create<GalleryState>()(() => ({ status: 'loading', entries: [], problem: null }));

let storage: GalleryStorage | null = null;

function storageOrThrow(): GalleryStorage {
  storage ??= new GalleryStorage();
  return storage;
}

/** Tests and embedders may point the gallery at another database. */
export function setGalleryDatabase(next: GalleryStorage): void {
  storage = next;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function loadGallery(): Promise<void> {
  try {
    const { items, skipped } = await storageOrThrow().list();
    const unsaved = useGalleryStore.getState().entries.filter((e) => !e.persisted);
    useGalleryStore.setState({
      status: 'ready',
      entries: [...unsaved, ...items.map((item) => ({ ...item, persisted: true }))],
      problem: skipped > 0 ? { kind: 'skipped', message: `${skipped} gallery item(s) could not be read and are left untouched in storage.` } : null,
    });
  } catch (error) {
    useGalleryStore.setState({ status: 'ready', problem: { kind: 'unavailable', message: `The gallery could not be opened: ${describe(error)}. New results are kept in this tab only.` } });
  }
}

async function persist(item: GalleryItem): Promise<GalleryProblem | null> {
  try {
    await storageOrThrow().add(item);
    return null;
  } catch (error) {
    if (error instanceof GalleryQuotaError) return { kind: 'quota', message: error.message };
    return { kind: 'unavailable', message: `This image could not be saved in the gallery (${describe(error)}). It is kept in this tab; download it to keep it.` };
  }
}

function markPersisted(id: string): void {
  useGalleryStore.setState({ entries: useGalleryStore.getState().entries.map((e) => (e.id === id ? { ...e, persisted: true } : e)) });
}

/** Adds a result (newest first). Resolves once stored, or kept in memory with a problem shown. */
export async function addToGallery(item: GalleryItem): Promise<boolean> {
  useGalleryStore.setState({ entries: [{ ...item, persisted: false }, ...useGalleryStore.getState().entries] });
  const problem = await persist(item);
  if (problem) {
    useGalleryStore.setState({ problem });
    return false;
  }
  markPersisted(item.id);
  return true;
}

/** After room was freed: tries to store the unsaved items again, oldest first. */
async function retryUnsaved(): Promise<void> {
  const unsaved = useGalleryStore.getState().entries.filter((e) => !e.persisted).reverse();
  for (const entry of unsaved) {
    const { persisted: _persisted, ...item } = entry;
    const problem = await persist(item);
    if (problem) {
      useGalleryStore.setState({ problem });
      return;
    }
    markPersisted(entry.id);
  }
  if (unsaved.length > 0 && useGalleryStore.getState().problem?.kind !== 'skipped') useGalleryStore.setState({ problem: null });
}

export async function removeFromGallery(id: string): Promise<void> {
  const entry = useGalleryStore.getState().entries.find((e) => e.id === id);
  if (!entry) return;
  if (entry.persisted) await storageOrThrow().remove(id);
  useGalleryStore.setState({ entries: useGalleryStore.getState().entries.filter((e) => e.id !== id) });
  await retryUnsaved();
}

export async function clearGallery(): Promise<void> {
  await storageOrThrow().clearAll();
  useGalleryStore.setState({ entries: [], problem: null });
}

export function dismissGalleryProblem(): void {
  useGalleryStore.setState({ problem: null });
}
