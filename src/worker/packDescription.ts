/**
 * What the studio needs to know about a pack before (and besides) generating: its defaults, its
 * tokenizer and token limit (token counter), its attention-site resolutions and mask mode (mask
 * view) and its colour vocabulary (fidelity readout). Read only here, in the worker, through the
 * runtime's own manifest parser and verified fetch, so the counter uses exactly the tokenizer file
 * the engine does; the studio gets it from the answer to `info` or `load`.
 */
import type { SamplerName } from '../engine/schedulers/samplers';
import type { SegmentFraming } from '../engine/segmentTokens';
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
  /** Samplers the pack offers (manifest `scheduler.samplers`), its default first. */
  samplers: SamplerName[];
  /**
   * The pack's tokenizer file (parsed JSON), its per-segment token limit and how a segment is
   * framed (our [CLS] packs, or CLIP's [BOS] … [EOS] + padding): the counter builds the engine's
   * own SegmentTokenizer from exactly these, so it cuts every text where the engine does.
   */
  tokenizer: { vocabulary: object; maxTokens: number; framing: SegmentFraming };
  conditioning: PackConditioning;
  /** Previews come from a cheap preview decoder (TAESD) rather than the full decoder. */
  previewDecoder: boolean;
  /** Distinct site resolutions, largest first (a UNet visits most twice: down and up). */
  sites: SiteResolution[];
  mask: { mode: MaskMode; featherWidth?: number };
  colours?: Record<string, readonly [number, number, number]>;
  /** What the pack can paint (manifest `domain.summary`), for prompts and placeholders. */
  summary?: string;
  /** The most blobs the pack was trained or tuned for (manifest `conditioning.maxBlobs`). */
  maxBlobs?: number;
}

/**
 * How guidance works in this pack: `cfg` = classifier-free guidance (two UNet items per step);
 * `embedding` = the guidance scale goes into the UNet as an embedding, no CFG (LCM);
 * `none` = guidance is not used at all (SD-Turbo: one item, no embedding).
 */
export type GuidanceUse = 'cfg' | 'embedding' | 'none';

export interface PackConditioning {
  mode: PackSpec['conditioning']['mode'];
  /** The unconditional item's text can be set (the "negative caption"). */
  negativeCaption: boolean;
  guidance: GuidanceUse;
}

export function guidanceUse(spec: Pick<PackSpec, 'conditioning' | 'unet' | 'scheduler'>): GuidanceUse {
  if (spec.conditioning.classifierFreeGuidance) return 'cfg';
  return spec.unet.timestepCond || spec.scheduler.samplers.includes('lcm') ? 'embedding' : 'none';
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
    samplers: [...spec.scheduler.samplers],
    tokenizer: { vocabulary: tokenizerVocabulary, maxTokens: spec.tokenizer.maxTokensPerSegment, framing: spec.tokenizer.framing },
    conditioning: { mode: spec.conditioning.mode, negativeCaption: spec.conditioning.negativeCaption, guidance: guidanceUse(spec) },
    previewDecoder: Boolean(spec.previewDecoder),
    sites: distinctSites(spec),
    mask: { mode: spec.conditioning.maskMode, ...(featherWidth ? { featherWidth } : {}) },
    ...(spec.colours ? { colours: spec.colours } : {}),
    ...(spec.domainSummary ? { summary: spec.domainSummary } : {}),
    ...(spec.conditioning.maxBlobs ? { maxBlobs: spec.conditioning.maxBlobs } : {}),
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
