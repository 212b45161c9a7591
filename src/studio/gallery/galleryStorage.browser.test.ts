import { describe, expect, it } from 'vitest';
import { GalleryStorage } from './galleryStorage';
import type { GalleryItem } from './galleryItem';

function item(id: string, createdAt: number): GalleryItem {
  return {
    id,
    createdAt,
    layoutJson: '{"format":"blobgen-layout","version":1,"caption":"","blobs":[]}',
    settings: { seed: createdAt, steps: 20, guidance: 3, sampler: 'ddim' },
    image: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }),
    thumbnail: new Blob([new Uint8Array([4])], { type: 'image/png' }),
  };
}

describe('GalleryStorage (real IndexedDB)', () => {
  it('persists items across instances, newest first, with delete and clear', async () => {
    const name = `gallery-test-${crypto.randomUUID()}`;
    const first = new GalleryStorage(name);
    await first.add(item('a', 1));
    await first.add(item('b', 2));
    const reopened = new GalleryStorage(name);
    const listed = await reopened.list();
    expect(listed.items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(new Uint8Array(await (listed.items[1]?.image ?? new Blob()).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    await reopened.remove('b');
    expect((await reopened.list()).items.map((i) => i.id)).toEqual(['a']);
    await reopened.clearAll();
    expect((await reopened.list()).items).toEqual([]);
  });

  it('skips damaged records without deleting them', async () => {
    const name = `gallery-test-${crypto.randomUUID()}`;
    const storage = new GalleryStorage(name);
    await storage.add(item('good', 1));
    await storage.add({ ...item('bad', 2), settings: { seed: -5 } } as unknown as GalleryItem);
    const listed = await storage.list();
    expect(listed.items.map((i) => i.id)).toEqual(['good']);
    expect(listed.skipped).toBe(1);
    expect((await new GalleryStorage(name).list()).skipped).toBe(1);
  });
});
