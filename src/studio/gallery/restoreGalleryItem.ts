import { parseLayoutJson } from '../../layout/layoutJson';
import type { LayoutDocument } from '../../layout/types';
import { applyEmbeddedSettings } from '../settings/settingsStore';
import type { GalleryEntry } from './galleryStore';

export type RestoreOutcome = { ok: true; warnings: string[] } | { ok: false; message: string };

/**
 * "Restore this layout": the stored Layout JSON goes through the same importer as a file (stored
 * data may be old or damaged), then the layout and the item's settings (seed locked) are applied.
 */
export function restoreGalleryItem(entry: Pick<GalleryEntry, 'layoutJson' | 'settings'>, restoreLayout: (document: LayoutDocument) => void): RestoreOutcome {
  const parsed = parseLayoutJson(entry.layoutJson);
  if (!parsed.ok) return { ok: false, message: `This item’s layout cannot be restored: ${parsed.errors.join('; ')}` };
  restoreLayout(parsed.document);
  return { ok: true, warnings: [...parsed.warnings, ...applyEmbeddedSettings(entry.settings)] };
}
