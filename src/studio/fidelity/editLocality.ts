/**
 * Locality of a same-seed edit (issue 6): how much of the change between two images falls where
 * the edit happened. The changed mass is Σ|Δ| over pixels and RGB channels; "where the edit
 * happened" is the union of the edited blob's old and new ellipses, each dilated by `dilation`
 * (10 % of its radii). BlobGEN's claim is that, with the noise fixed, an edit to one blob
 * changes the image mostly there.
 */
import { ellipseRadiusSquared } from '../../layout/geometry';
import type { RgbaPixels } from './colourFidelity';

export interface EllipseGeometry {
  cx: number;
  cy: number;
  a: number;
  b: number;
  theta: number;
}

export interface EditLocality {
  /** Σ|Δ| over all pixels (RGB, 0..255 units). */
  changedMass: number;
  /** The part of it inside the dilated old ∪ new region. */
  insideMass: number;
  /** insideMass / changedMass; 1 when nothing changed. */
  share: number;
}

function inside(e: EllipseGeometry, x: number, y: number, dilation: number): boolean {
  return ellipseRadiusSquared({ ...e, a: e.a * (1 + dilation), b: e.b * (1 + dilation) }, x, y) <= 1;
}

export function measureEditLocality(before: RgbaPixels, after: RgbaPixels, regions: readonly EllipseGeometry[], dilation = 0.1): EditLocality {
  if (before.width !== after.width || before.height !== after.height) throw new Error('measureEditLocality: the images differ in size');
  const { width, height } = before;
  let changedMass = 0;
  let insideMass = 0;
  for (let r = 0; r < height; r++) {
    const y = (r + 0.5) / height;
    for (let c = 0; c < width; c++) {
      const p = (r * width + c) * 4;
      let delta = 0;
      for (let k = 0; k < 3; k++) delta += Math.abs((before.data[p + k] ?? 0) - (after.data[p + k] ?? 0));
      if (delta === 0) continue;
      changedMass += delta;
      const x = (c + 0.5) / width;
      if (regions.some((e) => inside(e, x, y, dilation))) insideMass += delta;
    }
  }
  return { changedMass, insideMass, share: changedMass === 0 ? 1 : insideMass / changedMass };
}
