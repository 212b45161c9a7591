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
  tokenizer: { vocabulary: tinyTokenizer, maxTokens: 6 },
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
