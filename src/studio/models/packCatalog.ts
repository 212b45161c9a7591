/**
 * The packs the person added (by URL or from a folder) and the one they chose, kept in
 * localStorage (zod-checked on the way in: it is stored input). The built-in default pack is
 * always listed and is used when nothing was chosen. The chosen pack is what Generate uses
 * (src/shell/usePackFromUrl.ts reads it).
 */
import { z } from 'zod';
import { create } from 'zustand';
import { env } from '../../config/env';
import { packBaseUrl } from '../../runtime/pack/loadPack';

export const CATALOG_KEY = 'blobgen-model-packs';
export const MAX_ADDED_PACKS = 50;

const entrySchema = z.object({ baseUrl: z.url(), label: z.string().max(200), kind: z.enum(['url', 'folder']) });
export type AddedPack = z.infer<typeof entrySchema>;
const catalogSchema = z.object({ version: z.literal(1), added: z.array(entrySchema).max(MAX_ADDED_PACKS), chosen: z.url().nullable() });
type Catalog = z.infer<typeof catalogSchema>;

function read(): Catalog {
  try {
    const text = typeof localStorage === 'undefined' ? null : localStorage.getItem(CATALOG_KEY);
    const parsed = text === null ? null : catalogSchema.safeParse(JSON.parse(text));
    if (parsed?.success) return parsed.data;
  } catch {
    // unreadable: start from the default pack
  }
  return { version: 1, added: [], chosen: null };
}

function write(catalog: Catalog): void {
  try {
    localStorage.setItem(CATALOG_KEY, JSON.stringify(catalog));
  } catch {
    // Storage full or off: the choice still holds for this session.
  }
}

export function defaultPackBaseUrl(): string {
  return packBaseUrl(env.defaultPackUrl, location.href);
}

export const usePackCatalog = create<Catalog>(() => read());

function update(change: (c: Catalog) => Catalog): void {
  const next = change(usePackCatalog.getState());
  usePackCatalog.setState(next, true);
  write(next);
}

export function addPackToCatalog(entry: AddedPack): void {
  update((c) => ({ ...c, added: [...c.added.filter((e) => e.baseUrl !== entry.baseUrl), entry].slice(-MAX_ADDED_PACKS) }));
}

export function removePackFromCatalog(baseUrl: string): void {
  update((c) => ({ ...c, added: c.added.filter((e) => e.baseUrl !== baseUrl), chosen: c.chosen === baseUrl ? null : c.chosen }));
}

export function choosePack(baseUrl: string): void {
  update((c) => ({ ...c, chosen: baseUrl === defaultPackBaseUrl() ? null : baseUrl }));
}

/** The chosen pack's base URL (the default when none, or when the chosen one was removed). */
export function chosenPackBaseUrl(catalog: Catalog = usePackCatalog.getState()): string {
  return catalog.chosen ?? defaultPackBaseUrl();
}
