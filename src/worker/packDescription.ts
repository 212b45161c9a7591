/**
 * What the studio needs to know about a pack before (and besides) generating: its defaults, its
 * tokenizer and token limit (token counter), its attention-site resolutions and mask mode (mask
 * view) and its colour vocabulary (fidelity readout). Read only here, in the worker, through the
 * runtime's own manifest parser and verified fetch, so the counter uses exactly the tokenizer file
 * the engine does; the studio gets it from the answer to `info` or `load`.
 */
import { SAMPLER_NAMES, type SamplerName } from '../engine/schedulers/samplers';
import { fetchManifest, packBaseUrl } from '../runtime/pack/loadPack';
import type { MaskMode, PackSpec } from '../runtime/pack/packSpec';
import { fetchVerified } from '../runtime/verifiedFetch';
import { InvalidManifestError } from '../runtime/errors';

export interface SiteResolution {
  height: number;
  width: number;
}

/** Structured-cloneable: it crosses the worker boundary as the answer to `info` (and inside `load`'s). */
export interface PackDescription {
  name: string;
  version: string;
  description: string;
  license: string;
  image: { width: number; height: number };
  defaults: { steps: number; guidance: number; sampler: SamplerName };
  /** Samplers this build offers for the pack, in the order to list them. */
  samplers: SamplerName[];
  /** The pack's tokenizer file (parsed JSON) and its per-segment token limit. */
  tokenizer: { vocabulary: object; maxTokens: number };
  /** Distinct site resolutions, largest first (a UNet visits most twice: down and up). */
  sites: SiteResolution[];
  mask: { mode: MaskMode; featherWidth?: number };
  colours?: Record<string, readonly [number, number, number]>;
}

export function distinctSites(spec: Pick<PackSpec, 'unet'>): SiteResolution[] {
  const seen = new Map<string, SiteResolution>();
  for (const s of spec.unet.sites) seen.set(`${s.height}x${s.width}`, { height: s.height, width: s.width });
  return [...seen.values()].sort((x, y) => y.height * y.width - x.height * x.width);
}

export function describePack(spec: PackSpec, tokenizerVocabulary: object): PackDescription {
  const { featherWidth } = spec.conditioning;
  return {
    name: spec.name,
    version: spec.version,
    description: spec.description,
    license: spec.license,
    image: spec.image,
    defaults: { steps: spec.scheduler.defaultSteps, guidance: spec.scheduler.defaultGuidance, sampler: spec.scheduler.defaultSampler },
    samplers: [...SAMPLER_NAMES],
    tokenizer: { vocabulary: tokenizerVocabulary, maxTokens: spec.tokenizer.maxTokensPerSegment },
    sites: distinctSites(spec),
    mask: { mode: spec.conditioning.maskMode, ...(featherWidth ? { featherWidth } : {}) },
    ...(spec.colours ? { colours: spec.colours } : {}),
  };
}

/** Reads the manifest and the tokenizer file (small; the model itself loads on `load`). */
export async function readPackDescription(packUrl: string, signal?: AbortSignal): Promise<PackDescription> {
  const baseUrl = packBaseUrl(packUrl, self.location.href);
  const spec = await fetchManifest(baseUrl, signal);
  const entry = spec.files.find((f) => f.path === spec.tokenizer.file);
  if (!entry) throw new InvalidManifestError(`files: the manifest does not list the tokenizer ${spec.tokenizer.file} with its size and SHA-256.`);
  const { bytes } = await fetchVerified({ url: new URL(entry.path, baseUrl).href, sha256: entry.sha256, bytes: entry.bytes, path: entry.path }, { signal });
  return describePack(spec, JSON.parse(new TextDecoder().decode(bytes)) as object);
}
