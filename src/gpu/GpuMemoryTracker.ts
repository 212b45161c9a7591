/**
 * Counts the GPU bytes our kernels allocate, so the engine can assert that a generation leaves
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
