/**
 * One generation's GPU state and its three phases: set-up (text, masks, attention tables, latent,
 * uniforms), one sampler step (UNet segments with masked cross-attention between them, then the
 * fused CFG + sampler step), and release. Tensors cross between ORT and our kernels only through
 * the TensorBackend, so nothing here depends on where ORT runs.
 */
import { entryStrengthsAtStep, hasBlobWeights } from '../../engine/blobWeights';
import { planGeneration, type GenerationPlan } from '../../engine/generationPlan';
import { SeededNoise } from '../../engine/rng';
import { guidanceEmbedding } from '../../engine/schedulers/guidanceEmbedding';
import type { SamplerStep, SamplingPlan } from '../../engine/schedulers/samplers';
import type { SegmentTokens } from '../../engine/segmentTokens';
import { siteMasks, type AttentionPlan } from '../../gpu/attention/MaskedCrossAttention';
import type { BlendPlan } from '../../gpu/latent-blend/LatentBlendKernel';
import type { BlobMaskSet } from '../../gpu/masks/BlobMaskRasterizer';
import { readBufferFloats } from '../../gpu/readback';
import type { StepUniforms } from '../../gpu/sampler-step/CfgStepKernel';
import { GenerationCancelledError, InvalidManifestError, OutOfGpuMemoryError } from '../errors';
import { disposeTensor, type FeedTensor } from '../ortGraph';
import type { AttentionSiteSpec } from '../pack/packSpec';
import { decodeLatent } from './decodeLatent';
import type { GenerateRequest, StepProgress } from './engineTypes';
import type { RgbaImage } from './imageOutput';
import type { RunContext, TrajectoryIo } from './runGeneration';
import { createTensorBackend, cpuFloats, toCpuTensor, type TensorBackend } from './tensorBackend';
import { encodeText, type TextConditioning } from './textConditioning';
import type { StageClock } from './timings';

const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;

interface SiteState {
  site: AttentionSiteSpec;
  plan: AttentionPlan;
  k: GPUBuffer;
  v: GPUBuffer;
  result: GPUBuffer;
  resultDims: number[];
}

interface RunOptions {
  onStep?: (p: StepProgress) => void;
  signal?: AbortSignal;
  trajectory?: TrajectoryIo;
}

export class SamplingRun {
  readonly plan: GenerationPlan;
  readonly tensors: TensorBackend;
  private readonly count: number;
  private readonly latentDims: number[];
  private readonly owned: GPUBuffer[] = [];
  private readonly attentionPlans: AttentionPlan[] = [];
  /** Every tensor a graph may read, by name: K/V, the latent, the timestep, segment outputs, attention results. */
  private readonly pool = new Map<string, FeedTensor>();
  private readonly stepOutputs = new Map<string, FeedTensor>();
  private readonly wanted: Set<string>;
  private text: TextConditioning | null = null;
  private masks: BlobMaskSet | null = null;
  private sites: SiteState[] = [];
  /** The entry strengths last written to the attention plans (per-blob strength and active steps), as a key. */
  private strengthsKey = '';
  /** Some blob has a strength or active steps: the entry table may change between steps. */
  private readonly weighted: boolean;
  private uniforms: StepUniforms | null = null;
  private blend: { plan: BlendPlan; reference: GPUBuffer; weights: GPUBuffer } | null = null;
  private sampleBuffer: GPUBuffer | null = null;
  private prevX0Buffer: GPUBuffer | null = null;
  /** This step's fresh noise for stochastic samplers (bound, never read, for the others). */
  private noiseBuffer: GPUBuffer | null = null;
  /** The seeded stream: the initial latent first, then one draw per stochastic step (contracts.md §5). */
  private readonly noise: SeededNoise;
  /** CFG batch items: 2 (unconditional, conditional) or 1 for packs sampled without guidance. */
  private readonly batch: number;

  constructor(
    private readonly ctx: RunContext,
    private readonly request: GenerateRequest,
    private readonly options: RunOptions,
    private readonly clock: StageClock,
    private readonly sampling: SamplingPlan,
  ) {
    const { conditioning } = ctx.spec;
    this.plan = planGeneration(request.layout, {
      negativeCaption: conditioning.negativeCaption ? (request.negativeCaption ?? '') : '',
      classifierFreeGuidance: conditioning.classifierFreeGuidance,
    });
    this.batch = this.plan.items.length;
    this.weighted = hasBlobWeights(this.plan.maskBlobs);
    this.noise = new SeededNoise(request.seed);
    this.tensors = createTensorBackend(ctx.backend, ctx.device, ctx.kernelMemory);
    const [C, H, W] = ctx.spec.latentShape;
    this.count = C * H * W;
    this.latentDims = [this.batch, C, H, W];
    this.wanted = new Set(request.capture?.names ?? []);
  }

