/** Final image (and previews): the decoder graph on a latent held in one of our GPU buffers. */
import type { GpuMemoryTracker } from '../../gpu/GpuMemoryTracker';
import { InvalidManifestError } from '../errors';
import { disposeTensor, gpuTensorFromBuffer, type FeedTensor, type OrtBackend, type OrtGraph } from '../ortGraph';
import type { PackSpec } from '../pack/packSpec';
import { floatRgbaToImage, latentRgbToImage, type RgbaImage } from './imageOutput';
import { cpuFloats, readBufferFloats, toCpuTensor } from './tensorBridge';

export interface DecodeContext {
  spec: PackSpec;
  device: GPUDevice;
  backend: OrtBackend;
  decoder: OrtGraph | null;
  kernelMemory: GpuMemoryTracker;
}

/** The latent [1, C, H, W] at `offsetBytes` of a GPU buffer → RGBA (decoder graph, or pixel space). */
export async function decodeLatent(ctx: DecodeContext, buffer: GPUBuffer, offsetBytes: number): Promise<RgbaImage> {
  const { spec } = ctx;
  const { device } = ctx;
  const [C, H, W] = spec.latentShape;
  const count = C * H * W;
  const dims = [1, C, H, W];
  if (!ctx.decoder || !spec.decoder) return latentRgbToImage(await readBufferFloats(device, buffer, count, offsetBytes), C, W, H);
  let input: FeedTensor;
  let temporary: GPUBuffer | null = null;
  if (ctx.backend === 'webgpu') {
    // A dedicated buffer of exactly the latent's size: ORT reads whole buffers.
    temporary = ctx.kernelMemory.createBuffer(device, { label: 'decoder input', size: count * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    const encoder = device.createCommandEncoder({ label: 'decoder input' });
    encoder.copyBufferToBuffer(buffer, offsetBytes, temporary, 0, count * 4);
    device.queue.submit([encoder.finish()]);
    input = gpuTensorFromBuffer(device, temporary, dims);
  } else {
    input = cpuFloats(await readBufferFloats(device, buffer, count, offsetBytes), dims);
  }
  try {
    const outputs = await ctx.decoder.run({ [spec.decoder.input]: input });
    try {
      const rgba = outputs[spec.decoder.output];
      if (!rgba) throw new InvalidManifestError(`the decoder did not produce "${spec.decoder.output}".`);
      return floatRgbaToImage((await toCpuTensor(rgba)).data as Float32Array, spec.image.width, spec.image.height);
    } finally {
      for (const tensor of Object.values(outputs)) disposeTensor(tensor);
    }
  } finally {
    if (temporary) ctx.kernelMemory.release(temporary);
  }
}
