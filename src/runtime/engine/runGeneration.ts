/**
 * One generation (design.md §4): text encoder → prelude K/V and blob masks once; per step UNet
 * segment s → masked cross-attention s → … → fused CFG + sampler step; then the decoder → RGBA.
 * With ORT on WebGPU tensors stay on the GPU from the text encoder to the decoder; the only
 * per-step sync is waiting for the queue, so progress is honest and a cancel lands within a step.
 */
import { planGeneration } from '../../engine/generationPlan';
import { initialLatent } from '../../engine/rng';
import { planSampling, SAMPLER_NAMES, type SamplerName } from '../../engine/schedulers/samplers';
import type { SegmentTokenizer } from '../../engine/segmentTokens';
import type { BlobMaskRasterizer, BlobMaskSet } from '../../gpu/BlobMaskRasterizer';
import type { GpuMemoryTracker } from '../../gpu/GpuMemoryTracker';
import { siteMasks, type AttentionPlan, type MaskedCrossAttention } from '../../gpu/MaskedCrossAttention';
import { GenerationCancelledError, InvalidManifestError, OutOfGpuMemoryError } from '../errors';
import type { CfgStepKernel } from '../gpu/CfgStepKernel';
import type { BlendPlan, LatentBlendKernel } from '../gpu/LatentBlendKernel';
import type { BufferLedger } from '../gpu/bufferLedger';
import { disposeTensor, gpuTensorFromBuffer, type FeedTensor, type OrtBackend } from '../ortGraph';
import type { PackSpec } from '../pack/packSpec';
import { decodeLatent, type DecodeContext } from './decodeLatent';
import type { Graphs } from './engineGraphs';
import type { GenerateRequest, GenerateResult, StepProgress } from './engineTypes';
import { cpuFloats, gpuBufferOf, readBufferFloats, toCpuTensor } from './tensorBridge';
import { encodeText, type TextConditioning } from './textConditioning';
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
  if (!SAMPLER_NAMES.includes(sampler)) throw new RangeError(`sampler must be one of ${SAMPLER_NAMES.join(', ')}, got ${String(sampler)}`);
  const steps = request.steps ?? spec.scheduler.defaultSteps;
  const guidance = request.guidance ?? spec.scheduler.defaultGuidance;
  if (!Number.isFinite(guidance)) throw new RangeError(`guidance must be a finite number, got ${guidance}`);
  return { sampler, steps, guidance };
}

