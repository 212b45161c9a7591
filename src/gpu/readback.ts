/**
 * The one GPU → CPU readback: copies `count` float32 values at `offsetBytes` of `buffer` into a
 * mappable staging buffer and returns them. The staging buffer is destroyed even on failure.
 */
export async function readBufferFloats(device: GPUDevice, buffer: GPUBuffer, count: number, offsetBytes = 0): Promise<Float32Array> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`readback count must be a non-negative integer, got ${count}`);
  const bytes = count * 4;
  const staging = device.createBuffer({ label: 'readback', size: Math.max(4, bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder({ label: 'readback' });
    if (bytes > 0) encoder.copyBufferToBuffer(buffer, offsetBytes, staging, 0, bytes);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    return new Float32Array(staging.getMappedRange().slice(0, bytes));
  } finally {
    staging.destroy();
  }
}
