/**
 * What the studio shows before (and besides) generating: the pack's defaults, its token limit and
 * tokenizer (for the token counter), its attention-site resolutions and mask mode (for the mask
 * view) and its colour vocabulary (for the fidelity readout). Read on the main thread from the
 * same manifest the worker loads, through the runtime's own manifest parser and verified fetch,
 * so the counter uses exactly the tokenizer file the engine does.
 */
import { SegmentTokenizer } from '../../engine/segmentTokens';
import { SAMPLER_NAMES } from '../../engine/schedulers/samplers';
import { fetchManifest, packBaseUrl } from '../../runtime/pack/loadPack';
import type { MaskMode, PackSpec } from '../../runtime/pack/packSpec';
import { fetchVerified } from '../../runtime/verifiedFetch';
import type { ColourVocabulary } from '../fidelity/colourFidelity';
import type { PackDefaults } from '../settings/settingsStore';

export interface SiteResolution {
  height: number;
  width: number;
}

export interface PackDetails {
  name: string;
  /** The URL the worker is asked to load (as given). */
  packUrl: string;
  image: { width: number; height: number };
  defaults: PackDefaults;
  maxTokens: number;
  tokenizer: SegmentTokenizer;
  /** Distinct site resolutions, largest first (a UNet visits most twice: down and up). */
  sites: SiteResolution[];
  mask: { mode: MaskMode; featherWidth?: number };
  colours?: ColourVocabulary;
}

export function distinctSites(spec: Pick<PackSpec, 'unet'>): SiteResolution[] {
  const seen = new Map<string, SiteResolution>();
  for (const s of spec.unet.sites) seen.set(`${s.height}x${s.width}`, { height: s.height, width: s.width });
  return [...seen.values()].sort((x, y) => y.height * y.width - x.height * x.width);
}

export async function loadPackDetails(packUrl: string, signal?: AbortSignal): Promise<PackDetails> {
  const baseUrl = packBaseUrl(packUrl, location.href);
  const spec = await fetchManifest(baseUrl, signal);
  const entry = spec.files.find((f) => f.path === spec.tokenizer.file);
  if (!entry) throw new Error(`The pack manifest does not list ${spec.tokenizer.file} with its hash.`);
  const { bytes } = await fetchVerified({ url: new URL(entry.path, baseUrl).href, sha256: entry.sha256, bytes: entry.bytes, path: entry.path }, { signal });
  const tokenizer = new SegmentTokenizer(JSON.parse(new TextDecoder().decode(bytes)) as object, spec.tokenizer.maxTokensPerSegment);
  return {
    name: spec.name,
    packUrl,
    image: spec.image,
    defaults: {
      steps: spec.scheduler.defaultSteps,
      guidance: spec.scheduler.defaultGuidance,
      sampler: spec.scheduler.defaultSampler,
      samplers: SAMPLER_NAMES,
    },
    maxTokens: spec.tokenizer.maxTokensPerSegment,
    tokenizer,
    sites: distinctSites(spec),
    mask: { mode: spec.conditioning.maskMode, ...(spec.conditioning.featherWidth ? { featherWidth: spec.conditioning.featherWidth } : {}) },
    ...(spec.colours ? { colours: spec.colours } : {}),
  };
}
