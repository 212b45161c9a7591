/** Helpers for browser tests of our kernels: upload, read back, and one shared device per file. */
import { requestGpuDevice } from '../device/gpuDevice';
import { readBufferFloats } from '../readback';

/** A device with SwiftShader's larger storage limits; fails (never skips) without an adapter. */
export async function testDevice(): Promise<{ adapter: GPUAdapter; device: GPUDevice }> {
  return requestGpuDevice({ timeoutMs: 30_000 });
}

export function uploadFloats(device: GPUDevice, data: Float32Array, extraUsage = 0): GPUBuffer {
  const buffer = device.createBuffer({
    size: Math.max(16, Math.ceil(data.byteLength / 16) * 16),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC | extraUsage,
  });
  device.queue.writeBuffer(buffer, 0, data);
  return buffer;
}

/** Test-side spelling of the one readback helper (offset in elements). */
export function readFloats(device: GPUDevice, buffer: GPUBuffer, offsetElements: number, count: number): Promise<Float32Array> {
  return readBufferFloats(device, buffer, count, offsetElements * 4);
}

/** Throws the first validation error the device reports for work done inside `body`. */
export async function withErrorScope<T>(device: GPUDevice, body: () => Promise<T> | T): Promise<T> {
  device.pushErrorScope('validation');
  const result = await body();
  const error = await device.popErrorScope();
  if (error) throw new Error(`WebGPU validation error: ${error.message}`);
  return result;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? NaN) - (b[i] ?? NaN));
    if (!(d <= max)) max = Number.isNaN(d) ? Infinity : d;
  }
  return max;
}
