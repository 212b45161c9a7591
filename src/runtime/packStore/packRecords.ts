/**
 * What the store knows about each pack, in OPFS under packs/<id>/ (id = a hash of the pack's base
 * URL, so any URL maps to a safe folder name):
 *
 *   source.json    where the pack comes from (base URL, label, when it was added)
 *   manifest.json  the manifest text the download works from
 *   commit.json    written LAST, after every listed file verified: the commit marker. A pack
 *                  without it, or whose manifest no longer hashes to the one it names, is not ready.
 */
import { sha256 } from 'hash-wasm';
import { z } from 'zod';
import { discardFile, storedFileHashes } from './fileChunks';
import { entryNames, fileIn, removeEntry, storeRoot, subdir, writeFile } from './opfs';

const fileRef = z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });
export type StoredFileRef = z.infer<typeof fileRef>;

const commitSchema = z.object({
  schema: z.literal(1),
  baseUrl: z.string().min(1),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(fileRef),
  committedAt: z.number(),
});
export type PackCommit = z.infer<typeof commitSchema>;

const sourceSchema = z.object({
  schema: z.literal(1),
  baseUrl: z.string().min(1),
  label: z.string().max(200).optional(),
  addedAt: z.number(),
});
export type PackSource = z.infer<typeof sourceSchema>;

/** Only the file hashes of a manifest (enough to know which stored files a pack uses). */
const manifestFiles = z.object({ files: z.array(z.object({ sha256: z.string() })) });

export interface StoredPack {
  id: string;
  source: PackSource;
  manifestText: string | null;
  /** Present only when complete and verified (and the manifest still matches it). */
  commit: PackCommit | null;
}

export async function packId(baseUrl: string): Promise<string> {
  return (await sha256(baseUrl)).slice(0, 32);
}

async function packsDir(create: boolean) {
  return subdir(await storeRoot(), 'packs', create);
}

async function readJson<T>(dir: FileSystemDirectoryHandle, name: string, schema: z.ZodType<T>): Promise<T | null> {
  const file = await fileIn(dir, name);
  if (!file) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(await file.text()));
    return parsed.success ? parsed.data : null; // unreadable records count as absent
  } catch {
    return null;
  }
}

async function readPack(id: string, dir: FileSystemDirectoryHandle): Promise<StoredPack | null> {
  const source = await readJson(dir, 'source.json', sourceSchema);
  if (!source) return null;
  const manifestText = (await (await fileIn(dir, 'manifest.json'))?.text()) ?? null;
  let commit = await readJson(dir, 'commit.json', commitSchema);
  if (commit && (manifestText === null || (await sha256(manifestText)) !== commit.manifestSha256 || commit.baseUrl !== source.baseUrl)) commit = null;
  return { id, source, manifestText, commit };
}

export async function readStoredPack(baseUrl: string): Promise<StoredPack | null> {
  const packs = await packsDir(false);
  if (!packs) return null;
  const id = await packId(baseUrl);
  const dir = await subdir(packs, id, false);
  return dir ? readPack(id, dir) : null;
}

export async function listStoredPacks(): Promise<StoredPack[]> {
  const packs = await packsDir(false);
  if (!packs) return [];
  const out: StoredPack[] = [];
  for (const id of await entryNames(packs)) {
    const dir = await subdir(packs, id, false);
    const pack = dir ? await readPack(id, dir) : null;
    if (pack) out.push(pack);
  }
  return out;
}

/**
 * Starts (or continues) a pack's record. A different manifest than the stored one (a new pack
 * version) withdraws the old commit first: the pack is not ready until the new files verified.
 */
export async function beginPackRecord(baseUrl: string, manifestText: string, label?: string): Promise<void> {
  const packs = await packsDir(true);
  if (!packs) throw new Error('the pack store folder could not be created');
  const id = await packId(baseUrl);
  const dir = await subdir(packs, id, true);
  if (!dir) throw new Error('the pack folder could not be created');
  const existing = await readPack(id, dir);
  if (existing?.manifestText !== manifestText) {
    await removeEntry(dir, 'commit.json');
    await writeFile(dir, 'manifest.json', manifestText);
  }
  if (!existing || (label !== undefined && existing.source.label !== label)) {
    const source: PackSource = { schema: 1, baseUrl, addedAt: existing?.source.addedAt ?? Date.now(), ...(label !== undefined ? { label } : {}) };
    await writeFile(dir, 'source.json', JSON.stringify(source));
  }
}

/** The commit marker: written only after every file in `files` verified. Adds to an existing commit of the same manifest (another precision variant). */
export async function commitPack(baseUrl: string, manifestText: string, files: StoredFileRef[]): Promise<PackCommit> {
  const packs = await packsDir(true);
  const dir = packs ? await subdir(packs, await packId(baseUrl), true) : null;
  if (!dir) throw new Error('the pack folder could not be created');
  const manifestSha256 = await sha256(manifestText);
  const previous = await readJson(dir, 'commit.json', commitSchema);
  const byPath = new Map((previous?.manifestSha256 === manifestSha256 ? previous.files : []).map((f) => [f.path, f]));
  for (const f of files) byPath.set(f.path, f);
  const commit: PackCommit = { schema: 1, baseUrl, manifestSha256, files: [...byPath.values()], committedAt: Date.now() };
  await writeFile(dir, 'commit.json', JSON.stringify(commit));
  return commit;
}

/** Withdraws a pack's commit (a stored file failed its re-check): it is downloaded again. */
export async function withdrawCommit(baseUrl: string): Promise<void> {
  const packs = await packsDir(false);
  const dir = packs ? await subdir(packs, await packId(baseUrl), false) : null;
  if (dir) await removeEntry(dir, 'commit.json');
}

/** Deletes a pack's record and every stored file no remaining pack uses (its space is freed). */
export async function deleteStoredPack(baseUrl: string): Promise<void> {
  const packs = await packsDir(false);
  if (!packs) return;
  await removeEntry(packs, await packId(baseUrl));
  const used = new Set<string>();
  for (const pack of await listStoredPacks()) {
    if (pack.manifestText === null) continue;
    try {
      const parsed = manifestFiles.safeParse(JSON.parse(pack.manifestText));
      if (parsed.success) for (const f of parsed.data.files) used.add(f.sha256.toLowerCase());
    } catch {
      // an unreadable manifest keeps nothing alive
    }
  }
  for (const sha of await storedFileHashes()) if (!used.has(sha)) await discardFile(sha);
}
