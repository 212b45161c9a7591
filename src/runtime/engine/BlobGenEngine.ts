/**
 * The generation engine: a loaded pack's ORT sessions and our WGSL kernels on one GPUDevice.
 * This class owns their lifetime and turns failures into typed errors; one generation's work is
 * runGeneration.ts (docs/architecture.md §4).
 */
import { SegmentTokenizer } from '../../engine/segmentTokens';
import type { LayoutDocument } from '../../layout/types';
import { BlobMaskRasterizer } from '../../gpu/masks/BlobMaskRasterizer';
import { GpuMemoryTracker } from '../../gpu/bufferLedger';
import { MaskedCrossAttention } from '../../gpu/attention/MaskedCrossAttention';
import { DeviceLimitsError, DeviceLostError, EngineStateError, GenerationCancelledError, InvalidManifestError, OutOfGpuMemoryError, ShaderF16UnsupportedError, looksLikeOutOfMemory } from '../errors';
import { CfgStepKernel } from '../../gpu/sampler-step/CfgStepKernel';
import { LatentBlendKernel } from '../../gpu/latent-blend/LatentBlendKernel';
import { changedRegions, regionWeights } from '../../engine/localEdit';
import { acquireEngineDevice, type EngineDevice } from '../../gpu/device/gpuDevice';
import type { OrtBackend } from '../ortGraph';
import { loadPack, type LoadedPack } from '../pack/loadPack';
import type { PackSpec } from '../pack/packSpec';
import { selectVariant, type DeviceCapabilities } from '../pack/selectVariant';
import { MAX_SEGMENTS } from '../../layout/limits';
import { createGraphs, releaseGraphs, type Graphs } from './engineGraphs';
import type { EngineMemory, GenerateRequest, GenerateResult, LoadStage, LocalEditOutcome, SiteMaskReadback, StepProgress } from './engineTypes';
import { readSiteMasks } from './readSiteMasks';
import { resolveSampling, runGeneration, type TrajectoryIo } from './runGeneration';

export type { GenerateRequest, StepProgress, GenerateResult, LoadStage, EngineMemory, SiteMaskReadback } from './engineTypes';

export interface EngineLoadOptions {
  onProgress?: (stage: LoadStage) => void;
  signal?: AbortSignal;
  useCache?: boolean;
  ortBackend?: OrtBackend | 'auto';
  /**
   * Tests and benchmarks only: run the pack with other settings than its manifest's (e.g. a
   * reference run's mask mode, or SD-Turbo's trailing spacing without guidance on an SD-2 pack).
   */
  adjustSpec?: (spec: PackSpec) => PackSpec;
}

function deviceCapabilities(gpu: EngineDevice): DeviceCapabilities {
  const { limits } = gpu.device;
  return { hasShaderF16: gpu.hasShaderF16, maxBufferSize: limits.maxBufferSize, maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize, description: gpu.description };
}

