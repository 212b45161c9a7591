/** Public shapes of the engine's requests, progress and results (shared with the worker protocol). */
import type { SamplerName } from '../../engine/schedulers/samplers';
import type { TruncationReport } from '../../engine/segmentTokens';
import type { LayoutDocument } from '../../layout/types';
import type { OrtBackend } from '../ortGraph';
import type { PackLoadProgress } from '../pack/loadPack';
import type { RgbaImage } from './imageOutput';
import type { GenerationTimings } from './timings';

export interface GenerateRequest {
  layout: LayoutDocument;
  seed: number;
  steps?: number;
  guidance?: number;
  sampler?: SamplerName;
  /** Text of the unconditional item, for packs whose manifest allows one (Stable Diffusion); "" by default. */
  negativeCaption?: string;
  /** Decode x̂0 every n steps as a preview (0 = never). Costs one decoder run and readback. */
  previewEvery?: number;
  /** Wait for the GPU after every stage so the timing breakdown is exact (slower). */
  profile?: boolean;
  /**
   * Test/debug hook: copies named tensors of the first sampling step to the CPU as they appear
   * (pool names such as "site1_q", "site1_attn", "model_output", the prelude's K/V, plus
   * "latent_after" = x after the first step). Costs a readback per tensor; leave unset normally.
   */
  /**
   * Local edit: if the previous generation on this engine used the same seed, steps, guidance
   * and sampler, regenerate only where its layout and this one differ and keep its sampling
   * trajectory elsewhere (src/engine/localEdit.ts). Otherwise a normal generation; the result
   * says which happened.
   */
  localEdit?: boolean;
  capture?: { names: readonly string[]; onTensor: (name: string, data: Float32Array, dims: readonly number[]) => void };
}

export interface StepProgress {
  step: number;
  steps: number;
  timestep: number;
  preview?: RgbaImage;
}

export interface GenerateResult {
  image: RgbaImage;
  seed: number;
  steps: number;
  guidance: number;
  sampler: SamplerName;
  timings: GenerationTimings;
  truncated: TruncationReport[];
  blobCount: number;
  hiddenBlobs: number;
  /** Peak bytes in GPU buffers (ours and ORT's) during this generation. */
  peakGpuBytes: number;
  /** Where ORT ran the graphs. */
  backend: OrtBackend;
  /** Present when a local edit was asked for: whether it was applied, and why not. */
  localEdit?: LocalEditOutcome;
}

export type LocalEditOutcome = { applied: true; regions: number } | { applied: false; reason: string };

/** One attention site's blob masks as the engine rasterises them on the GPU, read back. */
export interface SiteMaskReadback {
  height: number;
  width: number;
  /** float32 [generated (non-hidden) blobs, height, width], row-major, in layout order. */
  masks: Float32Array;
}

export type LoadStage = { stage: 'download'; progress: PackLoadProgress } | { stage: 'compile'; graph: string; index: number; count: number };

export interface EngineMemory {
  /** All live GPU buffers on the engine's device (ours and ORT's). */
  liveBytes: number;
  liveBuffers: number;
  peakBytes: number;
  /** Buffers our own kernels and loop hold. */
  kernelBytes: number;
}
