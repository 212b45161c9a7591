/**
 * The generation engine (design.md §4): a loaded pack's ORT sessions and our WGSL kernels on one
 * GPUDevice. Per image: text encoder → prelude K/V, blob masks; per step: UNet segment s →
 * masked cross-attention s → … → fused CFG + sampler step; then the decoder → RGBA. Tensors stay
 * on the GPU from the text encoder to the decoder; the only per-step sync is waiting for the
 * queue, so progress is honest and a cancel takes effect within one step.
 */
import { planGeneration } from '../../engine/generationPlan';
import { initialLatent } from '../../engine/rng';
import { planSampling, SAMPLER_NAMES, type SamplerName } from '../../engine/schedulers/samplers';
import { SegmentTokenizer, type TruncationReport } from '../../engine/segmentTokens';
import type { LayoutDocument } from '../../layout/types';
import { BlobMaskRasterizer, type BlobMaskSet } from '../../gpu/BlobMaskRasterizer';
import { GpuMemoryTracker } from '../../gpu/GpuMemoryTracker';
import { MaskedCrossAttention, siteMasks, type AttentionPlan } from '../../gpu/MaskedCrossAttention';
import { DeviceLostError, EngineStateError, GenerationCancelledError, InvalidManifestError, OutOfGpuMemoryError, ShaderF16UnsupportedError, looksLikeOutOfMemory } from '../errors';
import { CfgStepKernel } from '../gpu/CfgStepKernel';
import { acquireEngineDevice, type EngineDevice } from '../gpu/engineDevice';
import { OrtGraph, disposeTensor, gpuTensorFromBuffer, type FeedTensor, type OrtBackend } from '../ortGraph';
import { loadPack, type LoadedPack, type PackLoadProgress } from '../pack/loadPack';
import type { GraphSpec, PackSpec } from '../pack/packSpec';
import { floatRgbaToImage, latentRgbToImage, type RgbaImage } from './imageOutput';
import { cpuFloats, gpuBufferOf, readBufferFloats, toCpuTensor } from './tensorBridge';
import { encodeText, type TextConditioning } from './textConditioning';
import { StageClock, type GenerationTimings } from './timings';

export interface GenerateRequest {
  layout: LayoutDocument;
  seed: number;
  steps?: number;
  guidance?: number;
  sampler?: SamplerName;
  /** Decode x̂0 every n steps as a preview (0 = never). Costs one decoder run and readback. */
  previewEvery?: number;
  /** Wait for the GPU after every stage so the timing breakdown is exact (slower). */
  profile?: boolean;
  /**
   * Test/debug hook: copies named tensors of the first sampling step to the CPU as they appear
   * (pool names such as "site1_q", "site1_attn", "model_output", the prelude's K/V, plus
   * "latent_after" = x after the first step). Costs a readback per tensor; leave unset normally.
   */
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

interface Graphs {
  textEncoder: OrtGraph;
  prelude: OrtGraph;
  segments: OrtGraph[];
  decoder: OrtGraph | null;
}

function checkGraphIo(graph: OrtGraph, spec: GraphSpec, what: string): void {
  const missingIn = spec.inputs.filter((n) => !graph.inputNames.includes(n));
  const missingOut = spec.outputs.filter((n) => !graph.outputNames.includes(n));
  if (missingIn.length || missingOut.length) {
    throw new InvalidManifestError(
      `${what} (${spec.file}): the manifest names inputs [${spec.inputs.join(', ')}] and outputs [${spec.outputs.join(', ')}], ` +
        `but the graph has inputs [${graph.inputNames.join(', ')}] and outputs [${graph.outputNames.join(', ')}].`,
    );
  }
}

export class BlobGenEngine {
  private lostError: DeviceLostError | null = null;
  private oomMessage: string | null = null;
  private disposed = false;
  private busy = false;

  private constructor(
    readonly pack: LoadedPack,
    readonly gpu: EngineDevice,
    readonly backend: OrtBackend,
    private readonly graphs: Graphs,
    private readonly tokenizer: SegmentTokenizer,
    private readonly kernelMemory: GpuMemoryTracker,
    private readonly rasterizer: BlobMaskRasterizer,
    private readonly attention: MaskedCrossAttention,
    private readonly stepKernel: CfgStepKernel,
  ) {
    void gpu.lost.then((error) => {
      this.lostError = error;
    });
    gpu.device.addEventListener('uncapturederror', (event) => {
      const error = (event as GPUUncapturedErrorEvent).error;
      if (typeof GPUOutOfMemoryError !== 'undefined' && error instanceof GPUOutOfMemoryError) this.oomMessage = error.message;
    });
  }

  get spec(): PackSpec {
    return this.pack.spec;
  }

