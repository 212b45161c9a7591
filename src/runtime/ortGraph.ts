/**
 * The ONE module that imports ONNX Runtime (docs/architecture.md §7: exactly one module touches ORT, enforced by lint).
 * Native WebGPU EP (`onnxruntime-web/webgpu`) with sessions on the GPUDevice our kernels use and
 * outputs left on the GPU; the .wasm is served from our own origin (never a CDN).
 *
 * Backends: 'webgpu' (real GPUs: the design's path, zero-copy hand-off to our kernels) and 'wasm'
 * (ORT's CPU EP from the same build). On a *software* WebGPU adapter (SwiftShader) ORT's WebGPU
 * kernels run ~50–100× slower than its wasm kernels (docs/architecture.md §4: 512³ matmul 550 ms vs
 * 9.5 ms), while "GPU memory" is host memory anyway, so the engine picks 'wasm' for ORT graphs
 * there and keeps our WGSL kernels on WebGPU (see BlobGenEngine, `ortBackend`).
 */
import * as ort from 'onnxruntime-web/webgpu';
// `?url` makes Vite emit the wasm into our build and hand us its same-origin URL (dev and prod).
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { env } from '../config/env';
import { readBufferFloats } from '../gpu/readback';

export type TensorDataType = 'float32' | 'int64' | 'int32' | 'float16';
export type OrtBackend = 'webgpu' | 'wasm';

/** A tensor living in a GPUBuffer (ORT output or our own buffer wrapped for ORT). */
export interface GpuTensor {
  readonly kind: 'gpu';
  readonly buffer: GPUBuffer;
  readonly dims: readonly number[];
  readonly dataType: TensorDataType;
  /** Returns ORT-owned buffers to ORT; a no-op for our own buffers (their owner frees them). */
  dispose(): void;
  /** Copies the data to the CPU (tests, previews, the final image). */
  read(): Promise<Float32Array | Int32Array | BigInt64Array>;
}

export interface CpuTensor {
  readonly kind: 'cpu';
  readonly data: Float32Array | Int32Array | BigInt64Array;
  readonly dims: readonly number[];
  readonly dataType: TensorDataType;
}

export type FeedTensor = GpuTensor | CpuTensor;

let configured = false;

/** One documented env setup (transformers.js style): local wasm, errors only. */
export function configureOrt(options: { wasmUrl?: string; logLevel?: 'verbose' | 'info' | 'warning' | 'error' } = {}): void {
  if (configured) return;
  const base = typeof self !== 'undefined' && 'location' in self ? self.location.href : undefined;
  ort.env.wasm.wasmPaths = { wasm: new URL(options.wasmUrl ?? env.ortWasmUrl ?? ortWasmUrl, base).href };
  // Without COOP/COEP headers there are no wasm threads; say so instead of letting ORT probe.
  if (typeof crossOriginIsolated !== 'undefined' && !crossOriginIsolated) ort.env.wasm.numThreads = 1;
  // 'error': ORT's node-placement notes (shape ops on CPU, by design) are not actionable for users.
  ort.env.logLevel = options.logLevel ?? 'error';
  configured = true;
}

/** Wraps one of our buffers for ORT; `read` copies it back through `device` (tests, captures). */
export function gpuTensorFromBuffer(device: GPUDevice, buffer: GPUBuffer, dims: readonly number[], dataType: TensorDataType = 'float32'): GpuTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  const download = () => readBufferFloats(device, buffer, count);
  return wrapGpuTensor(ort.Tensor.fromGpuBuffer(buffer, { dataType: dataType as 'float32', dims, download }), false);
}

function wrapGpuTensor(tensor: ort.Tensor, owned: boolean): GpuTensor {
  return {
    kind: 'gpu',
    buffer: tensor.gpuBuffer as GPUBuffer,
    dims: tensor.dims,
    dataType: tensor.type as TensorDataType,
    dispose: () => {
      if (owned) tensor.dispose();
    },
    read: async () => (await tensor.getData()) as Float32Array | Int32Array | BigInt64Array,
  };
}

const ortTensorOf = new WeakMap<GpuTensor, ort.Tensor>();

function toOrt(feed: FeedTensor): ort.Tensor {
  if (feed.kind === 'cpu') return new ort.Tensor(feed.dataType, feed.data, feed.dims);
  const existing = ortTensorOf.get(feed);
  if (existing) return existing;
  const tensor = ort.Tensor.fromGpuBuffer(feed.buffer, { dataType: feed.dataType as 'float32', dims: feed.dims });
  ortTensorOf.set(feed, tensor);
  return tensor;
}

function fromOrt(tensor: ort.Tensor): FeedTensor {
  if (tensor.location === 'gpu-buffer') return wrapGpuTensor(tensor, true);
  return { kind: 'cpu', data: tensor.data as Float32Array | Int32Array | BigInt64Array, dims: tensor.dims, dataType: tensor.type as TensorDataType };
}

/** Releases an ORT output (GPU buffers go back to ORT's pool; CPU data is garbage-collected). */
export function disposeTensor(tensor: FeedTensor): void {
  if (tensor.kind === 'gpu') tensor.dispose();
}

export interface GraphInfo {
  inputNames: readonly string[];
  outputNames: readonly string[];
}

/** One ONNX graph as an ORT session: on the shared device (webgpu) or on ORT's CPU EP (wasm). */
export class OrtGraph implements GraphInfo {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly label: string,
    readonly backend: OrtBackend,
  ) {}

  /** `externalData`: the graph's ONNX external-data files by the path the graph names them with (graphs over 2 GB). */
  static async create(bytes: Uint8Array, device: GPUDevice, label: string, backend: OrtBackend = 'webgpu', externalData: readonly { path: string; data: Uint8Array }[] = []): Promise<OrtGraph> {
    configureOrt();
    const external = externalData.length ? { externalData: externalData.map((f) => ({ path: f.path, data: f.data })) } : {};
    const session = await ort.InferenceSession.create(
      bytes,
      backend === 'webgpu'
        ? {
            ...external,
            executionProviders: [{ name: 'webgpu', device } as ort.InferenceSession.WebGpuExecutionProviderOption],
            preferredOutputLocation: 'gpu-buffer',
            graphOptimizationLevel: 'all',
            logSeverityLevel: 3,
          }
        : { ...external, executionProviders: ['wasm'], graphOptimizationLevel: 'all', logSeverityLevel: 3 },
    );
    return new OrtGraph(session, label, backend);
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /** Runs with the given feeds. 'webgpu' outputs stay on the GPU; the caller disposes every output. */
  async run(feeds: Record<string, FeedTensor>): Promise<Record<string, FeedTensor>> {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, feed] of Object.entries(feeds)) ortFeeds[name] = toOrt(feed);
    const results = await this.session.run(ortFeeds);
    const out: Record<string, FeedTensor> = {};
    for (const [name, value] of Object.entries(results)) out[name] = fromOrt(value as ort.Tensor);
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
