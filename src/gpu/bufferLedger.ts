/**
 * The one buffer ledger, at two scopes. `instrumentDevice` counts every GPUBuffer created on a device — ours and ONNX Runtime's (ORT's WebGPU EP creates
 * buffers through the same JS device object) — with live and peak bytes. This is how the engine
 * proves that 20 generations leave nothing behind and reports peak GPU memory in buffers.
 * Instrumenting the device instance (not the prototype) keeps other devices untouched.
 */
export interface BufferLedger {
  readonly liveBytes: number;
  readonly liveBuffers: number;
  readonly peakBytes: number;
  /** Restart the peak from the current live bytes (per-generation peaks). */
  resetPeak(): void;
}

const ledgers = new WeakMap<GPUDevice, BufferLedger>();

export function instrumentDevice(device: GPUDevice): BufferLedger {
  const existing = ledgers.get(device);
  if (existing) return existing;
  let liveBytes = 0;
  let liveBuffers = 0;
  let peakBytes = 0;
  const original = device.createBuffer.bind(device);
  device.createBuffer = (descriptor: GPUBufferDescriptor): GPUBuffer => {
    const buffer = original(descriptor);
    const size = buffer.size;
    liveBytes += size;
    liveBuffers += 1;
    peakBytes = Math.max(peakBytes, liveBytes);
    const destroy = buffer.destroy.bind(buffer);
    let destroyed = false;
    buffer.destroy = () => {
      if (!destroyed) {
        destroyed = true;
        liveBytes -= size;
        liveBuffers -= 1;
      }
      destroy();
    };
    return buffer;
  };
  const ledger: BufferLedger = {
    get liveBytes() {
      return liveBytes;
    },
    get liveBuffers() {
      return liveBuffers;
    },
    get peakBytes() {
      return peakBytes;
    },
    resetPeak() {
      peakBytes = liveBytes;
    },
  };
  ledgers.set(device, ledger);
  return ledger;
}

/**
 * The kernels' own scope of the ledger: counts the GPU bytes our kernels allocate, so the engine can assert that a generation leaves
 * nothing behind (leak accounting). Wrappers allocate through one of these; several wrappers may
 * share one tracker to get a single total.
 */
export class GpuMemoryTracker {
  private readonly live = new Map<GPUBuffer, number>();
  private bytes = 0;

  /** Bytes currently held by buffers created through this tracker and not yet released. */
  get allocatedBytes(): number {
    return this.bytes;
  }

  get liveBufferCount(): number {
    return this.live.size;
  }

  createBuffer(device: GPUDevice, descriptor: GPUBufferDescriptor): GPUBuffer {
    const buffer = device.createBuffer(descriptor);
    this.live.set(buffer, descriptor.size);
    this.bytes += descriptor.size;
    return buffer;
  }

  /** Destroys a buffer created here; releasing twice is harmless. */
  release(buffer: GPUBuffer): void {
    const size = this.live.get(buffer);
    if (size === undefined) return;
    this.live.delete(buffer);
    this.bytes -= size;
    buffer.destroy();
  }

  releaseAll(): void {
    for (const buffer of [...this.live.keys()]) this.release(buffer);
  }
}