export async function runGeneration(
  ctx: RunContext,
  request: GenerateRequest,
  options: { onStep?: (p: StepProgress) => void; signal?: AbortSignal; trajectory?: TrajectoryIo },
): Promise<Omit<GenerateResult, 'localEdit'>> {
  const { spec, device } = ctx;
  const { sampler, steps, guidance } = resolveSampling(spec, request);
  const cancelled = () => {
    if (options.signal?.aborted) throw new GenerationCancelledError();
    const lost = ctx.lostError();
    if (lost) throw lost;
  };
  const started = performance.now();
  ctx.ledger.resetPeak();
  const clock = new StageClock(device, request.profile === true);
  const sampling = planSampling(spec.scheduler, sampler, steps);
  const plan = planGeneration(request.layout);
  const onGpu = ctx.backend === 'webgpu';
  const decodeContext: DecodeContext = { spec, device, backend: ctx.backend, decoder: ctx.graphs.decoder, kernelMemory: ctx.kernelMemory };

  const [C, H, W] = spec.latentShape;
  const count = C * H * W;
  const batch = 2; // CFG: item 0 unconditional, item 1 conditional (contracts.md §3)
  const latentDims = [batch, C, H, W];
  const mem = ctx.kernelMemory;
  const owned: GPUBuffer[] = [];
  const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const alloc = (label: string, size: number) => {
    const buffer = mem.createBuffer(device, { label, size: Math.max(16, Math.ceil(size / 16) * 16), usage: storage });
    owned.push(buffer);
    return buffer;
  };
  const attentionPlans: AttentionPlan[] = [];
  const stepOutputs = new Map<string, FeedTensor>();
  let text: TextConditioning | null = null;
  let masks: BlobMaskSet | null = null;
  let stepUniforms: GPUBuffer | null = null;
  let blendUniforms: GPUBuffer | null = null;
  try {
    text = await clock.time('textMs', () => encodeText(spec, ctx.tokenizer, ctx.graphs, plan));
    const tokens = text.tokens;
    const keyValues = text.keyValues;
    const tokenCounts = Array.from(tokens.tokenCounts);
    const maskSet = (masks = await clock.time('masksMs', () =>
      ctx.rasterizer.rasterize(
        plan.maskBlobs,
        spec.unet.sites.map((s) => ({ height: s.height, width: s.width })),
        { mode: spec.conditioning.maskMode, featherWidth: spec.conditioning.featherWidth },
      ),
    ));
    cancelled();

    // Per-image state reused by every step: attention tables and buffers, latent, uniforms.
    const pool = new Map<string, FeedTensor>();
    for (const [name, tensor] of keyValues) pool.set(name, tensor);
    const wanted = new Set(request.capture?.names ?? []);
    const capture = async (name: string, tensor: FeedTensor | undefined) => {
      if (!request.capture || !wanted.has(name) || !tensor) return;
      const cpu = await toCpuTensor(tensor);
      request.capture.onTensor(name, Float32Array.from(cpu.data as Float32Array), cpu.dims);
    };
    for (const [name, tensor] of keyValues) await capture(name, tensor);
    const sites = spec.unet.sites.map((site, s) => {
      const pixels = site.height * site.width;
      const channels = site.heads * site.headDim;
      attentionPlans.push(
        ctx.attention.plan({
          batch,
          pixels,
          heads: site.heads,
          headDim: site.headDim,
          segments: tokens.segmentCount,
          tokensPerSegment: tokens.maxTokens,
          tokenCounts,
          items: plan.items,
          masks: siteMasks(maskSet, s),
        }),
      );
      const kv = (name: string) => {
        const t = keyValues.get(name);
        if (!t) throw new InvalidManifestError(`attention site ${s}: the prelude produced no "${name}".`);
        // K/V are uploaded once per image when ORT runs on the CPU.
        return gpuBufferOf(device, t, t.kind === 'gpu' ? null : alloc(`${name} upload`, t.data.byteLength));
      };
      const result = alloc(`attention result ${s}`, batch * pixels * channels * 4);
      const resultDims = [batch, pixels, channels];
      if (onGpu) pool.set(site.result, gpuTensorFromBuffer(device, result, resultDims));
      return { site, plan: attentionPlans[s] as AttentionPlan, k: kv(site.key), v: kv(site.value), result, resultDims, qScratch: onGpu ? null : alloc(`query upload ${s}`, batch * pixels * channels * 4) };
    });
    const noise = initialLatent(request.seed, [1, C, H, W]);
    const sampleData = new Float32Array(batch * count);
    for (let k = 0; k < batch; k++) sampleData.set(noise, k * count);
    const sample = alloc('latent sample', sampleData.byteLength);
    device.queue.writeBuffer(sample, 0, sampleData);
    pool.set(spec.unet.sampleInput, onGpu ? gpuTensorFromBuffer(device, sample, latentDims) : cpuFloats(sampleData, latentDims));
    const prevX0 = alloc('previous x0', count * 4);
    const modelOutScratch = onGpu ? null : alloc('model output upload', batch * count * 4);
    const uniforms = ctx.stepKernel.uploadSteps(count, guidance, true, sampling.steps.map((s) => s.coefficients));
    stepUniforms = uniforms.buffer;
    const trajectory = options.trajectory;
    if (trajectory && trajectory.record.size < sampling.steps.length * count * 4) throw new RangeError('the trajectory buffer is smaller than steps × latent size');
    let blend: { plan: BlendPlan; reference: GPUBuffer; weights: GPUBuffer } | null = null;
    if (trajectory?.reference) {
      const { buffer: reference, weights } = trajectory.reference;
      if (weights.length !== H * W) throw new RangeError(`local-edit weights have ${weights.length} values for a ${H}×${W} latent`);
      const weightBuffer = alloc('local edit weights', weights.byteLength);
      device.queue.writeBuffer(weightBuffer, 0, weights.buffer, weights.byteOffset, weights.byteLength);
      const plan = ctx.blendKernel.plan(sampling.steps.length, count, H * W, batch);
      blendUniforms = plan.uniforms;
      blend = { plan, reference, weights: weightBuffer };
    }

    for (const step of sampling.steps) {
      cancelled();
      const stepStart = performance.now();
      pool.set(spec.unet.timestepInput, cpuFloats(new Float32Array(batch).fill(step.timestep), [batch]));
      for (const [s, segmentSpec] of spec.unet.segments.entries()) {
        const feeds: Record<string, FeedTensor> = {};
        for (const name of segmentSpec.inputs) {
          const tensor = pool.get(name);
          if (!tensor) throw new InvalidManifestError(`UNet segment ${s} reads "${name}", which no earlier graph produces.`);
          feeds[name] = tensor;
        }
        const graph = ctx.graphs.segments[s];
        if (!graph) throw new InvalidManifestError(`UNet segment ${s} has no graph`);
        const outputs = await clock.time('unetSegmentsMs', () => graph.run(feeds));
        for (const [name, tensor] of Object.entries(outputs)) {
          const old = stepOutputs.get(name);
          if (old) disposeTensor(old);
          stepOutputs.set(name, tensor);
          pool.set(name, tensor);
          if (step.index === 0) await capture(name, tensor);
        }
        const site = sites[s];
        if (site) {
          const q = pool.get(site.site.query);
          if (!q) throw new InvalidManifestError(`UNet segment ${s} did not produce the query "${site.site.query}" of attention site ${s}.`);
          await clock.time('attentionMs', async () => {
            const encoder = device.createCommandEncoder({ label: `attention site ${s}` });
            const qBuffer = gpuBufferOf(device, q, site.qScratch);
            ctx.attention.encode(encoder, site.plan, { q: qBuffer, k: site.k, v: site.v, output: site.result });
            device.queue.submit([encoder.finish()]);
            if (!onGpu) {
              const data = await readBufferFloats(device, site.result, site.resultDims.reduce((a, b) => a * b, 1));
              pool.set(site.site.result, cpuFloats(data, site.resultDims));
            }
          });
          if (step.index === 0) await capture(site.site.result, pool.get(site.site.result));
        }
        if (options.signal?.aborted) break; // stop mid-step; cancelled() below throws
      }
      cancelled();
      const modelOut = pool.get(spec.unet.output);
      if (!modelOut) throw new InvalidManifestError(`the last UNet segment did not produce "${spec.unet.output}".`);
      await clock.time('stepKernelMs', async () => {
        const encoder = device.createCommandEncoder({ label: 'cfg step' });
        const outBuffer = gpuBufferOf(device, modelOut, modelOutScratch);
        ctx.stepKernel.encode(encoder, uniforms, step.index, count, { modelOut: outBuffer, sample, prevX0 });
        if (blend) ctx.blendKernel.encode(encoder, blend.plan, step.index, count, { sample, reference: blend.reference, weights: blend.weights });
        if (trajectory) encoder.copyBufferToBuffer(sample, 0, trajectory.record, step.index * count * 4, count * 4);
        device.queue.submit([encoder.finish()]);
        if (!onGpu) pool.set(spec.unet.sampleInput, cpuFloats(await readBufferFloats(device, sample, batch * count), latentDims));
      });
      for (const [name, tensor] of stepOutputs) {
        disposeTensor(tensor);
        pool.delete(name);
      }
      stepOutputs.clear();
      if (step.index === 0 && wanted.has('latent_after')) {
        request.capture?.onTensor('latent_after', await readBufferFloats(device, sample, count), [1, C, H, W]);
      }
      // One sync per step keeps progress honest and lets a cancel land within a step.
      await device.queue.onSubmittedWorkDone();
      const oom = ctx.oomMessage();
      if (oom) throw new OutOfGpuMemoryError(oom);
      clock.timings.stepMs.push(performance.now() - stepStart);
      const isLast = step.index === sampling.steps.length - 1;
      const previewEvery = request.previewEvery ?? 0;
      const preview = previewEvery > 0 && !isLast && (step.index + 1) % previewEvery === 0 ? await decodeLatent(decodeContext, prevX0, 0) : undefined;
      options.onStep?.({ step: step.index + 1, steps: sampling.steps.length, timestep: step.timestep, ...(preview ? { preview } : {}) });
    }

    const image = await clock.time('decodeMs', () => decodeLatent(decodeContext, sample, 0));
    clock.timings.totalMs = performance.now() - started;
    return {
      image,
      seed: request.seed,
      steps: sampling.steps.length,
      guidance,
      sampler,
      timings: clock.timings,
      truncated: tokens.truncated,
      blobCount: plan.maskBlobs.length,
      hiddenBlobs: plan.hiddenBlobs,
      peakGpuBytes: ctx.ledger.peakBytes,
      backend: ctx.backend,
    };
  } finally {
    for (const tensor of stepOutputs.values()) disposeTensor(tensor);
    text?.dispose();
    masks?.destroy();
    for (const p of attentionPlans) p.destroy();
    stepUniforms?.destroy();
    blendUniforms?.destroy();
    for (const buffer of owned) mem.release(buffer);
  }
}