  get tokens(): SegmentTokens {
    if (!this.text) throw new Error('SamplingRun: set-up has not run');
    return this.text.tokens;
  }

  /** The latent x (item 0 of the CFG batch): the final image is decoded from offset 0. */
  get sample(): GPUBuffer {
    if (!this.sampleBuffer) throw new Error('SamplingRun: set-up has not run');
    return this.sampleBuffer;
  }

  /** Throws when the request was cancelled or the device was lost. */
  checkCancelled(): void {
    if (this.options.signal?.aborted) throw new GenerationCancelledError();
    const lost = this.ctx.lostError();
    if (lost) throw lost;
  }

  private alloc(label: string, size: number): GPUBuffer {
    const buffer = this.ctx.kernelMemory.createBuffer(this.ctx.device, { label, size: Math.max(16, Math.ceil(size / 16) * 16), usage: STORAGE });
    this.owned.push(buffer);
    return buffer;
  }

  private async capture(name: string, tensor: FeedTensor | undefined): Promise<void> {
    const capture = this.request.capture;
    if (!capture || !this.wanted.has(name) || !tensor) return;
    const cpu = await toCpuTensor(tensor);
    capture.onTensor(name, Float32Array.from(cpu.data as Float32Array), cpu.dims);
  }

  /** Per-image work: text K/V and blob masks once, then the buffers every step reuses. */
  async setUp(guidance: number): Promise<void> {
    const { ctx, clock } = this;
    const text = (this.text = await clock.time('textMs', () => encodeText(ctx.spec, ctx.tokenizer, ctx.graphs, this.plan)));
    const maskSet = (this.masks = await clock.time('masksMs', () =>
      ctx.rasterizer.rasterize(
        this.plan.maskBlobs,
        ctx.spec.unet.sites.map((s) => ({ height: s.height, width: s.width })),
        { mode: ctx.spec.conditioning.maskMode, featherWidth: ctx.spec.conditioning.featherWidth },
      ),
    ));
    this.checkCancelled();
    for (const [name, tensor] of text.keyValues) this.pool.set(name, tensor);
    for (const [name, tensor] of text.keyValues) await this.capture(name, tensor);
    this.sites = ctx.spec.unet.sites.map((site, s) => this.setUpSite(site, s, maskSet));
    await this.setUpLatent();
    this.uniforms = ctx.stepKernel.uploadSteps(this.count, guidance, this.batch === 2, this.sampling.steps.map((s) => s.coefficients));
    this.setUpTimestepCond(guidance);
    this.setUpTrajectory();
  }

  private setUpSite(site: AttentionSiteSpec, s: number, maskSet: BlobMaskSet): SiteState {
    const { tokens, keyValues } = this.text as TextConditioning;
    const pixels = site.height * site.width;
    const channels = site.heads * site.headDim;
    const plan = this.ctx.attention.plan({
      batch: this.batch,
      pixels,
      heads: site.heads,
      headDim: site.headDim,
      segments: tokens.segmentCount,
      tokensPerSegment: tokens.maxTokens,
      tokenCounts: Array.from(tokens.tokenCounts),
      items: this.plan.items,
      masks: siteMasks(maskSet, s),
    });
    this.attentionPlans.push(plan);
    const kv = (name: string) => {
      const tensor = keyValues.get(name);
      if (!tensor) throw new InvalidManifestError(`attention site ${s}: the prelude produced no "${name}".`);
      return this.tensors.kernelInput(tensor, `${name} upload`); // once per image
    };
    const result = this.alloc(`attention result ${s}`, this.batch * pixels * channels * 4);
    return { site, plan, k: kv(site.key), v: kv(site.value), result, resultDims: [this.batch, pixels, channels] };
  }

  /** Seeded N(0, 1) noise scaled by the plan's initNoiseScale, the same in every CFG item. */
  private async setUpLatent(): Promise<void> {
    const noise = this.noise.normals(this.count);
    const scale = this.sampling.initNoiseScale;
    if (scale !== 1) for (let i = 0; i < noise.length; i++) noise[i] = (noise[i] as number) * scale;
    const sampleData = new Float32Array(this.batch * this.count);
    for (let k = 0; k < this.batch; k++) sampleData.set(noise, k * this.count);
    const sample = (this.sampleBuffer = this.alloc('latent sample', sampleData.byteLength));
    this.ctx.device.queue.writeBuffer(sample, 0, sampleData);
    this.pool.set(this.ctx.spec.unet.sampleInput, await this.tensors.graphInput(sample, this.latentDims, sampleData));
    this.prevX0Buffer = this.alloc('previous x0', this.count * 4);
    this.noiseBuffer = this.alloc('step noise', this.sampling.usesNoise ? this.count * 4 : 16);
  }

