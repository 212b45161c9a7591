import { describe, expect, it } from 'vitest';
import type { Blob, LayoutDocument } from '../layout/types';
import { changedRegions, REGION_CORE_RHO, REGION_EDGE_RHO, regionWeights } from './localEdit';

const blob = (id: string, cx: number, extra: Partial<Blob> = {}): Blob => ({ id, cx, cy: 0.5, a: 0.1, b: 0.05, theta: 0, description: `${id} blob`, ...extra });
const layout = (...blobs: Blob[]): LayoutDocument => ({ caption: 'a gray background', blobs });
const ellipseOf = ({ cx, cy, a, b, theta }: Blob) => ({ cx, cy, a, b, theta });

describe('changedRegions', () => {
  const base = layout(blob('a', 0.2), blob('b', 0.5), blob('c', 0.8));

  it('an unchanged layout regenerates nothing', () => {
    expect(changedRegions(base, structuredClone(base))).toEqual({ kind: 'regions', regions: [] });
  });

  it('a moved blob regenerates its old and its new place, and nothing else', () => {
    const moved = layout(blob('a', 0.2), blob('b', 0.6, { cy: 0.4 }), blob('c', 0.8));
    const result = changedRegions(base, moved);
    expect(result).toEqual({ kind: 'regions', regions: [ellipseOf(base.blobs[1] as Blob), ellipseOf(moved.blobs[1] as Blob)] });
  });

  it('a changed strength, feather or active steps regenerates the blob, a feathered one with its soft edge', () => {
    for (const change of [{ strength: 0 }, { activeSteps: { from: 0.5, to: 1 } }]) {
      const weighted = layout(blob('a', 0.2), blob('b', 0.5, change), blob('c', 0.8));
      expect(changedRegions(base, weighted), JSON.stringify(change)).toMatchObject({ kind: 'regions', regions: [{ cx: 0.5, a: 0.1 }, { cx: 0.5, a: 0.1 }] });
    }
    const soft = layout(blob('a', 0.2), blob('b', 0.5, { feather: 0.04 }), blob('c', 0.8));
    expect(changedRegions(base, soft)).toMatchObject({ kind: 'regions', regions: [{ a: 0.1, b: 0.05 }, { a: 0.14, b: 0.09 }] });
    // Defaults written out are no change.
    const explicit = layout(blob('a', 0.2, { strength: 1, feather: 0, activeSteps: { from: 0, to: 1 } }), blob('b', 0.5), blob('c', 0.8));
    expect(changedRegions(base, explicit)).toEqual({ kind: 'regions', regions: [] });
  });

  it('a new description regenerates the blob where it is', () => {
    const retold = layout(blob('a', 0.2), blob('b', 0.5, { description: 'a blue blob' }), blob('c', 0.8));
    expect(changedRegions(base, retold)).toMatchObject({ kind: 'regions', regions: [{ cx: 0.5 }, { cx: 0.5 }] });
  });

  it('added, removed, hidden and shown blobs are regions', () => {
    const b = ellipseOf(base.blobs[1] as Blob);
    expect(changedRegions(base, layout(blob('a', 0.2), blob('c', 0.8)))).toEqual({ kind: 'regions', regions: [b] });
    const added = blob('d', 0.4, { cy: 0.2 });
    expect(changedRegions(base, layout(...base.blobs, added))).toEqual({ kind: 'regions', regions: [ellipseOf(added)] });
    const hidden = layout(blob('a', 0.2), blob('b', 0.5, { hidden: true }), blob('c', 0.8));
    expect(changedRegions(base, hidden)).toEqual({ kind: 'regions', regions: [b] });
    expect(changedRegions(hidden, base)).toEqual({ kind: 'regions', regions: [b] });
  });

  it('a caption change or a new stacking order needs the whole picture', () => {
    expect(changedRegions(base, { ...base, caption: 'a blue background' })).toMatchObject({ kind: 'everything', reason: expect.stringMatching(/caption/) });
    expect(changedRegions(base, layout(blob('b', 0.5), blob('a', 0.2), blob('c', 0.8)))).toMatchObject({ kind: 'everything', reason: expect.stringMatching(/order/) });
  });
});

describe('regionWeights', () => {
  it('is 1 in the dilated core, 0 beyond the soft edge and in between on the edge', () => {
    const region = { cx: 0.5, cy: 0.5, a: 0.25, b: 0.25, theta: 0 };
    const n = 64;
    const weights = regionWeights([region], n, n);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const rho = Math.hypot((c + 0.5) / n - 0.5, (r + 0.5) / n - 0.5) / 0.25;
        const w = weights[r * n + c] ?? NaN;
        if (rho <= REGION_CORE_RHO) expect(w).toBe(1);
        else if (rho >= REGION_EDGE_RHO) expect(w).toBe(0);
        else expect(w).toBeCloseTo((REGION_EDGE_RHO - rho) / (REGION_EDGE_RHO - REGION_CORE_RHO), 6);
      }
    }
  });

  it('takes the maximum where regions overlap and is all zero without regions', () => {
    const p = { cx: 0.4, cy: 0.5, a: 0.2, b: 0.2, theta: 0 };
    const q = { cx: 0.6, cy: 0.5, a: 0.2, b: 0.2, theta: 0.7 };
    const both = regionWeights([p, q], 16, 16);
    const ps = regionWeights([p], 16, 16);
    const qs = regionWeights([q], 16, 16);
    both.forEach((w, i) => expect(w).toBe(Math.max(ps[i] ?? 0, qs[i] ?? 0)));
    expect(regionWeights([], 8, 8).every((w) => w === 0)).toBe(true);
  });
});
