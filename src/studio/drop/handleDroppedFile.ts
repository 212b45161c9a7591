/**
 * Acting on a classified drop: the one place where a dropped PNG's layout and settings are
 * applied. The app's drop handler calls this instead of importing the file directly.
 */
import type { LayoutDocument } from '../../layout/types';
import { applyEmbeddedSettings } from '../settings/settingsStore';
import { classifyDroppedFile } from './classifyDroppedFile';

export type DropNoticeTone = 'error' | 'warning' | 'success';

export interface DropHandlers {
  /** The editor's importer for layout files (JSON / LLM text); it reports its own outcome. */
  importLayoutFile: (file: File) => Promise<boolean> | boolean;
  /** Replaces the document as one undoable step. */
  restoreLayout: (document: LayoutDocument) => void;
  notify: (tone: DropNoticeTone, title: string, details: string[]) => void;
}

/** Returns whether anything was imported. */
export async function handleDroppedFile(file: File, handlers: DropHandlers): Promise<boolean> {
  const route = await classifyDroppedFile(file);
  if (route.kind === 'layout-text') return handlers.importLayoutFile(file);
  if (route.kind === 'refused') {
    handlers.notify('error', route.title, route.details);
    return false;
  }
  handlers.restoreLayout(route.document);
  const warnings = [...route.warnings, ...applyEmbeddedSettings(route.settings)];
  const blobs = route.document.blobs.length === 1 ? '1 blob' : `${route.document.blobs.length} blobs`;
  const { seed, steps, guidance, sampler } = route.settings;
  handlers.notify(
    warnings.length > 0 ? 'warning' : 'success',
    `Restored ${blobs} and the settings from ${route.source} (seed ${seed}, locked).`,
    [`${steps} steps · guidance ${guidance} · ${sampler}`, ...warnings],
  );
  return true;
}