  /** LCM: the guidance scale enters as an embedding on the UNet's timestep_cond input, every step the same. */
  private setUpTimestepCond(guidance: number): void {
    const cond = this.ctx.spec.unet.timestepCond;
    if (!cond) return;
    const embedding = guidanceEmbedding(guidance, cond.dim);
    const data = new Float32Array(this.batch * cond.dim);
    for (let k = 0; k < this.batch; k++) data.set(embedding, k * cond.dim);
    this.pool.set(cond.input, cpuFloats(data, [this.batch, cond.dim]));
  }

  private setUpTrajectory(): void {
    const trajectory = this.options.trajectory;
    const steps = this.sampling.steps.length;
    if (trajectory && trajectory.record.size < steps * this.count * 4) throw new RangeError('the trajectory buffer is smaller than steps × latent size');
    if (!trajectory?.reference) return;
    const [, H, W] = this.ctx.spec.latentShape;
    const { buffer: reference, weights } = trajectory.reference;
    if (weights.length !== H * W) throw new RangeError(`local-edit weights have ${weights.length} values for a ${H}×${W} latent`);
    const weightBuffer = this.alloc('local edit weights', weights.byteLength);
    this.ctx.device.queue.writeBuffer(weightBuffer, 0, weights.buffer, weights.byteOffset, weights.byteLength);
    this.blend = { plan: this.ctx.blendKernel.plan(steps, this.count, H * W, this.batch), reference, weights: weightBuffer };
  }

  /** One sampler step: every UNet segment (and the attention site after it), then CFG + the step kernel. */
  async step(step: SamplerStep): Promise<void> {
    const { ctx } = this;
    this.checkCancelled();
    const stepStart = performance.now();
    this.pool.set(ctx.spec.unet.timestepInput, cpuFloats(new Float32Array(this.batch).fill(step.timestep), [this.batch]));
    this.applyBlobWeights(step.index);
    // Drawn in step order, only for steps that add noise, so the stream matches the reference sampler.
    if (step.usesNoise) ctx.device.queue.writeBuffer(this.noiseBuffer as GPUBuffer, 0, this.noise.normals(this.count));
    for (const s of ctx.spec.unet.segments.keys()) {
      await this.runSegment(s, step.index === 0);
      if (this.options.signal?.aborted) break; // stop mid-step; checkCancelled() below throws
    }
    this.checkCancelled();
    await this.clock.time('stepKernelMs', () => this.samplerStep(step.index));
    for (const [name, tensor] of this.stepOutputs) {
      disposeTensor(tensor);
      this.pool.delete(name);
    }
    this.stepOutputs.clear();
    if (step.index === 0 && this.wanted.has('latent_after')) {
      const [C, H, W] = ctx.spec.latentShape;
      this.request.capture?.onTensor('latent_after', await this.readLatent(), [1, C, H, W]);
    }
    // One sync per step keeps progress honest and lets a cancel land within a step.
    await ctx.device.queue.onSubmittedWorkDone();
    const oom = ctx.oomMessage();
    if (oom) throw new OutOfGpuMemoryError(oom);
    this.clock.timings.stepMs.push(performance.now() - stepStart);
    await this.reportStep(step);
  }

  /**
   * Per-blob strength and active steps: rewrite the attention plans' entry strengths when they
   * change (at most a few times per run), never an extra UNet pass. All-default layouts skip it.
   */
  private applyBlobWeights(stepIndex: number): void {
    if (!this.weighted) return;
    const strengths = entryStrengthsAtStep(this.plan, stepIndex, this.sampling.steps.length);
    const key = strengths.map((item) => item.join(',')).join(';');
    if (key === this.strengthsKey) return;
    this.strengthsKey = key;
    for (const site of this.sites) this.ctx.attention.setStrengths(site.plan, strengths);
  }

