/**
 * A stand-in for the inference worker in tests of the generation UX: it answers like the worker
 * (per-step progress with previews, cancel within one step, GenerationCancelledError) and paints
 * a flat image whose colour encodes the seed, so tests can tell results apart. Never used by the app.
 */
import tinyTokenizer from '../../engine/__fixtures__/tiny-tokenizer.json';
import type { LayoutDocument } from '../../layout/types';
import { GenerationCancelledError } from '../../runtime/errors';
import type { GenerateOptions, GenerateOutput, GenerateProgress, PackDescription, PackInfo } from '../../worker/protocol';
import type { StudioEngine } from '../run/studioEngine';

export const SCRIPTED_PACK: PackInfo = {
  name: 'scripted',
  version: '0',
  description: 'test double',
  license: 'MIT',
  image: { width: 16, height: 16 },
  defaults: { steps: 4, guidance: 3, sampler: 'ddim' },
  samplers: ['ddim', 'dpmpp-2m'],
  tokenizer: { vocabulary: tinyTokenizer, maxTokens: 6, framing: { kind: 'cls' } },
  conditioning: { mode: 'trained-blob', negativeCaption: false, guidance: 'cfg' },
  previewDecoder: false,
  sites: [
    { height: 8, width: 8 },
    { height: 4, width: 4 },
  ],
  mask: { mode: 'coverage' },
  device: 'none',
  softwareGpu: true,
  ortBackend: 'wasm',
  loadMs: 0,
};

/**
 * Like a Stable-Diffusion pack (docs/model-pack.md, training-free): a negative caption, CLIP
 * framing ([BOS] + words + [EOS], here on the tiny fixture with [CLS]/[SEP] standing in for
 * [BOS]/[EOS] and L = 6 standing in for 77), its own sampler list and defaults, a preview decoder,
 * and a non-square image size other than the trained pack's.
 */
export const SCRIPTED_SD_PACK: PackInfo = {
  ...SCRIPTED_PACK,
  name: 'scripted-sd',
  image: { width: 24, height: 16 },
  defaults: { steps: 6, guidance: 7.5, sampler: 'dpmpp-2m-karras' },
  samplers: ['dpmpp-2m-karras', 'euler', 'euler-ancestral'],
  tokenizer: { vocabulary: tinyTokenizer, maxTokens: 6, framing: { kind: 'clip', bosTokenId: 2, eosTokenId: 3, padTokenId: 0 } },
  conditioning: { mode: 'training-free', negativeCaption: true, guidance: 'cfg' },
  previewDecoder: true,
  mask: { mode: 'hard' },
};

/** Like an LCM pack: no negative caption, no CFG, guidance given to the model as an embedding. */
export const SCRIPTED_LCM_PACK: PackInfo = {
  ...SCRIPTED_SD_PACK,
  name: 'scripted-lcm',
  defaults: { steps: 4, guidance: 8.5, sampler: 'lcm' },
  samplers: ['lcm'],
  conditioning: { mode: 'training-free', negativeCaption: false, guidance: 'embedding' },
  previewDecoder: false,
};

export function seedColour(seed: number): [number, number, number] {
  return [seed & 255, (seed >> 8) & 255, (seed >> 16) & 255];
}

export function flatImage(width: number, height: number, rgb: readonly number[]) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) data.set([rgb[0] ?? 0, rgb[1] ?? 0, rgb[2] ?? 0, 255], p * 4);
  return { width, height, data };
}

export class ScriptedEngine implements StudioEngine {
  readonly requests: { layout: LayoutDocument; options: GenerateOptions }[] = [];
  loads = 0;
  private cancelFlag = false;
  /** Rejects the next `generate` with this error instead of producing an image. */
  failNext: Error | null = null;

  constructor(
    private readonly stepMs = 5,
    private readonly pack: PackInfo = SCRIPTED_PACK,
  ) {}

  infos = 0;

  info(): Promise<PackDescription> {
    this.infos++;
    const { device: _device, softwareGpu: _software, ortBackend: _backend, loadMs: _ms, ...description } = this.pack;
    return Promise.resolve(description);
  }

  load(): Promise<PackInfo> {
    this.loads++;
    return Promise.resolve(this.pack);
  }

  async generate(layout: LayoutDocument, options: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<GenerateOutput> {
    this.requests.push({ layout, options });
    this.cancelFlag = false;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    const steps = options.steps ?? this.pack.defaults.steps;
    const { width, height } = this.pack.image;
    for (let step = 1; step <= steps; step++) {
      await new Promise((resolve) => setTimeout(resolve, this.stepMs));
      if (this.cancelFlag) throw new GenerationCancelledError();
      const shade = Math.round((255 * step) / steps);
      onProgress?.({ stage: 'step', step, steps, timestep: 1000 - step, preview: flatImage(width, height, [shade, shade, shade]) });
    }
    return {
      image: flatImage(width, height, seedColour(options.seed)),
      seed: options.seed,
      steps,
      guidance: options.guidance ?? this.pack.defaults.guidance,
      sampler: options.sampler ?? this.pack.defaults.sampler,
      timings: {} as GenerateOutput['timings'],
      truncated: [],
      blobCount: layout.blobs.length,
      hiddenBlobs: 0,
      peakGpuBytes: 0,
      backend: 'wasm',
      // Like the engine: a local edit needs an earlier image; the double never repaints partially.
      ...(options.localEdit ? { localEdit: this.requests.length > 1 ? { applied: true as const, regions: 2 } : { applied: false as const, reason: 'there is no earlier image to edit' } } : {}),
    };
  }

  cancel(): Promise<{ cancelled: boolean }> {
    this.cancelFlag = true;
    return Promise.resolve({ cancelled: true });
  }
}
