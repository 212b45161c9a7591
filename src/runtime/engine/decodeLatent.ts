/** Final image (and previews): the decoder graph on a latent held in one of our GPU buffers. */
import { readBufferFloats } from '../../gpu/readback';
import { InvalidManifestError } from '../errors';
import { disposeTensor, type FeedTensor, type OrtGraph } from '../ortGraph';
import type { PackSpec } from '../pack/packSpec';
import { floatRgbaToImage, latentRgbToImage, type RgbaImage } from './imageOutput';
import { cpuFloats, toCpuTensor, type TensorBackend } from './tensorBackend';

export interface DecodeContext {
  spec: PackSpec;
  device: GPUDevice;
  tensors: TensorBackend;
  decoder: OrtGraph | null;
  /** A cheap decoder (TAESD) with the decoder's I/O, used for previews when present. */
  previewDecoder?: OrtGraph | null;
}

/** The decoder's input for the latent at `offsetBytes`: the latent ÷ latent scale (VAE packs), else as it is. */
async function decoderInput(ctx: DecodeContext, buffer: GPUBuffer, offsetBytes: number): Promise<{ tensor: FeedTensor; release(): void }> {
  const [C, H, W] = ctx.spec.latentShape;
  const scale = ctx.spec.latentScale;
  if (scale === 1) return ctx.tensors.graphInputAt(buffer, offsetBytes, [1, C, H, W]);
  // One small readback per decoded image (the RGBA comes back to the CPU anyway), instead of a
  // GPU kernel just for a multiply.
  const latent = await readBufferFloats(ctx.device, buffer, C * H * W, offsetBytes);
  for (let i = 0; i < latent.length; i++) latent[i] = (latent[i] as number) / scale;
  return { tensor: cpuFloats(latent, [1, C, H, W]), release: () => undefined };
}

/** The latent [1, C, H, W] at `offsetBytes` of a GPU buffer → RGBA (decoder graph, or pixel space). */
export async function decodeLatent(ctx: DecodeContext, buffer: GPUBuffer, offsetBytes: number, purpose: 'image' | 'preview' = 'image'): Promise<RgbaImage> {
  const { spec, device } = ctx;
  const [C, H, W] = spec.latentShape;
  const usePreview = purpose === 'preview' && ctx.previewDecoder && spec.previewDecoder;
  const graph = usePreview ? ctx.previewDecoder : ctx.decoder;
  const io = usePreview ? spec.previewDecoder : spec.decoder;
  if (!graph || !io) return latentRgbToImage(await readBufferFloats(device, buffer, C * H * W, offsetBytes), C, W, H);
  const input = await decoderInput(ctx, buffer, offsetBytes);
  try {
    const outputs = await graph.run({ [io.input]: input.tensor });
    try {
      const rgba = outputs[io.output];
      if (!rgba) throw new InvalidManifestError(`the ${usePreview ? 'preview decoder' : 'decoder'} did not produce "${io.output}".`);
      return floatRgbaToImage((await toCpuTensor(rgba)).data as Float32Array, spec.image.width, spec.image.height);
    } finally {
      for (const tensor of Object.values(outputs)) disposeTensor(tensor);
    }
  } finally {
    input.release();
  }
}