  private async runSegment(s: number, firstStep: boolean): Promise<void> {
    const segmentSpec = this.ctx.spec.unet.segments[s];
    const graph = this.ctx.graphs.segments[s];
    if (!segmentSpec || !graph) throw new InvalidManifestError(`UNet segment ${s} has no graph`);
    const feeds: Record<string, FeedTensor> = {};
    for (const name of segmentSpec.inputs) {
      const tensor = this.pool.get(name);
      if (!tensor) throw new InvalidManifestError(`UNet segment ${s} reads "${name}", which no earlier graph produces.`);
      feeds[name] = tensor;
    }
    const outputs = await this.clock.time('unetSegmentsMs', () => graph.run(feeds));
    for (const [name, tensor] of Object.entries(outputs)) {
      const old = this.stepOutputs.get(name);
      if (old) disposeTensor(old);
      this.stepOutputs.set(name, tensor);
      this.pool.set(name, tensor);
      if (firstStep) await this.capture(name, tensor);
    }
    const site = this.sites[s];
    if (!site) return;
    await this.clock.time('attentionMs', () => this.attend(site, s));
    if (firstStep) await this.capture(site.site.result, this.pool.get(site.site.result));
  }

  private async attend(site: SiteState, s: number): Promise<void> {
    const { device } = this.ctx;
    const q = this.pool.get(site.site.query);
    if (!q) throw new InvalidManifestError(`UNet segment ${s} did not produce the query "${site.site.query}" of attention site ${s}.`);
    const encoder = device.createCommandEncoder({ label: `attention site ${s}` });
    const qBuffer = this.tensors.kernelInput(q, `query upload ${s}`);
    this.ctx.attention.encode(encoder, site.plan, { q: qBuffer, k: site.k, v: site.v, output: site.result });
    device.queue.submit([encoder.finish()]);
    this.pool.set(site.site.result, await this.tensors.graphInput(site.result, site.resultDims));
  }

  private async samplerStep(index: number): Promise<void> {
    const { ctx, count } = this;
    const modelOut = this.pool.get(ctx.spec.unet.output);
    if (!modelOut) throw new InvalidManifestError(`the last UNet segment did not produce "${ctx.spec.unet.output}".`);
    const sample = this.sample;
    const encoder = ctx.device.createCommandEncoder({ label: 'cfg step' });
    const outBuffer = this.tensors.kernelInput(modelOut, 'model output upload');
    ctx.stepKernel.encode(encoder, this.uniforms as StepUniforms, index, count, { modelOut: outBuffer, sample, prevX0: this.prevX0Buffer as GPUBuffer, noise: this.noiseBuffer as GPUBuffer });
    const blend = this.blend;
    if (blend) ctx.blendKernel.encode(encoder, blend.plan, index, count, { sample, reference: blend.reference, weights: blend.weights });
    const trajectory = this.options.trajectory;
    if (trajectory) encoder.copyBufferToBuffer(sample, 0, trajectory.record, index * count * 4, count * 4);
    ctx.device.queue.submit([encoder.finish()]);
    this.pool.set(ctx.spec.unet.sampleInput, await this.tensors.graphInput(sample, this.latentDims));
  }

  private readLatent(): Promise<Float32Array> {
    return readBufferFloats(this.ctx.device, this.sample, this.count);
  }

  private async reportStep(step: SamplerStep): Promise<void> {
    const steps = this.sampling.steps.length;
    const isLast = step.index === steps - 1;
    const previewEvery = this.request.previewEvery ?? 0;
    const preview = previewEvery > 0 && !isLast && (step.index + 1) % previewEvery === 0 ? await this.decode(this.prevX0Buffer as GPUBuffer, 'preview') : undefined;
    this.options.onStep?.({ step: step.index + 1, steps, timestep: step.timestep, ...(preview ? { preview } : {}) });
  }

  /** RGBA of the latent at the start of `buffer`. */
  decode(buffer: GPUBuffer, purpose: 'image' | 'preview' = 'image'): Promise<RgbaImage> {
    const { spec, device, graphs } = this.ctx;
    return decodeLatent({ spec, device, tensors: this.tensors, decoder: graphs.decoder, previewDecoder: graphs.previewDecoder }, buffer, 0, purpose);
  }

  /** Frees everything this run allocated; safe after a failure at any point. */
  dispose(): void {
    for (const tensor of this.stepOutputs.values()) disposeTensor(tensor);
    this.text?.dispose();
    this.masks?.destroy();
    for (const p of this.attentionPlans) p.destroy();
    this.uniforms?.buffer.destroy();
    this.blend?.plan.uniforms.destroy();
    this.tensors.dispose();
    for (const buffer of this.owned) this.ctx.kernelMemory.release(buffer);
  }
}
