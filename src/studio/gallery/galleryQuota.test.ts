import { describe, expect, it, vi } from 'vitest';

// Storage being full cannot be produced on demand in a real browser, so the IndexedDB layer is
// replaced by one that refuses writes the way browsers do.
vi.mock('idb-keyval', () => ({
  createStore: () => () => Promise.resolve(),
  set: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
  del: vi.fn(),
  clear: vi.fn(),
  entries: vi.fn(),
}));

const { GalleryStorage, GalleryQuotaError } = await import('./galleryStorage');

describe('GalleryStorage when storage is full', () => {
  it('raises a GalleryQuotaError that tells the user what to do', async () => {
    const storage = new GalleryStorage('full');
    const item = {
      id: 'x',
      createdAt: 1,
      layoutJson: '{}',
      settings: { seed: 1, steps: 1, guidance: 1, sampler: 'ddim' },
      image: new Blob(),
      thumbnail: new Blob(),
    };
    const attempt = storage.add(item);
    await expect(attempt).rejects.toBeInstanceOf(GalleryQuotaError);
    await expect(attempt).rejects.toThrow(/no room left.*Download it, or delete older gallery items/);
  });
});