export class BlobGenEngine {
  private lostError: DeviceLostError | null = null;
  private oomMessage: string | null = null;
  private disposed = false;
  private busy = false;
  /** The last completed generation's settings, layout and recorded trajectory (local edits). */
  private lastRun: { key: string; layout: LayoutDocument; trajectory: GPUBuffer } | null = null;
  /** Out-of-memory surfaces as an uncaptured error event; the loop checks it after each step. */
  private readonly onGpuError = (event: Event) => {
    const error = (event as GPUUncapturedErrorEvent).error;
    if (typeof GPUOutOfMemoryError !== 'undefined' && error instanceof GPUOutOfMemoryError) this.oomMessage = error.message;
  };

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
    private readonly blendKernel: LatentBlendKernel,
  ) {
    void gpu.lost.then((error) => {
      this.lostError = error;
    });
    gpu.device.addEventListener('uncapturederror', this.onGpuError);
  }

  get spec(): PackSpec {
    return this.pack.spec;
  }

  static async load(
    packUrl: string,
    options: EngineLoadOptions & { device?: EngineDevice } = {},
  ): Promise<BlobGenEngine> {
    // The device first: a browser without WebGPU should hear so before downloading megabytes.
    const gpu = options.device ?? (await acquireEngineDevice());
    try {
      return await BlobGenEngine.loadOnDevice(packUrl, gpu, options);
    } catch (error) {
      if (!options.device) gpu.device.destroy(); // a failed load leaves no device behind
      throw error;
    }
  }

  private static async loadOnDevice(
    packUrl: string,
    gpu: EngineDevice,
    options: EngineLoadOptions,
  ): Promise<BlobGenEngine> {
    const pack = await loadPack(packUrl, {
      onProgress: (progress) => options.onProgress?.({ stage: 'download', progress }),
      signal: options.signal,
      useCache: options.useCache,
      // Before downloading megabytes: which variant can this device run, if any?
      resolveSpec: (manifestSpec) => {
        const spec = options.adjustSpec ? options.adjustSpec(manifestSpec) : manifestSpec;
        const choice = selectVariant(spec, deviceCapabilities(gpu), MAX_SEGMENTS);
        if (choice.ok) return choice.spec;
        throw choice.reason === 'shader-f16' ? new ShaderF16UnsupportedError(choice.message) : new DeviceLimitsError(choice.message);
      },
    });
    const { spec } = pack;
    const tokenizerFile = pack.files.get(spec.tokenizer.file);
    if (!tokenizerFile) throw new InvalidManifestError(`files: ${spec.tokenizer.file} was not loaded`);
    const tokenizer = new SegmentTokenizer(JSON.parse(new TextDecoder().decode(tokenizerFile)) as object, spec.tokenizer.maxTokensPerSegment, spec.tokenizer.framing);
    // ORT's WebGPU kernels on a software adapter are far slower than its wasm kernels (ortGraph.ts).
    const backend: OrtBackend = !options.ortBackend || options.ortBackend === 'auto' ? (gpu.isSoftware ? 'wasm' : 'webgpu') : options.ortBackend;
    const graphs = await createGraphs(pack, gpu.device, backend, options.onProgress);
    pack.files.clear(); // ORT holds its own copy of each graph; drop ours.
    const kernelMemory = new GpuMemoryTracker();
    return new BlobGenEngine(
      pack,
      gpu,
      backend,
      graphs,
      tokenizer,
      kernelMemory,
      new BlobMaskRasterizer(gpu.device, { memory: kernelMemory }),
      new MaskedCrossAttention(gpu.device, { memory: kernelMemory }),
      new CfgStepKernel(gpu.device),
      new LatentBlendKernel(gpu.device),
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
    // Validated before the engine counts as busy: a bad request must not leave it stuck.
    const { sampler, steps, guidance } = resolveSampling(this.pack.spec, request);
    const key = JSON.stringify([request.seed, sampler, steps, guidance, request.negativeCaption ?? '']);
    const [C, H, W] = this.pack.spec.latentShape;
    const record = this.kernelMemory.createBuffer(this.gpu.device, {
      label: 'sampling trajectory',
      size: Math.max(16, steps * C * H * W * 4),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
    });
    let kept = false;
    this.busy = true;
    try {
      const { trajectory, localEdit } = this.planLocalEdit(request, key, record);
      const lostError = () => this.lostError;
      const oomMessage = () => this.oomMessage;
      const result = await runGeneration(
        {
          spec: this.pack.spec,
          device: this.gpu.device,
          backend: this.backend,
          ledger: this.gpu.ledger,
          graphs: this.graphs,
          tokenizer: this.tokenizer,
          kernelMemory: this.kernelMemory,
          rasterizer: this.rasterizer,
          attention: this.attention,
          stepKernel: this.stepKernel,
          blendKernel: this.blendKernel,
          lostError,
          oomMessage,
        },
        request,
        { ...options, trajectory },
      );
      if (this.lastRun) this.kernelMemory.release(this.lastRun.trajectory);
      this.lastRun = { key, layout: structuredClone(request.layout), trajectory: record };
      kept = true;
      return { ...result, ...(localEdit ? { localEdit } : {}) };
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
      if (!kept) this.kernelMemory.release(record);
      this.busy = false;
    }
  }

  /** Whether `request` can be a local edit of the last run, and the blend inputs if so. */
  private planLocalEdit(request: GenerateRequest, key: string, record: GPUBuffer): { trajectory: TrajectoryIo; localEdit?: LocalEditOutcome } {
    if (!request.localEdit) return { trajectory: { record } };
    const last = this.lastRun;
    if (!last) return { trajectory: { record }, localEdit: { applied: false, reason: 'there is no earlier image to edit' } };
    if (last.key !== key) return { trajectory: { record }, localEdit: { applied: false, reason: 'the seed, steps, guidance, sampler or negative caption differ from the earlier image' } };
    const change = changedRegions(last.layout, request.layout);
    if (change.kind === 'everything') return { trajectory: { record }, localEdit: { applied: false, reason: change.reason } };
    const [, H, W] = this.pack.spec.latentShape;
    return {
      trajectory: { record, reference: { buffer: last.trajectory, weights: regionWeights(change.regions, H, W) } },
      localEdit: { applied: true, regions: change.regions.length },
    };
  }

  /**
   * The masks `layout` would get, per distinct site resolution (largest first), from the same
   * kernel and mask mode as `generate`. Allowed while a generation runs: it uses its own buffers.
   */
  async masks(layout: LayoutDocument): Promise<SiteMaskReadback[]> {
    this.checkUsable();
    return readSiteMasks(this.pack.spec, this.gpu.device, this.rasterizer, layout);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.gpu.device.removeEventListener('uncapturederror', this.onGpuError);
    await releaseGraphs(this.graphs);
    this.attention.destroy();
    this.rasterizer.destroy();
    this.lastRun = null;
    this.kernelMemory.releaseAll();
  }
}
