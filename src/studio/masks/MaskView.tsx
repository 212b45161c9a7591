import { useMemo, useState } from 'react';
import { blobColor } from '../../layout/blobColors';
import { planGeneration } from '../../engine/generationPlan';
import { rasterizeBlobMasksReference } from '../../reference/blobMasks';
import type { LayoutDocument } from '../../layout/types';
import type { PackDescription } from '../../worker/protocol';
import { MaskOverlay } from './MaskOverlay';
import type { SiteMasks } from './maskImage';

/**
 * The masks the model receives for the current layout, one view per attention-site resolution.
 *
 * Source: `gpuSites`, the engine's own GPU rasterisation read back (EngineClient.masks), once the
 * pack is loaded. Until then (or without WebGPU) the CPU reference of the mask contract
 * (src/reference/blobMasks.ts, which the GPU rasteriser is tested against) stands in, and
 * the label says so.
 */
export function MaskView({ layout, details, gpuSites }: { layout: LayoutDocument; details: PackDescription; gpuSites?: SiteMasks[] | null }) {
  const [selected, setSelected] = useState(0);
  const plan = useMemo(() => planGeneration(layout), [layout]);
  const cpuSites = useMemo<SiteMasks[]>(
    () =>
      details.sites.map((resolution) => {
        const all = rasterizeBlobMasksReference(plan.maskBlobs, resolution.height, resolution.width, details.mask);
        const cells = resolution.height * resolution.width;
        return { resolution, masks: plan.maskBlobs.map((_, k) => all.subarray(k * cells, (k + 1) * cells)) };
      }),
    [plan, details],
  );
  const sites = gpuSites ?? cpuSites;
  const layoutIndex = new Map(layout.blobs.map((b, i) => [b.id, i]));
  const colours = plan.maskBlobs.map((b) => blobColor(layoutIndex.get(b.id) ?? 0));
  const labels = plan.maskBlobs.map((b) => `Blob ${(layoutIndex.get(b.id) ?? 0) + 1}`);
  const site = sites[Math.min(selected, sites.length - 1)];
  return (
    <section className="studio-masks" aria-labelledby="studio-masks-heading" data-testid="mask-view" data-source={gpuSites ? 'gpu' : 'cpu-reference'}>
      <h3 id="studio-masks-heading">Masks the model receives</h3>
      <div role="radiogroup" aria-label="Attention site resolution" className="studio-segmented">
        {sites.map((s, i) => (
          <label key={`${s.resolution.height}x${s.resolution.width}`}>
            <input type="radio" name="studio-mask-site" checked={i === selected} onChange={() => setSelected(i)} data-testid="mask-site" />
            {s.resolution.height}×{s.resolution.width}
          </label>
        ))}
      </div>
      {site ? <MaskOverlay site={site} colours={colours} labels={labels} /> : <p className="empty-note">This pack has no attention sites.</p>}
      <p className="studio-hint">
        Mode: {details.mask.mode}
        {gpuSites ? ' · read back from the GPU' : ' · computed by the CPU reference of the GPU rasteriser'}
        {plan.hiddenBlobs > 0 ? ` · ${plan.hiddenBlobs} hidden blob(s) left out` : ''}
      </p>
    </section>
  );
}
