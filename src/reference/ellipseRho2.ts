/**
 * ρ² of a point against a tilted ellipse in float32. The layout's geometry has its own float64
 * ρ² (src/layout/geometry.ts, `ellipseRadiusSquared`) for editing; this one exists because the
 * trainer computes masks in float32 (training/blobgen/masks.py, docs/contracts.md §1), and only
 * rounding each step in the same order classifies boundary pixels exactly as it does. Pure: no GPU.
 */
import type { BlobGeometry } from './blobMasks';

const f = Math.fround;

/** A blob's centre, rotation and squared semi-axes, each rounded to float32 once. */
export interface EllipseFrame {
  cx: number;
  cy: number;
  cosTheta: number;
  sinTheta: number;
  a2: number;
  b2: number;
}

export function ellipseFrame(blob: BlobGeometry): EllipseFrame {
  const theta = f(blob.theta);
  return { cx: f(blob.cx), cy: f(blob.cy), cosTheta: f(Math.cos(theta)), sinTheta: f(Math.sin(theta)), a2: f(f(blob.a) * f(blob.a)), b2: f(f(blob.b) * f(blob.b)) };
}

/** ρ² at (x, y) in image-fraction units, y down; ≤ 1 inside the ellipse. */
export function ellipseRho2(frame: EllipseFrame, x: number, y: number): number {
  const dx = f(x - frame.cx);
  const dy = f(y - frame.cy);
  const pu = f(f(dx * frame.cosTheta) + f(dy * frame.sinTheta));
  const pv = f(f(-dx * frame.sinTheta) + f(dy * frame.cosTheta));
  return f(f(f(pu * pu) / frame.a2) + f(f(pv * pv) / frame.b2));
}
