/** Final image (and previews): the decoder graph on a latent held in one of our GPU buffers. */
import { readBufferFloats } from '../../gpu/readback';
import { InvalidManifestError } from '../errors';
import { disposeTensor, type OrtGraph } from '../ortGraph';
import type { PackSpec } from '../pack/packSpec';
import { floatRgbaToImage, latentRgbToImage, type RgbaImage } from './imageOutput';
import { toCpuTensor, type TensorBackend } from './tensorBackend';

export interface DecodeContext {
  spec: PackSpec;
  device: GPUDevice;
  tensors: TensorBackend;
  decoder: OrtGraph | null;
}

/** The latent [1, C, H, W] at `offsetBytes` of a GPU buffer → RGBA (decoder graph, or pixel space). */
export async function decodeLatent(ctx: DecodeContext, buffer: GPUBuffer, offsetBytes: number): Promise<RgbaImage> {
  const { spec, device } = ctx;
  const [C, H, W] = spec.latentShape;
  if (!ctx.decoder || !spec.decoder) return latentRgbToImage(await readBufferFloats(device, buffer, C * H * W, offsetBytes), C, W, H);
  const input = await ctx.tensors.graphInputAt(buffer, offsetBytes, [1, C, H, W]);
  try {
    const outputs = await ctx.decoder.run({ [spec.decoder.input]: input.tensor });
    try {
      const rgba = outputs[spec.decoder.output];
      if (!rgba) throw new InvalidManifestError(`the decoder did not produce "${spec.decoder.output}".`);
      return floatRgbaToImage((await toCpuTensor(rgba)).data as Float32Array, spec.image.width, spec.image.height);
    } finally {
      for (const tensor of Object.values(outputs)) disposeTensor(tensor);
    }
  } finally {
    input.release();
  }
}
