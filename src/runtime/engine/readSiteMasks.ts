/**
 * The blob masks a layout gets at every attention-site resolution, rasterised by the same GPU
 * kernel and mask mode as a generation and read back, so the app's mask view shows exactly what
 * the model receives (issue 6), not a CPU re-implementation.
 */
import { planGeneration } from '../../engine/generationPlan';
import type { BlobMaskRasterizer } from '../../gpu/masks/BlobMaskRasterizer';
import type { LayoutDocument } from '../../layout/types';
import type { PackSpec } from '../pack/packSpec';
import type { SiteMaskReadback } from './engineTypes';
import { readBufferFloats } from '../../gpu/readback';

/** Distinct site resolutions of the pack, largest first (several sites share one resolution). */
export function distinctSiteResolutions(spec: PackSpec): { height: number; width: number }[] {
  const seen = new Map<string, { height: number; width: number }>();
  for (const { height, width } of spec.unet.sites) seen.set(`${height}x${width}`, { height, width });
  return [...seen.values()].sort((p, q) => q.height * q.width - p.height * p.width);
}

export async function readSiteMasks(spec: PackSpec, device: GPUDevice, rasterizer: BlobMaskRasterizer, layout: LayoutDocument): Promise<SiteMaskReadback[]> {
  const { maskBlobs } = planGeneration(layout);
  const resolutions = distinctSiteResolutions(spec);
  const set = rasterizer.rasterize(maskBlobs, resolutions, { mode: spec.conditioning.maskMode, featherWidth: spec.conditioning.featherWidth });
  try {
    return await Promise.all(
      set.sites.map(async (site) => {
        const count = set.blobCount * site.height * site.width;
        const masks = count === 0 ? new Float32Array(0) : await readBufferFloats(device, set.buffer, count, site.offset * 4);
        return { height: site.height, width: site.width, masks };
      }),
    );
  } finally {
    set.destroy();
  }
}
