import { beforeEach, describe, expect, it } from 'vitest';
import type { GalleryItem } from './galleryItem';
import { GalleryQuotaError, type GalleryStorage } from './galleryStorage';
import { addToGallery, clearGallery, loadGallery, removeFromGallery, setGalleryDatabase, useGalleryStore } from './galleryStore';

/** An in-memory GalleryStorage that holds at most `capacity` items, refusing more like a full disk. */
class TinyStorage {
  readonly items = new Map<string, GalleryItem>();
  constructor(private readonly capacity: number) {}
  add(item: GalleryItem) {
    if (this.items.size >= this.capacity) return Promise.reject(new GalleryQuotaError('The browser has no room left to keep this image in the gallery.'));
    this.items.set(item.id, item);
    return Promise.resolve();
  }
  list() {
    return Promise.resolve({ items: [...this.items.values()].sort((a, b) => b.createdAt - a.createdAt), skipped: 0 });
  }
  remove(id: string) {
    this.items.delete(id);
    return Promise.resolve();
  }
  clearAll() {
    this.items.clear();
    return Promise.resolve();
  }
}

const item = (id: string, createdAt: number): GalleryItem => ({
  id,
  createdAt,
  layoutJson: '{}',
  settings: { seed: createdAt, steps: 4, guidance: 3, sampler: 'ddim' },
  image: new Blob(['png']),
  thumbnail: new Blob(['t']),
});

let storage: TinyStorage;
beforeEach(async () => {
  storage = new TinyStorage(2);
  setGalleryDatabase(storage as unknown as GalleryStorage);
  useGalleryStore.setState({ status: 'loading', entries: [], problem: null });
  await loadGallery();
});

describe('gallery store', () => {
  it('keeps a result that storage refuses, says so, and saves it once room is freed', async () => {
    expect(await addToGallery(item('a', 1))).toBe(true);
    expect(await addToGallery(item('b', 2))).toBe(true);
    expect(await addToGallery(item('c', 3))).toBe(false);
    const state = useGalleryStore.getState();
    expect(state.entries.map((e) => [e.id, e.persisted])).toEqual([['c', false], ['b', true], ['a', true]]);
    expect(state.problem).toMatchObject({ kind: 'quota', message: expect.stringMatching(/no room left/) });

    await removeFromGallery('a');
    expect(useGalleryStore.getState().entries.map((e) => [e.id, e.persisted])).toEqual([['c', true], ['b', true]]);
    expect(useGalleryStore.getState().problem).toBeNull();
    expect([...storage.items.keys()].sort()).toEqual(['b', 'c']);
  });

  it('a reload lists what was stored, newest first; clear all empties it', async () => {
    await addToGallery(item('a', 1));
    await addToGallery(item('b', 2));
    useGalleryStore.setState({ entries: [] });
    await loadGallery();
    expect(useGalleryStore.getState().entries.map((e) => e.id)).toEqual(['b', 'a']);
    await clearGallery();
    expect(useGalleryStore.getState().entries).toEqual([]);
    expect(storage.items.size).toBe(0);
  });
});
