import { describe, expect, it } from 'vitest';
import { maskError, maskGoldenFiles } from './testing/maskGoldens';
import { rasterizeBlobMasksReference } from './blobMasks';

describe('rasterizeBlobMasksReference', () => {
  it('reproduces the Python trainer’s goldens (contracts.md §2)', () => {
    expect(maskGoldenFiles.length).toBeGreaterThan(0);
    for (const { tolerance, cases } of maskGoldenFiles) {
      for (const golden of cases) {
        const ours = rasterizeBlobMasksReference(golden.blobs, golden.h, golden.w, { mode: golden.mode, featherWidth: golden.featherWidth });
        const { worst, boundaryCells } = maskError(ours, golden.values, golden.blobs, golden.h, golden.w, golden.mode, tolerance);
        expect(worst, golden.name).toBeLessThanOrEqual(1e-6);
        expect(boundaryCells, golden.name).toBe(0);
      }
    }
  });

  it('covers nothing for degenerate blobs and everything for a blob larger than the image', () => {
    const degenerate = [
      { cx: 0.5, cy: 0.5, a: 0, b: 0.2, theta: 0 },
      { cx: 0.5, cy: 0.5, a: 0.2, b: -1, theta: 0 },
      { cx: Number.NaN, cy: 0.5, a: 0.2, b: 0.2, theta: 0 },
      { cx: 5, cy: 5, a: 0.2, b: 0.2, theta: 0 },
    ];
    expect(rasterizeBlobMasksReference(degenerate, 4, 4, { mode: 'coverage' }).every((v) => v === 0)).toBe(true);
    const huge = rasterizeBlobMasksReference([{ cx: 0.5, cy: 0.5, a: 3, b: 3, theta: 1 }], 4, 4, { mode: 'feather', featherWidth: 0.05 });
    expect(huge.every((v) => v === 1)).toBe(true);
    expect(() => rasterizeBlobMasksReference([], 4, 4, { mode: 'feather' })).toThrow(/featherWidth > 0/);
  });

  it("gives a blob with its own feather width the feather mask of that width, whatever the pack's mode", () => {
    const blob = { cx: 0.45, cy: 0.55, a: 0.3, b: 0.15, theta: 0.7 };
    const asFeather = rasterizeBlobMasksReference([blob], 16, 16, { mode: 'feather', featherWidth: 0.08 });
    for (const mode of ['hard', 'coverage'] as const) {
      expect(rasterizeBlobMasksReference([{ ...blob, feather: 0.08 }], 16, 16, { mode })).toEqual(asFeather);
      expect(rasterizeBlobMasksReference([{ ...blob, feather: 0 }], 16, 16, { mode })).toEqual(rasterizeBlobMasksReference([blob], 16, 16, { mode }));
    }
    // The pack's feather width is a floor: a narrower own width does not harden the edge.
    expect(rasterizeBlobMasksReference([{ ...blob, feather: 0.01 }], 16, 16, { mode: 'feather', featherWidth: 0.08 })).toEqual(asFeather);
    const wider = rasterizeBlobMasksReference([{ ...blob, feather: 0.2 }], 16, 16, { mode: 'feather', featherWidth: 0.08 });
    expect(wider).not.toEqual(asFeather);
  });
});
