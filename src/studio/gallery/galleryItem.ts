import { z } from 'zod';
import { embeddedSettingsSchema } from '../../png/layoutPngMetadata';

/**
 * One generated result as the gallery keeps it. The layout is kept as Layout JSON v1 text so a
 * restore goes through the same importer (and its checks) as a file would.
 */
export interface GalleryItem {
  id: string;
  createdAt: number;
  layoutJson: string;
  settings: z.infer<typeof embeddedSettingsSchema>;
  /** The full-size PNG, with the layout embedded. */
  image: Blob;
  thumbnail: Blob;
}

/** What we accept back from IndexedDB: stored data may come from an older build or be damaged. */
export const storedGalleryItemSchema = z.object({
  id: z.string().min(1).max(128),
  createdAt: z.number().finite(),
  layoutJson: z.string().max(2 * 1024 * 1024),
  settings: embeddedSettingsSchema,
  image: z.instanceof(Blob),
  thumbnail: z.instanceof(Blob),
});
