import { createStore, del, clear, entries, set, type UseStore } from 'idb-keyval';
import { storedGalleryItemSchema, type GalleryItem } from './galleryItem';

/** Raised when the browser refuses to store more; the item stays in memory and nothing else is touched. */
export class GalleryQuotaError extends Error {
  override name = 'GalleryQuotaError';
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22);
}

export interface GalleryLoadResult {
  items: GalleryItem[];
  /** Records that could not be read; they are left in storage untouched. */
  skipped: number;
}

/** Gallery persistence in its own IndexedDB database, separate from the autosaved layout. */
export class GalleryStorage {
  private readonly store: UseStore;

  constructor(databaseName = 'blobgen-gallery') {
    this.store = createStore(databaseName, 'items');
  }

  async add(item: GalleryItem): Promise<void> {
    try {
      await set(item.id, item, this.store);
    } catch (error) {
      if (isQuotaError(error)) {
        throw new GalleryQuotaError(
          'The browser has no room left to keep this image in the gallery. Download it, or delete older gallery items, then try again.',
        );
      }
      throw error;
    }
  }

  /** Newest first. Damaged records are counted, not deleted, so nothing is lost by reading. */
  async list(): Promise<GalleryLoadResult> {
    const items: GalleryItem[] = [];
    let skipped = 0;
    for (const [, value] of await entries<IDBValidKey, unknown>(this.store)) {
      const parsed = storedGalleryItemSchema.safeParse(value);
      if (parsed.success) items.push(parsed.data);
      else skipped++;
    }
    items.sort((x, y) => y.createdAt - x.createdAt);
    return { items, skipped };
  }

  remove(id: string): Promise<void> {
    return del(id, this.store);
  }

  clearAll(): Promise<void> {
    return clear(this.store);
  }
}