  static async load(
    packUrl: string,
    options: { onProgress?: (stage: LoadStage) => void; signal?: AbortSignal; useCache?: boolean; device?: EngineDevice; ortBackend?: OrtBackend | 'auto' } = {},
  ): Promise<BlobGenEngine> {
    // The device first: a browser without WebGPU should hear so before downloading megabytes.
    const gpu = options.device ?? (await acquireEngineDevice());
    const pack = await loadPack(packUrl, {
      onProgress: (progress) => options.onProgress?.({ stage: 'download', progress }),
      signal: options.signal,
      useCache: options.useCache,
    });
    const { spec } = pack;
    if (spec.requiresShaderF16 && !gpu.hasShaderF16) {
      throw new ShaderF16UnsupportedError(
        `The model pack "${spec.name}" uses 16-bit floats, but this GPU (${gpu.description}) lacks the WebGPU "shader-f16" feature. Use the pack's fp32 variant or another GPU/browser.`,
      );
    }
    const bytes = (path: string) => {
      const b = pack.files.get(path);
      if (!b) throw new InvalidManifestError(`files: ${path} was not loaded`);
      return b;
    };
    const tokenizer = new SegmentTokenizer(JSON.parse(new TextDecoder().decode(bytes(spec.tokenizer.file))) as object, spec.tokenizer.maxTokensPerSegment);
    // ORT's WebGPU kernels on a software adapter are far slower than its wasm kernels (ortGraph.ts).
    const backend: OrtBackend = !options.ortBackend || options.ortBackend === 'auto' ? (gpu.isSoftware ? 'wasm' : 'webgpu') : options.ortBackend;
    const specs: [string, GraphSpec][] = [
      ['text encoder', spec.textEncoder],
      ['prelude', spec.prelude],
      ...spec.unet.segments.map((s, i): [string, GraphSpec] => [`UNet segment ${i}`, s]),
      ...(spec.decoder ? [['decoder', spec.decoder] as [string, GraphSpec]] : []),
    ];
    const created: OrtGraph[] = [];
    try {
      for (const [index, [what, graphSpec]] of specs.entries()) {
        options.onProgress?.({ stage: 'compile', graph: what, index, count: specs.length });
        const graph = await OrtGraph.create(bytes(graphSpec.file), gpu.device, what, backend);
        created.push(graph);
        checkGraphIo(graph, graphSpec, what);
      }
    } catch (error) {
      await Promise.all(created.map((g) => g.release().catch(() => undefined)));
      throw error;
    }
    const [textEncoder, prelude, ...rest] = created as [OrtGraph, OrtGraph, ...OrtGraph[]];
    const segments = rest.slice(0, spec.unet.segments.length);
    const decoder = spec.decoder ? (rest[spec.unet.segments.length] ?? null) : null;
    pack.files.clear(); // ORT holds its own copy of each graph; drop ours.
    const kernelMemory = new GpuMemoryTracker();
    return new BlobGenEngine(
      pack,
      gpu,
      backend,
      { textEncoder, prelude, segments, decoder },
      tokenizer,
      kernelMemory,
      new BlobMaskRasterizer(gpu.device, { memory: kernelMemory }),
      new MaskedCrossAttention(gpu.device, { memory: kernelMemory }),
      new CfgStepKernel(gpu.device),
    );
  }

  get memory(): EngineMemory {
    const { liveBytes, liveBuffers, peakBytes } = this.gpu.ledger;
    return { liveBytes, liveBuffers, peakBytes, kernelBytes: this.kernelMemory.allocatedBytes };
  }

  private checkUsable(): void {
    if (this.lostError) throw this.lostError;
    if (this.disposed) throw new EngineStateError('This engine was disposed; load the model pack again.');
  }

  async generate(request: GenerateRequest, options: { onStep?: (p: StepProgress) => void; signal?: AbortSignal } = {}): Promise<GenerateResult> {
    this.checkUsable();
    if (this.busy) throw new EngineStateError('A generation is already running on this engine; cancel it or wait for it to finish.');
    this.busy = true;
    try {
      return await this.runGeneration(request, options);
    } catch (error) {
      if (this.lostError) throw this.lostError;
      if (error instanceof GenerationCancelledError) throw error;
      if (this.oomMessage || looksLikeOutOfMemory(error)) {
        const detail = this.oomMessage ?? (error instanceof Error ? error.message : String(error));
        this.oomMessage = null;
        throw new OutOfGpuMemoryError(`The GPU ran out of memory during generation (${detail}). Close other GPU-heavy tabs, use fewer blobs, or a smaller model pack.`);
      }
      throw error;
    } finally {
      this.busy = false;
    }
  }

