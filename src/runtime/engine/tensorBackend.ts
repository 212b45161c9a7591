/**
 * The one place the sampling loop's tensors cross between ORT graphs and our WGSL kernels.
 * WebGPU EP: zero-copy, a kernel reads an ORT output's own GPUBuffer and ORT reads our buffers
 * wrapped as tensors. wasm EP (software adapters, see ortGraph.ts): our kernels still need
 * GPUBuffers, so CPU tensors are uploaded into named scratch buffers (reused across steps) and
 * kernel outputs are read back. Nothing outside this file asks which backend it is on.
 */
import type { GpuMemoryTracker } from '../../gpu/bufferLedger';
import { readBufferFloats } from '../../gpu/readback';
import { gpuTensorFromBuffer, type CpuTensor, type FeedTensor, type GpuTensor, type OrtBackend } from '../ortGraph';

export interface TensorBackend {
  readonly kind: OrtBackend;
  /** A GPUBuffer holding `tensor` for a kernel: its own buffer, or an upload into the scratch buffer `slot`. */
  kernelInput(tensor: FeedTensor, slot: string): GPUBuffer;
  /**
   * What a graph reads for a kernel's output `buffer` once its work is submitted: the buffer itself,
   * or its data on the CPU (`known`, when the caller just wrote it, saves the readback).
   */
  graphInput(buffer: GPUBuffer, dims: readonly number[], known?: Float32Array): Promise<FeedTensor>;
  /** `dims` float32 values at `offsetBytes` of `buffer` as a graph input; release it after the run. */
  graphInputAt(buffer: GPUBuffer, offsetBytes: number, dims: readonly number[]): Promise<{ tensor: FeedTensor; release(): void }>;
  /** Frees the scratch buffers. */
  dispose(): void;
}

const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
const elements = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

export function createTensorBackend(kind: OrtBackend, device: GPUDevice, memory: GpuMemoryTracker): TensorBackend {
  const uploads = new ScratchUploads(device, memory);
  return kind === 'webgpu' ? webGpuBackend(device, memory, uploads) : wasmBackend(device, uploads);
}

/** CPU tensors bound for a kernel: one scratch buffer per slot, allocated on first use. */
class ScratchUploads {
  private readonly buffers = new Map<string, GPUBuffer>();

  constructor(
    private readonly device: GPUDevice,
    private readonly memory: GpuMemoryTracker,
  ) {}

  bufferOf(tensor: FeedTensor, slot: string): GPUBuffer {
    if (tensor.kind === 'gpu') return tensor.buffer;
    if (!(tensor.data instanceof Float32Array)) throw new TypeError(`expected float32 data for a kernel input, got ${tensor.dataType}`);
    const bytes = tensor.data.byteLength;
    let buffer = this.buffers.get(slot);
    if (!buffer) {
      buffer = this.memory.createBuffer(this.device, { label: slot, size: Math.max(16, Math.ceil(bytes / 16) * 16), usage: STORAGE });
      this.buffers.set(slot, buffer);
    }
    if (bytes > buffer.size) throw new RangeError(`tensor of ${bytes} bytes does not fit its ${buffer.size}-byte scratch buffer "${slot}"`);
    this.device.queue.writeBuffer(buffer, 0, tensor.data.buffer, tensor.data.byteOffset, bytes);
    return buffer;
  }

  dispose(): void {
    for (const buffer of this.buffers.values()) this.memory.release(buffer);
    this.buffers.clear();
  }
}

function webGpuBackend(device: GPUDevice, memory: GpuMemoryTracker, uploads: ScratchUploads): TensorBackend {
  // One wrapper per buffer: ORT then sees the same tensor every step.
  const wrapped = new Map<GPUBuffer, GpuTensor>();
  return {
    kind: 'webgpu',
    // Graph outputs are GPU buffers here; a CPU tensor (a graph output ORT kept on the CPU) is uploaded.
    kernelInput: (tensor, slot) => uploads.bufferOf(tensor, slot),
    graphInput(buffer, dims) {
      let tensor = wrapped.get(buffer);
      if (!tensor || tensor.dims.join() !== dims.join()) {
        tensor = gpuTensorFromBuffer(device, buffer, dims);
        wrapped.set(buffer, tensor);
      }
      return Promise.resolve(tensor);
    },
    graphInputAt(buffer, offsetBytes, dims) {
      // A dedicated buffer of exactly the tensor's size: ORT reads whole buffers.
      const bytes = elements(dims) * 4;
      const copy = memory.createBuffer(device, { label: 'graph input slice', size: bytes, usage: STORAGE });
      const encoder = device.createCommandEncoder({ label: 'graph input slice' });
      encoder.copyBufferToBuffer(buffer, offsetBytes, copy, 0, bytes);
      device.queue.submit([encoder.finish()]);
      return Promise.resolve({ tensor: gpuTensorFromBuffer(device, copy, dims), release: () => memory.release(copy) });
    },
    dispose() {
      wrapped.clear();
      uploads.dispose();
    },
  };
}

function wasmBackend(device: GPUDevice, uploads: ScratchUploads): TensorBackend {
  return {
    kind: 'wasm',
    kernelInput: (tensor, slot) => uploads.bufferOf(tensor, slot),
    async graphInput(buffer, dims, known) {
      return cpuFloats(known ?? (await readBufferFloats(device, buffer, elements(dims))), dims);
    },
    async graphInputAt(buffer, offsetBytes, dims) {
      return { tensor: cpuFloats(await readBufferFloats(device, buffer, elements(dims), offsetBytes), dims), release: () => {} };
    },
    dispose: () => uploads.dispose(),
  };
}

export async function toCpuTensor(tensor: FeedTensor): Promise<CpuTensor> {
  if (tensor.kind === 'cpu') return tensor;
  return { kind: 'cpu', data: await tensor.read(), dims: tensor.dims, dataType: tensor.dataType };
}

export function cpuFloats(data: Float32Array, dims: readonly number[]): CpuTensor {
  return { kind: 'cpu', data, dims, dataType: 'float32' };
}
