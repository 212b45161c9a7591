/**
 * What the model manager shows about a pack before anything is downloaded: from its manifest
 * (the stored copy when there is one, else the server's) and this device's adapter.
 */
import { MAX_SEGMENTS } from '../../layout/limits';
import { fetchManifestFromServer, parseManifestText, runtimeFiles } from '../../runtime/pack/loadPack';
import type { PackFileEntry, PackSpec } from '../../runtime/pack/packSpec';
import { largestAttentionBinding, selectVariant } from '../../runtime/pack/selectVariant';
import { formatMb, probeDeviceCapabilities, readStoredPack, type StoredPack } from '../../runtime/packStore';

export interface PackFacts {
  name: string;
  version: string;
  license: string;
  description: string;
  /** What it knows (the manifest's domain summary). */
  knows: string;
  /** Bytes this device downloads (the runtime files of the variant it runs). */
  sizeBytes: number;
  requirements: string[];
  /** Why this device cannot run it, or null. */
  unsupported: string | null;
  manifestText: string;
  entries: PackFileEntry[];
}

export interface Inspection {
  facts: PackFacts;
  stored: StoredPack | null;
  /** The server has a different manifest than the stored, committed one. */
  updateAvailable: boolean;
  /** The server's manifest, when an update is available (what Update downloads). */
  serverManifestText: string | null;
}


async function factsOf(spec: PackSpec, manifestText: string): Promise<PackFacts> {
  const device = await probeDeviceCapabilities();
  const variants = Object.entries(spec.variants);
  const requirements = [
    'WebGPU',
    variants.length > 0 ? `precision: ${variants.map(([name, v]) => (v.requiresShaderF16 ? `${name} (needs shader-f16)` : name)).join(' or ')}` : 'fp32',
    `a GPU buffer of ${formatMb(largestAttentionBinding(spec, MAX_SEGMENTS).bytes)}`,
  ];
  let unsupported: string | null = null;
  let runSpec = spec;
  if (!device) unsupported = 'This browser has no WebGPU adapter, so it cannot run model packs. Use a recent Chrome or Edge with WebGPU on.';
  else {
    const choice = selectVariant(spec, device, MAX_SEGMENTS);
    if (choice.ok) runSpec = choice.spec;
    else unsupported = choice.message;
  }
  const entries = runtimeFiles(runSpec);
  return {
    name: spec.name,
    version: spec.version,
    license: spec.license,
    description: spec.description,
    knows: spec.domainSummary ?? '',
    sizeBytes: entries.reduce((s, e) => s + e.bytes, 0),
    requirements,
    unsupported,
    manifestText,
    entries,
  };
}

/** `localOnly`: a folder pack, which exists only in the store (its address is never fetched). */
export async function inspectPack(baseUrl: string, localOnly = false): Promise<Inspection> {
  const stored = await readStoredPack(baseUrl).catch(() => null);
  let server: { text: string; spec: PackSpec } | null = null;
  let serverError: unknown = new Error('This folder pack is no longer stored on this device: add the folder again.');
  if (!localOnly) {
    try {
      server = await fetchManifestFromServer(baseUrl);
    } catch (error) {
      serverError = error;
    }
  }
  const storedText = stored?.manifestText ?? null;
  // Offline, or a folder pack: the stored manifest is the pack.
  if (!server) {
    if (storedText === null) throw serverError;
    return { facts: await factsOf(parseManifestText(storedText, baseUrl), storedText), stored, updateAvailable: false, serverManifestText: null };
  }
  const updateAvailable = Boolean(stored?.commit) && storedText !== null && storedText !== server.text;
  const basis = stored?.commit && storedText !== null ? { spec: parseManifestText(storedText, baseUrl), text: storedText } : server;
  return { facts: await factsOf(basis.spec, basis.text), stored, updateAvailable, serverManifestText: updateAvailable ? server.text : null };
}

/** The files this device downloads for a given manifest text (an update's new manifest). */
export async function entriesFor(manifestText: string, baseUrl: string): Promise<PackFileEntry[]> {
  return (await factsOf(parseManifestText(manifestText, baseUrl), manifestText)).entries;
}
