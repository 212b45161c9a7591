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

/** Rasterises blobs into float32[nBlobs, h, w] (row-major, blob order = input order). */
export function rasterizeBlobMasksReference(blobs: readonly BlobGeometry[], h: number, w: number, options: MaskModeOptions): Float32Array {
  const out = new Float32Array(blobs.length * h * w);
  if (options.mode === 'feather' && !((options.featherWidth ?? 0) > 0)) throw new Error('feather mode needs featherWidth > 0');
  const offsets = [0, 1, 2, 3].map((i) => f(f(i + 0.5) / 4));
  blobs.forEach((blob, k) => {
    if (!isBlobValid(blob)) return;
    const frame = ellipseFrame(blob);
    const scale = options.mode === 'feather' ? f(f(Math.min(blob.a, blob.b)) / f(options.featherWidth ?? 1)) : 0;
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
        const value = options.mode === 'coverage' ? inside / 16 : options.mode === 'hard' ? (inside >= 8 ? 1 : 0) : featherSum / 16;
        out[k * h * w + r * w + c] = value;
      }
    }
  });
  return out;
}
