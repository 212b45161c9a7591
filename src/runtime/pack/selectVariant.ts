/**
 * Which precision variant of a pack this device runs, decided from the manifest alone, before
 * anything is downloaded: fp16 where the device has `shader-f16`, else fp32, else a message that
 * says why neither can run. Also checks the attention tensors against the device's buffer limits,
 * since those are the engine's own largest allocations (ORT sizes its buffers per initializer).
 */
import type { PackSpec } from './packSpec';

export interface DeviceCapabilities {
  hasShaderF16: boolean;
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  description: string;
}

export type VariantChoice = { ok: true; spec: PackSpec } | { ok: false; reason: 'shader-f16' | 'buffer-limits'; message: string };

/** The fp16 variant is preferred: half the download and memory, same cuts (float32 tensors). */
const PREFERENCE = ['fp16', 'fp32'];

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

/** The spec with every graph file replaced by that variant's file. */
export function withVariant(spec: PackSpec, variant: string): PackSpec {
  const info = spec.variants[variant];
  if (!info) throw new RangeError(`the pack has no "${variant}" variant (it has ${Object.keys(spec.variants).join(', ')})`);
  const swap = <T extends { file: string }>(g: T): T => (info.files[g.file] ? { ...g, file: info.files[g.file] as string } : g);
  return {
    ...spec,
    variant,
    requiresShaderF16: info.requiresShaderF16,
    textEncoder: swap(spec.textEncoder),
    prelude: swap(spec.prelude),
    unet: { ...spec.unet, segments: spec.unet.segments.map(swap) },
    ...(spec.decoder ? { decoder: swap(spec.decoder) } : {}),
    ...(spec.previewDecoder ? { previewDecoder: swap(spec.previewDecoder) } : {}),
  };
}

/** Bytes of the largest tensor our kernels bind: a site's query/result at the batch, or its K/V. */
export function largestAttentionBinding(spec: PackSpec, maxSegments: number): { bytes: number; what: string } {
  const batch = spec.conditioning.classifierFreeGuidance ? 2 : 1;
  let best = { bytes: 0, what: 'nothing' };
  spec.unet.sites.forEach((site, i) => {
    const channels = site.heads * site.headDim;
    const query = batch * site.height * site.width * channels * 4;
    const kv = maxSegments * spec.tokenizer.maxTokensPerSegment * channels * 4;
    if (query > best.bytes) best = { bytes: query, what: `attention site ${i}'s query (${batch} × ${site.height}×${site.width} × ${channels} floats)` };
    if (kv > best.bytes) best = { bytes: kv, what: `attention site ${i}'s keys for ${maxSegments} texts (${maxSegments} × ${spec.tokenizer.maxTokensPerSegment} × ${channels} floats)` };
  });
  return best;
}

export function selectVariant(spec: PackSpec, device: DeviceCapabilities, maxSegments: number): VariantChoice {
  const offered = Object.keys(spec.variants);
  const runnable = PREFERENCE.filter((v) => spec.variants[v] && (!spec.variants[v]?.requiresShaderF16 || device.hasShaderF16));
  const variant = runnable[0] ?? offered.find((v) => !spec.variants[v]?.requiresShaderF16 || device.hasShaderF16);
  if (!variant) {
    return {
      ok: false,
      reason: 'shader-f16',
      message: `The model pack "${spec.name}" comes only as ${offered.join(', ')}, which needs 16-bit floats, but this GPU (${device.description}) lacks the WebGPU "shader-f16" feature. Export the pack with an fp32 variant (--variant both) or use a GPU/browser with shader-f16.`,
    };
  }
  const largest = largestAttentionBinding(spec, maxSegments);
  const limit = Math.min(device.maxStorageBufferBindingSize, device.maxBufferSize);
  if (largest.bytes > limit) {
    return {
      ok: false,
      reason: 'buffer-limits',
      message: `The model pack "${spec.name}" needs a ${mib(largest.bytes)} GPU buffer for ${largest.what}, but this GPU (${device.description}) allows at most ${mib(limit)} per storage buffer (maxStorageBufferBindingSize ${mib(device.maxStorageBufferBindingSize)}, maxBufferSize ${mib(device.maxBufferSize)}). Use fewer blobs or a smaller image size.`,
    };
  }
  return { ok: true, spec: withVariant(spec, variant) };
}
