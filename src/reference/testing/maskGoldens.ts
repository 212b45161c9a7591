/**
 * Mask goldens exported by the Python trainer (training/blobgen/masks.py) into every pack:
 * public/models/<pack>/goldens/masks.json. Found by glob so that new packs are tested too.
 */
import type { BlobGeometry, MaskMode } from '../blobMasks';

export interface MaskGoldenCase {
  name: string;
  blobs: BlobGeometry[];
  h: number;
  w: number;
  mode: MaskMode;
  featherWidth?: number;
  values: number[];
}

interface MaskGoldenFile {
  tolerance: number;
  cases: MaskGoldenCase[];
}

const files = import.meta.glob<MaskGoldenFile>('../../../public/models/*/goldens/masks.json', { eager: true, import: 'default' });

export const maskGoldenFiles: { pack: string; tolerance: number; cases: MaskGoldenCase[] }[] = Object.entries(files).map(([path, file]) => ({
  pack: path.split('/').at(-3) ?? path,
  tolerance: file.tolerance,
  cases: file.cases,
}));

/** True when a sample of the cell lies on the ellipse boundary to within float32 rounding (contract §2's exception). */
export function hasBoundarySample(blob: BlobGeometry, h: number, w: number, row: number, col: number): boolean {
  const ct = Math.cos(blob.theta);
  const st = Math.sin(blob.theta);
  for (let j = 0; j < 4; j++) {
    for (let i = 0; i < 4; i++) {
      const dx = (col + (i + 0.5) / 4) / w - blob.cx;
      const dy = (row + (j + 0.5) / 4) / h - blob.cy;
      const r2 = (dx * ct + dy * st) ** 2 / blob.a ** 2 + (-dx * st + dy * ct) ** 2 / blob.b ** 2;
      if (Math.abs(r2 - 1) < 1e-5) return true;
    }
  }
  return false;
}

/**
 * Worst per-cell error of `actual` against `expected` (float32[nBlobs, h, w]), not counting
 * coverage/hard cells (of blobs without their own feather) whose difference comes from a sample on
 * the boundary.
 */
export function maskError(actual: ArrayLike<number>, expected: ArrayLike<number>, blobs: readonly BlobGeometry[], h: number, w: number, mode: MaskMode, tolerance: number) {
  let worst = 0;
  let boundaryCells = 0;
  for (let index = 0; index < expected.length; index++) {
    const err = Math.abs((actual[index] ?? NaN) - (expected[index] ?? NaN));
    const blob = blobs[Math.floor(index / (h * w))];
    const cell = index % (h * w);
    if (!(err <= tolerance) && mode !== 'feather' && blob && !((blob.feather ?? 0) > 0) && hasBoundarySample(blob, h, w, Math.floor(cell / w), cell % w)) boundaryCells++;
    else worst = Math.max(worst, Number.isNaN(err) ? Infinity : err);
  }
  return { worst, boundaryCells };
}
