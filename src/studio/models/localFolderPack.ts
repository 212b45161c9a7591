/**
 * A pack picked as a local folder (a directory input): its files by pack-relative path, its
 * manifest checked, and the local address it is stored under (never fetched: the pack store
 * answers for it by that URL, in the main thread and the worker).
 */
import { sha256 } from 'hash-wasm';
import { parseManifestText } from '../../runtime/pack/loadPack';

export interface LocalFolderPack {
  baseUrl: string;
  label: string;
  manifestText: string;
  files: Map<string, File>;
}

/** `webkitRelativePath` is "<folder>/<path>"; the pack's paths are relative to the folder. */
export async function readLocalFolderPack(picked: readonly File[]): Promise<LocalFolderPack> {
  const files = new Map<string, File>();
  let folder = '';
  for (const file of picked) {
    const relative = file.webkitRelativePath || file.name;
    const slash = relative.indexOf('/');
    folder ||= slash > 0 ? relative.slice(0, slash) : '';
    files.set(slash > 0 ? relative.slice(slash + 1) : relative, file);
  }
  const manifest = files.get('manifest.json');
  if (!manifest) throw new Error(`The folder${folder ? ` “${folder}”` : ''} has no manifest.json at its top level, so it is not a model pack. Pick the pack’s own folder.`);
  const text = await manifest.text();
  const spec = parseManifestText(text, `${folder || 'the folder'}/manifest.json`);
  const id = `${spec.name.replace(/[^a-z0-9._-]+/gi, '-').slice(0, 60)}-${(await sha256(text)).slice(0, 12)}`;
  return { baseUrl: new URL(`${import.meta.env.BASE_URL}local-packs/${id}/`, location.href).href, label: folder || spec.name, manifestText: text, files };
}
