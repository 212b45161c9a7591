/**
 * The model manager's state and actions: each listed pack's facts and status (not downloaded,
 * downloading x %, paused, ready, failed, update available), downloads with pause (abort; what
 * arrived is kept), resume, cancel (what arrived is deleted) and delete, and the storage numbers.
 * Downloads run here in the main thread into the pack store; the worker reads committed packs
 * from the same store.
 */
import { create } from 'zustand';
import {
  beginPackRecord,
  deleteStoredPack,
  downloadPackToStore,
  formatMb,
  isAbortError,
  localFileSource,
  PACK_STORE_CHANNEL,
  storedBytesOf,
  type FileSource,
} from '../../runtime/packStore';
import { deleteLegacyModelCache } from '../../runtime/verifiedFetch';
import { useRunStore } from '../run/runStore';
import { entriesFor, inspectPack, type PackFacts } from './packInspection';
import { addPackToCatalog, chosenPackBaseUrl, choosePack, defaultPackBaseUrl, removePackFromCatalog, usePackCatalog } from './packCatalog';
import { TransferMeter, type TransferRate } from './transferRate';

export type PackStatus =
  | { kind: 'checking' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'not-downloaded'; storedBytes: number }
  | { kind: 'downloading'; loadedBytes: number; totalBytes: number; rate: TransferRate }
  | { kind: 'ready' }
  | { kind: 'update-available' }
  | { kind: 'failed'; message: string; storedBytes: number };

export interface PackRow {
  baseUrl: string;
  kind: 'default' | 'url' | 'folder';
  label: string;
  facts: PackFacts | null;
  status: PackStatus;
  /** The server's newer manifest, when an update is available (what Update downloads). */
  updateManifestText?: string | null;
}

export interface StorageNumbers {
  usage: number;
  quota: number;
  persisted: boolean | null;
}

interface ManagerState {
  rows: Record<string, PackRow>;
  storage: StorageNumbers | null;
  /** A line about storage persistence, shown once a large pack was added. */
  persistNote: string | null;
  /** Set when the default pack became ready on this device (first use or download). */
  defaultStoredNote: boolean;
}

export const usePackManager = create<ManagerState>(() => ({ rows: {}, storage: null, persistNote: null, defaultStoredNote: false }));

/** Packs at or above this size ask the browser to keep the site's storage (persist()). */
export const PERSIST_ABOVE_BYTES = 200 * 1e6;

const downloads = new Map<string, AbortController>();
/** Files picked for folder packs in this session (a reload needs the folder picked again). */
const folderSources = new Map<string, FileSource>();

function setRow(baseUrl: string, change: Partial<PackRow>): void {
  const rows = usePackManager.getState().rows;
  const row = rows[baseUrl];
  if (!row) return;
  usePackManager.setState({ rows: { ...rows, [baseUrl]: { ...row, ...change } } });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function refreshStorage(): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return;
  const estimate = await navigator.storage.estimate().catch(() => null);
  const persisted = navigator.storage.persisted ? await navigator.storage.persisted().catch(() => null) : null;
  if (estimate) usePackManager.setState({ storage: { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted } });
}

/** Every listed pack: the default, then the added ones, in the catalog's order. */
function listedPacks(): Pick<PackRow, 'baseUrl' | 'kind' | 'label'>[] {
  return [{ baseUrl: defaultPackBaseUrl(), kind: 'default', label: 'Built-in default' }, ...usePackCatalog.getState().added];
}

export async function refreshPack(baseUrl: string): Promise<void> {
  if (downloads.has(baseUrl)) return; // its progress is the status
  try {
    const inspection = await inspectPack(baseUrl, usePackManager.getState().rows[baseUrl]?.kind === 'folder');
    const { facts, stored } = inspection;
    const committed = stored?.commit ? new Set(stored.commit.files.map((f) => f.sha256)) : null;
    const complete = committed !== null && facts.entries.every((e) => committed.has(e.sha256.toLowerCase()));
    let status: PackStatus;
    if (inspection.updateAvailable) status = { kind: 'update-available' };
    else if (complete) status = { kind: 'ready' };
    else if (facts.unsupported) status = { kind: 'unavailable', message: facts.unsupported };
    else status = { kind: 'not-downloaded', storedBytes: stored ? await storedBytesOf(facts.entries) : 0 };
    const previous = usePackManager.getState().rows[baseUrl]?.status;
    setRow(baseUrl, { facts, updateManifestText: inspection.serverManifestText, status: previous?.kind === 'failed' && status.kind === 'not-downloaded' ? { ...previous, storedBytes: status.storedBytes } : status });
  } catch (error) {
    setRow(baseUrl, { status: { kind: 'failed', message: message(error), storedBytes: 0 } });
  }
}

export async function refreshAll(): Promise<void> {
  const previous = usePackManager.getState().rows;
  const listed = listedPacks();
  const rows = Object.fromEntries(listed.map((p): [string, PackRow] => [p.baseUrl, previous[p.baseUrl] ?? { ...p, facts: null, status: { kind: 'checking' } }]));
  usePackManager.setState({ rows });
  await Promise.all(listed.map((p) => refreshPack(p.baseUrl)));
  await refreshStorage();
}

