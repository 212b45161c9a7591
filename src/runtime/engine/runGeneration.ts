/**
 * One generation (docs/architecture.md §4): text encoder → prelude K/V and blob masks once; per step UNet
 * segment s → masked cross-attention s → … → fused CFG + sampler step; then the decoder → RGBA.
 * With ORT on WebGPU tensors stay on the GPU from the text encoder to the decoder; the only
 * per-step sync is waiting for the queue, so progress is honest and a cancel lands within a step.
 */
import { GUIDANCE_MAX, GUIDANCE_MIN, guidanceSchema, STEPS_MAX, STEPS_MIN, stepsSchema } from '../../engine/samplingSettings';
import { planSampling, type SamplerName } from '../../engine/schedulers/samplers';
import type { SegmentTokenizer } from '../../engine/segmentTokens';
import type { MaskedCrossAttention } from '../../gpu/attention/MaskedCrossAttention';
import type { BufferLedger, GpuMemoryTracker } from '../../gpu/bufferLedger';
import type { LatentBlendKernel } from '../../gpu/latent-blend/LatentBlendKernel';
import type { BlobMaskRasterizer } from '../../gpu/masks/BlobMaskRasterizer';
import type { CfgStepKernel } from '../../gpu/sampler-step/CfgStepKernel';
import type { OrtBackend } from '../ortGraph';
import type { PackSpec } from '../pack/packSpec';
import type { Graphs } from './engineGraphs';
import type { GenerateRequest, GenerateResult, StepProgress } from './engineTypes';
import { SamplingRun } from './samplingRun';
import { StageClock } from './timings';

/** What a generation needs from the loaded engine. */
export interface RunContext {
  spec: PackSpec;
  device: GPUDevice;
  backend: OrtBackend;
  ledger: BufferLedger;
  graphs: Graphs;
  tokenizer: SegmentTokenizer;
  kernelMemory: GpuMemoryTracker;
  rasterizer: BlobMaskRasterizer;
  attention: MaskedCrossAttention;
  stepKernel: CfgStepKernel;
  blendKernel: LatentBlendKernel;
  lostError(): Error | null;
  oomMessage(): string | null;
}

/** The sampling trajectory a generation records, and the one a local edit blends against. */
export interface TrajectoryIo {
  /** Receives the latent after every step: float32 [steps, latent size]. */
  record: GPUBuffer;
  /** Blended sampling (src/engine/localEdit.ts): the previous trajectory and the per-pixel weight of the new sample. */
  reference?: { buffer: GPUBuffer; weights: Float32Array };
}

/** A request's sampler, steps and guidance with the pack's defaults filled in, validated. */
export function resolveSampling(spec: PackSpec, request: Pick<GenerateRequest, 'sampler' | 'steps' | 'guidance'>): { sampler: SamplerName; steps: number; guidance: number } {
  const sampler = request.sampler ?? spec.scheduler.defaultSampler;
  const offered = spec.scheduler.samplers;
  if (!offered.includes(sampler)) throw new RangeError(`sampler must be one of ${offered.join(', ')} for the pack "${spec.name}", got ${String(sampler)}`);
  const steps = request.steps ?? spec.scheduler.defaultSteps;
  if (!stepsSchema.safeParse(steps).success) throw new RangeError(`steps must be an integer in ${STEPS_MIN}..${STEPS_MAX}, got ${steps}`);
  const guidance = request.guidance ?? spec.scheduler.defaultGuidance;
  if (!Number.isFinite(guidance)) throw new RangeError(`guidance must be a finite number, got ${guidance}`);
  if (!guidanceSchema.safeParse(guidance).success) throw new RangeError(`guidance must be in ${GUIDANCE_MIN}..${GUIDANCE_MAX}, got ${guidance}`);
  return { sampler, steps, guidance };
}

export async function runGeneration(
  ctx: RunContext,
  request: GenerateRequest,
  options: { onStep?: (p: StepProgress) => void; signal?: AbortSignal; trajectory?: TrajectoryIo },
): Promise<Omit<GenerateResult, 'localEdit'>> {
  const { sampler, steps, guidance } = resolveSampling(ctx.spec, request);
  const started = performance.now();
  ctx.ledger.resetPeak();
  const clock = new StageClock(ctx.device, request.profile === true);
  const sampling = planSampling(ctx.spec.scheduler, sampler, steps);
  const run = new SamplingRun(ctx, request, options, clock, sampling);
  try {
    await run.setUp(guidance);
    for (const step of sampling.steps) await run.step(step);
    const image = await clock.time('decodeMs', () => run.decode(run.sample));
    clock.timings.totalMs = performance.now() - started;
    return {
      image,
      seed: request.seed,
      steps: sampling.steps.length,
      guidance,
      sampler,
      timings: clock.timings,
      truncated: run.tokens.truncated,
      blobCount: run.plan.maskBlobs.length,
      hiddenBlobs: run.plan.hiddenBlobs,
      peakGpuBytes: ctx.ledger.peakBytes,
      backend: ctx.backend,
    };
  } finally {
    run.dispose();
  }
}
