/**
 * Local edits (BlobGEN's same-seed editing, made strict): when a layout changes only in some
 * blobs, regenerate only where those blobs were or are, and keep the previous generation's
 * sampling trajectory everywhere else (blended sampling, as in Blended Latent Diffusion,
 * Avrahami et al. 2023). The model still sees the whole new layout at every step, so the edited
 * regions are painted in context; pixels away from them stay exactly as they were.
 *
 * Pure: layouts in, ellipses and a weight map out.
 */
import { ellipseRadiusSquared } from '../layout/geometry';
import type { Blob, LayoutDocument } from '../layout/types';

type Ellipse = Pick<Blob, 'cx' | 'cy' | 'a' | 'b' | 'theta'>;

export type EditRegions = { kind: 'regions'; regions: Ellipse[] } | { kind: 'everything'; reason: string };

/** ρ up to which a region is fully regenerated, and where its weight reaches 0 (soft edge). */
export const REGION_CORE_RHO = 1.1;
export const REGION_EDGE_RHO = 1.3;

const visible = (blobs: readonly Blob[]) => blobs.filter((b) => !b.hidden);
const sameGeometry = (p: Blob, q: Blob) => p.cx === q.cx && p.cy === q.cy && p.a === q.a && p.b === q.b && p.theta === q.theta;
const sameWeights = (p: Blob, q: Blob) =>
  (p.strength ?? 1) === (q.strength ?? 1) &&
  (p.feather ?? 0) === (q.feather ?? 0) &&
  (p.activeSteps?.from ?? 0) === (q.activeSteps?.from ?? 0) &&
  (p.activeSteps?.to ?? 1) === (q.activeSteps?.to ?? 1);

/** Where a blob acts: its ellipse, grown by its feather width (a soft edge reaches past the outline). */
function reach(blob: Blob): Ellipse {
  const grow = blob.feather ?? 0;
  return { cx: blob.cx, cy: blob.cy, a: blob.a + grow, b: blob.b + grow, theta: blob.theta };
}

/**
 * The ellipses to regenerate when `after` replaces `before`: the old and new place of every blob
 * whose geometry, description or weights (strength, feather, active steps) changed, every added
 * and every removed (or hidden / shown) blob; a feathered blob's place includes its soft edge.
 * A changed caption, or a change of stacking order, affects the whole picture.
 */
export function changedRegions(before: LayoutDocument, after: LayoutDocument): EditRegions {
  if (before.caption !== after.caption) return { kind: 'everything', reason: 'the caption changed' };
  const was = visible(before.blobs);
  const now = visible(after.blobs);
  const nowIds = new Set(now.map((b) => b.id));
  const wasById = new Map(was.map((b) => [b.id, b]));
  const common = now.filter((b) => wasById.has(b.id)).map((b) => b.id);
  const commonBefore = was.filter((b) => nowIds.has(b.id)).map((b) => b.id);
  if (common.some((id, i) => commonBefore[i] !== id)) return { kind: 'everything', reason: 'the stacking order changed' };
  const regions: Ellipse[] = [];
  for (const blob of was) if (!nowIds.has(blob.id)) regions.push(reach(blob));
  for (const blob of now) {
    const old = wasById.get(blob.id);
    if (!old) regions.push(reach(blob));
    else if (!sameGeometry(old, blob) || old.description !== blob.description || !sameWeights(old, blob)) regions.push(reach(old), reach(blob));
  }
  return { kind: 'regions', regions };
}

/**
 * Per-pixel weight of the new sample on an h×w grid (pixel centres, image-fraction units): 1
 * within ρ ≤ REGION_CORE_RHO of any region, falling linearly to 0 at REGION_EDGE_RHO, 0 elsewhere.
 */
export function regionWeights(regions: readonly Ellipse[], height: number, width: number): Float32Array {
  const weights = new Float32Array(height * width);
  for (const region of regions) {
    for (let r = 0; r < height; r++) {
      const y = (r + 0.5) / height;
      for (let c = 0; c < width; c++) {
        const rho = Math.sqrt(ellipseRadiusSquared(region, (c + 0.5) / width, y));
        const w = Math.min(1, Math.max(0, (REGION_EDGE_RHO - rho) / (REGION_EDGE_RHO - REGION_CORE_RHO)));
        const k = r * width + c;
        if (w > (weights[k] ?? 0)) weights[k] = w;
      }
    }
  }
  return weights;
}