  private async runGeneration(request: GenerateRequest, options: { onStep?: (p: StepProgress) => void; signal?: AbortSignal }): Promise<GenerateResult> {
    const { spec } = this.pack;
    const { device } = this.gpu;
    const sampler = request.sampler ?? spec.scheduler.defaultSampler;
    if (!SAMPLER_NAMES.includes(sampler)) throw new RangeError(`sampler must be one of ${SAMPLER_NAMES.join(', ')}, got ${String(sampler)}`);
    const steps = request.steps ?? spec.scheduler.defaultSteps;
    const guidance = request.guidance ?? spec.scheduler.defaultGuidance;
    if (!Number.isFinite(guidance)) throw new RangeError(`guidance must be a finite number, got ${guidance}`);
    const cancelled = () => {
      if (options.signal?.aborted) throw new GenerationCancelledError();
      if (this.lostError) throw this.lostError;
    };
    const started = performance.now();
    this.gpu.ledger.resetPeak();
    const clock = new StageClock(device, request.profile === true);
    const sampling = planSampling(spec.scheduler, sampler, steps);
    const plan = planGeneration(request.layout);
    const onGpu = this.backend === 'webgpu';

    const [C, H, W] = spec.latentShape;
    const count = C * H * W;
    const batch = 2; // CFG: item 0 unconditional, item 1 conditional (contracts.md §3)
    const latentDims = [batch, C, H, W];
    const mem = this.kernelMemory;
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
    try {
      text = await clock.time('textMs', () => encodeText(spec, this.tokenizer, this.graphs, plan));
      const tokens = text.tokens;
      const keyValues = text.keyValues;
      const tokenCounts = Array.from(tokens.tokenCounts);
      const maskSet = (masks = await clock.time('masksMs', () =>
        this.rasterizer.rasterize(
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
          this.attention.plan({
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
      const uniforms = this.stepKernel.uploadSteps(count, guidance, true, sampling.steps.map((s) => s.coefficients));
      stepUniforms = uniforms.buffer;

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
          const graph = this.graphs.segments[s];
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
              this.attention.encode(encoder, site.plan, { q: qBuffer, k: site.k, v: site.v, output: site.result });
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
          this.stepKernel.encode(encoder, uniforms, step.index, count, { modelOut: outBuffer, sample, prevX0 });
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
        if (this.oomMessage) throw new OutOfGpuMemoryError(this.oomMessage);
        clock.timings.stepMs.push(performance.now() - stepStart);
        const isLast = step.index === sampling.steps.length - 1;
        const previewEvery = request.previewEvery ?? 0;
        const preview = previewEvery > 0 && !isLast && (step.index + 1) % previewEvery === 0 ? await this.decodeBuffer(prevX0, 0) : undefined;
        options.onStep?.({ step: step.index + 1, steps: sampling.steps.length, timestep: step.timestep, ...(preview ? { preview } : {}) });
      }

      const image = await clock.time('decodeMs', () => this.decodeBuffer(sample, 0));
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
        peakGpuBytes: this.gpu.ledger.peakBytes,
        backend: this.backend,
      };
    } finally {
      for (const tensor of stepOutputs.values()) disposeTensor(tensor);
      text?.dispose();
      masks?.destroy();
      for (const p of attentionPlans) p.destroy();
      stepUniforms?.destroy();
      for (const buffer of owned) mem.release(buffer);
    }
  }

  /** The latent [1, C, H, W] at `offsetBytes` of a GPU buffer → RGBA (decoder graph, or pixel space). */
  private async decodeBuffer(buffer: GPUBuffer, offsetBytes: number): Promise<RgbaImage> {
    const { spec } = this.pack;
    const { device } = this.gpu;
    const [C, H, W] = spec.latentShape;
    const count = C * H * W;
    const dims = [1, C, H, W];
    if (!this.graphs.decoder || !spec.decoder) return latentRgbToImage(await readBufferFloats(device, buffer, count, offsetBytes), C, W, H);
    let input: FeedTensor;
    let temporary: GPUBuffer | null = null;
    if (this.backend === 'webgpu') {
      // A dedicated buffer of exactly the latent's size: ORT reads whole buffers.
      temporary = this.kernelMemory.createBuffer(device, { label: 'decoder input', size: count * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
      const encoder = device.createCommandEncoder({ label: 'decoder input' });
      encoder.copyBufferToBuffer(buffer, offsetBytes, temporary, 0, count * 4);
      device.queue.submit([encoder.finish()]);
      input = gpuTensorFromBuffer(device, temporary, dims);
    } else {
      input = cpuFloats(await readBufferFloats(device, buffer, count, offsetBytes), dims);
    }
    try {
      const outputs = await this.graphs.decoder.run({ [spec.decoder.input]: input });
      try {
        const rgba = outputs[spec.decoder.output];
        if (!rgba) throw new InvalidManifestError(`the decoder did not produce "${spec.decoder.output}".`);
        return floatRgbaToImage((await toCpuTensor(rgba)).data as Float32Array, spec.image.width, spec.image.height);
      } finally {
        for (const tensor of Object.values(outputs)) disposeTensor(tensor);
      }
    } finally {
      if (temporary) this.kernelMemory.release(temporary);
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const all = [this.graphs.textEncoder, this.graphs.prelude, ...this.graphs.segments, ...(this.graphs.decoder ? [this.graphs.decoder] : [])];
    await Promise.all(all.map((g) => g.release().catch(() => undefined)));
    this.attention.destroy();
    this.rasterizer.destroy();
    this.kernelMemory.releaseAll();
  }
}
