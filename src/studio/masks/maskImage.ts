/**
 * Blob masks → one RGBA picture: each mask tints its cells with the blob's editor colour, with
 * opacity = mask value (coverage), so soft edges stay visible; overlaps mix. Pure, for the mask view.
 */

export interface SiteMasks {
  resolution: { height: number; width: number };
  /** One float mask per generated blob, row-major h×w, values in [0, 1]. */
  masks: Float32Array[];
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return Number.isFinite(n) ? [(n >> 16) & 255, (n >> 8) & 255, n & 255] : [128, 128, 128];
}

export function maskOverlayPixels(site: SiteMasks, colours: readonly string[]): Uint8ClampedArray {
  const { height, width } = site.resolution;
  const out = new Uint8ClampedArray(width * height * 4);
  // Start from a light neutral background: "no blob here" (only the caption applies).
  for (let p = 0; p < width * height; p++) out.set([245, 245, 245, 255], p * 4);
  site.masks.forEach((mask, k) => {
    const [r, g, b] = hexToRgb(colours[k] ?? '#888888');
    for (let p = 0; p < width * height; p++) {
      const alpha = Math.min(1, Math.max(0, mask[p] ?? 0)) * 0.75;
      if (alpha === 0) continue;
      out[p * 4] = (out[p * 4] ?? 0) * (1 - alpha) + r * alpha;
      out[p * 4 + 1] = (out[p * 4 + 1] ?? 0) * (1 - alpha) + g * alpha;
      out[p * 4 + 2] = (out[p * 4 + 2] ?? 0) * (1 - alpha) + b * alpha;
    }
  });
  return out;
}

/** Total coverage of each mask in cells (what the e2e test compares with the layout). */
export function maskCoverage(mask: Float32Array): number {
  let sum = 0;
  for (const v of mask) sum += v;
  return sum;
}
