import { useMemo } from 'react';
import { RgbaCanvas } from '../image/RgbaCanvas';
import { maskCoverage, maskOverlayPixels, type SiteMasks } from './maskImage';

/**
 * The blob masks of one attention site, at that site's own resolution (8×8 cells stay 8×8 cells,
 * scaled up without smoothing): what masked cross-attention lets each blob's tokens reach.
 */
export function MaskOverlay({ site, colours, labels }: { site: SiteMasks; colours: readonly string[]; labels: readonly string[] }) {
  const image = useMemo(
    () => ({ width: site.resolution.width, height: site.resolution.height, data: maskOverlayPixels(site, colours) }),
    [site, colours],
  );
  const { height, width } = site.resolution;
  return (
    <figure className="studio-mask" data-testid="mask-overlay" data-resolution={`${height}x${width}`}>
      <RgbaCanvas image={image} label={`Blob masks at ${height}×${width}`} />
      <figcaption>
        <ul className="studio-mask-legend">
          {site.masks.map((mask, k) => (
            <li key={k} data-testid="mask-legend-item" data-coverage={maskCoverage(mask).toFixed(3)}>
              <span className="studio-swatch" style={{ background: colours[k] }} aria-hidden="true" />
              {labels[k]}: {((100 * maskCoverage(mask)) / (height * width)).toFixed(1)} % of cells
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
