/**
 * Moves tensors between ORT and our kernels. With ORT on WebGPU this is zero-copy (GPU buffers
 * in, GPU buffers out). With ORT on wasm (software adapters, see ortGraph.ts) our kernels still
 * need GPUBuffers, so CPU tensors are uploaded into scratch buffers and results read back.
 */
import type { CpuTensor, FeedTensor } from '../ortGraph';

export async function readBufferFloats(device: GPUDevice, buffer: GPUBuffer, count: number, offsetBytes = 0): Promise<Float32Array> {
  const bytes = Math.max(4, count * 4);
  const staging = device.createBuffer({ label: 'readback', size: Math.ceil(bytes / 4) * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder({ label: 'readback' });
    encoder.copyBufferToBuffer(buffer, offsetBytes, staging, 0, count * 4);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return new Float32Array(staging.getMappedRange().slice(0, count * 4));
  } finally {
    staging.destroy();
  }
}

/** A GPUBuffer with the tensor's float32 data: its own buffer, or an upload into `scratch`. */
export function gpuBufferOf(device: GPUDevice, tensor: FeedTensor, scratch: GPUBuffer | null): GPUBuffer {
  if (tensor.kind === 'gpu') return tensor.buffer;
  if (!scratch) throw new TypeError('a CPU tensor reached a kernel input that has no upload buffer');
  if (!(tensor.data instanceof Float32Array)) throw new TypeError(`expected float32 data for a kernel input, got ${tensor.dataType}`);
  if (tensor.data.byteLength > scratch.size) throw new RangeError(`tensor of ${tensor.data.byteLength} bytes does not fit its ${scratch.size}-byte scratch buffer`);
  device.queue.writeBuffer(scratch, 0, tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  return scratch;
}

export async function toCpuTensor(tensor: FeedTensor): Promise<CpuTensor> {
  if (tensor.kind === 'cpu') return tensor;
  return { kind: 'cpu', data: await tensor.read(), dims: tensor.dims, dataType: tensor.dataType };
}

export function cpuFloats(data: Float32Array, dims: readonly number[]): CpuTensor {
  return { kind: 'cpu', data, dims, dataType: 'float32' };
}