async function requestPersistence(sizeBytes: number): Promise<void> {
  if (sizeBytes < PERSIST_ABOVE_BYTES || !navigator.storage?.persist) return;
  const granted = await navigator.storage.persist().catch(() => false);
  usePackManager.setState({
    persistNote: granted
      ? `This pack is large (${formatMb(sizeBytes)}), so the app asked the browser to keep its storage even when the disk runs low; the browser agreed.`
      : `This pack is large (${formatMb(sizeBytes)}). The app asked the browser to keep its storage when the disk runs low, and the browser declined: it may delete stored packs under pressure (they can be downloaded again). Installing the app usually allows it.`,
  });
}

export async function addPackByUrl(baseUrl: string): Promise<void> {
  addPackToCatalog({ baseUrl, label: new URL(baseUrl).host + new URL(baseUrl).pathname, kind: 'url' });
  await refreshAll();
  const facts = usePackManager.getState().rows[baseUrl]?.facts;
  if (facts) await requestPersistence(facts.sizeBytes);
}

/** A pack from a folder the person picked: copied into the store (verified) under a local address. */
export async function addPackFromFolder(baseUrl: string, label: string, manifestText: string, files: ReadonlyMap<string, File>): Promise<void> {
  folderSources.set(baseUrl, localFileSource(files));
  // The store holds its manifest from now on: the folder's address is never fetched.
  await beginPackRecord(baseUrl, manifestText, label);
  addPackToCatalog({ baseUrl, label, kind: 'folder' });
  await refreshAll();
}

export async function downloadPack(baseUrl: string): Promise<void> {
  const row = usePackManager.getState().rows[baseUrl];
  const facts = row?.facts;
  if (!row || !facts || downloads.has(baseUrl)) return;
  if (facts.unsupported) return setRow(baseUrl, { status: { kind: 'unavailable', message: facts.unsupported } });
  const source = row.kind === 'folder' ? folderSources.get(baseUrl) : undefined;
  if (row.kind === 'folder' && !source) {
    return setRow(baseUrl, { status: { kind: 'failed', message: 'The files of this folder pack are no longer at hand: add the folder again.', storedBytes: 0 } });
  }
  const controller = new AbortController();
  downloads.set(baseUrl, controller);
  const meter = new TransferMeter();
  setRow(baseUrl, { status: { kind: 'downloading', loadedBytes: 0, totalBytes: facts.sizeBytes, rate: { bytesPerSecond: 0, etaSeconds: null } } });
  await requestPersistence(facts.sizeBytes);
  try {
    const text = (row.status.kind === 'update-available' ? row.updateManifestText : null) ?? facts.manifestText;
    // An update is inspected against the new manifest (its files may differ).
    const entries = text === facts.manifestText ? facts.entries : await entriesFor(text, baseUrl);
    await downloadPackToStore({
      baseUrl,
      manifestText: text,
      entries,
      packName: facts.name,
      label: row.label,
      signal: controller.signal,
      ...(source ? { source } : {}),
      onProgress: (p) =>
        setRow(baseUrl, {
          status: { kind: 'downloading', loadedBytes: p.packLoadedBytes, totalBytes: p.packTotalBytes, rate: meter.sample(performance.now(), p.fetchedBytes, p.packTotalBytes - p.packLoadedBytes) },
        }),
    });
    downloads.delete(baseUrl);
    if (baseUrl === defaultPackBaseUrl()) usePackManager.setState({ defaultStoredNote: true });
    await refreshPack(baseUrl);
  } catch (error) {
    downloads.delete(baseUrl);
    if (isAbortError(error)) await refreshPack(baseUrl); // paused or cancelled: the store says what is kept
    else setRow(baseUrl, { status: { kind: 'failed', message: message(error), storedBytes: await storedBytesOf(facts.entries).catch(() => 0) } });
  }
  await refreshStorage();
}

export function pauseDownload(baseUrl: string): void {
  downloads.get(baseUrl)?.abort();
}

/** Stops a download and deletes what it stored. */
export async function cancelDownload(baseUrl: string): Promise<void> {
  const controller = downloads.get(baseUrl);
  controller?.abort();
  downloads.delete(baseUrl);
  await deleteStoredPack(baseUrl);
  await refreshPack(baseUrl);
  await refreshStorage();
}

/** Deletes the pack's stored files (its space is freed); added packs stay listed unless `forget`. */
export async function deletePack(baseUrl: string, forget: boolean): Promise<void> {
  downloads.get(baseUrl)?.abort();
  downloads.delete(baseUrl);
  await deleteStoredPack(baseUrl);
  if (forget) {
    removePackFromCatalog(baseUrl);
    folderSources.delete(baseUrl);
  }
  await refreshAll();
}

/** The chosen pack is what Generate uses: the engine loads it on the next Generate. */
export function choosePackForGenerate(baseUrl: string): void {
  if (chosenPackBaseUrl() === baseUrl) return;
  choosePack(baseUrl);
  useRunStore.setState({ engine: { status: 'unloaded' } });
}

let listening = false;
/** Refreshes when the worker (or another tab) stores or deletes a pack. */
export function listenToPackStore(): () => void {
  if (listening || typeof BroadcastChannel === 'undefined') return () => undefined;
  listening = true;
  void deleteLegacyModelCache();
  const channel = new BroadcastChannel(PACK_STORE_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as { kind?: unknown; baseUrl?: unknown } | null;
    if (typeof data?.baseUrl !== 'string' || !usePackManager.getState().rows[data.baseUrl]) return;
    if (data.kind === 'committed' && data.baseUrl === defaultPackBaseUrl()) usePackManager.setState({ defaultStoredNote: true });
    void refreshPack(data.baseUrl).then(refreshStorage);
  };
  return () => {
    channel.close();
    listening = false;
  };
}
