/**
 * CPU reference of the blob mask contract (docs/contracts.md §1–§2), pure TypeScript.
 * Every operation is rounded to float32 (Math.fround) in the same order as
 * training/blobgen/masks.py, so that the reference, the Python trainer and the WGSL kernel agree
 * except for samples lying on an ellipse boundary to within float rounding.
 */
import { ellipseFrame, ellipseRho2 } from './ellipseRho2';

export type MaskMode = 'coverage' | 'hard' | 'feather';

/** Blob parameters of layout JSON v1: centre and semi-axes as fractions of the image, θ in radians. */
export interface BlobGeometry {
  cx: number;
  cy: number;
  a: number;
  b: number;
  theta: number;
  /**
   * The blob's own soft edge: feather width (fraction of the image width) used instead of the
   * pack's mode for this blob. 0 or absent: the pack's mode. The pack's `feather` width, when
   * set, is the floor of every blob's width.
   */
  feather?: number;
}

export interface MaskModeOptions {
  mode: MaskMode;
  /** Feather width f > 0 (fraction of the image width); required by `feather`. */
  featherWidth?: number;
}

const f = Math.fround;

/** Contract §1: a blob with a ≤ 0, b ≤ 0 or any non-finite value covers nothing. */
export function isBlobValid(blob: BlobGeometry): boolean {
  const values = [blob.cx, blob.cy, blob.a, blob.b, blob.theta];
  return values.every(Number.isFinite) && blob.a > 0 && blob.b > 0;
}

/**
 * The feather width that applies to a blob: its own when given, else the pack's in feather mode,
 * else 0 (a hard or coverage mask). The larger wins when both are set, so a pack trained on soft
 * masks never gets a harder edge than it was trained with.
 */
export function effectiveFeatherWidth(blob: BlobGeometry, options: MaskModeOptions): number {
  const own = Number.isFinite(blob.feather) && (blob.feather ?? 0) > 0 ? (blob.feather ?? 0) : 0;
  const pack = options.mode === 'feather' ? (options.featherWidth ?? 0) : 0;
  return Math.max(own, pack);
}

/** Rasterises blobs into float32[nBlobs, h, w] (row-major, blob order = input order). */
export function rasterizeBlobMasksReference(blobs: readonly BlobGeometry[], h: number, w: number, options: MaskModeOptions): Float32Array {
  const out = new Float32Array(blobs.length * h * w);
  if (options.mode === 'feather' && !((options.featherWidth ?? 0) > 0)) throw new Error('feather mode needs featherWidth > 0');
  const offsets = [0, 1, 2, 3].map((i) => f(f(i + 0.5) / 4));
  blobs.forEach((blob, k) => {
    if (!isBlobValid(blob)) return;
    const frame = ellipseFrame(blob);
    const width = effectiveFeatherWidth(blob, options);
    const scale = width > 0 ? f(f(Math.min(blob.a, blob.b)) / f(width)) : 0;
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        let inside = 0;
        let featherSum = 0;
        for (const oy of offsets) {
          const y = f(f(r + oy) / h);
          for (const ox of offsets) {
            const x = f(f(c + ox) / w);
            const r2 = ellipseRho2(frame, x, y);
            if (r2 <= 1) inside++;
            featherSum += Math.min(1, Math.max(0, f(0.5 + f(f(1 - f(Math.sqrt(r2))) * scale))));
          }
        }
        const value = width > 0 ? featherSum / 16 : options.mode === 'coverage' ? inside / 16 : inside >= 8 ? 1 : 0;
        out[k * h * w + r * w + c] = value;
      }
    }
  });
  return out;
}
