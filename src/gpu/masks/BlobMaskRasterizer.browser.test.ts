import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobMaskRasterizer, type MaskSiteShape } from './BlobMaskRasterizer';
import { cachedPipelineCount } from '../pipelineCache';
import { rasterizeBlobMasksReference, type BlobGeometry, type MaskModeOptions } from '../../reference/blobMasks';
import { maskError, maskGoldenFiles } from '../../reference/testing/maskGoldens';
import { blobListArbitrary } from '../testing/blobArbitraries';
import { readFloats, testDevice, withErrorScope } from '../testing/gpuTestUtils';

const TOLERANCE = 1 / 255;

describe('BlobMaskRasterizer (shaders/blob_masks.wgsl) against the CPU reference', () => {
  let device: GPUDevice;
  let rasterizer: BlobMaskRasterizer;
  beforeAll(async () => {
    ({ device } = await testDevice());
    rasterizer = new BlobMaskRasterizer(device);
  });
  afterAll(() => {
    rasterizer.destroy();
    device.destroy();
  });

  /** Rasterises on the GPU and returns the worst non-boundary error over every site. */
  async function compare(blobs: BlobGeometry[], sites: MaskSiteShape[], options: MaskModeOptions) {
    const set = await withErrorScope(device, () => rasterizer.rasterize(blobs, sites, options));
    let worst = 0;
    let boundaryCells = 0;
    for (const site of set.sites) {
      const { height: h, width: w } = site;
      const gpu = await readFloats(device, set.buffer, site.offset, blobs.length * h * w);
      const error = maskError(gpu, rasterizeBlobMasksReference(blobs, h, w, options), blobs, h, w, options.mode, TOLERANCE);
      worst = Math.max(worst, error.worst);
      boundaryCells += error.boundaryCells;
    }
    set.destroy();
    return { worst, boundaryCells };
  }

  it('matches the reference for random layouts, sites and modes (degenerate blobs included)', async () => {
    const modeArb: fc.Arbitrary<MaskModeOptions> = fc.oneof(
      fc.constant<MaskModeOptions>({ mode: 'coverage' }),
      fc.constant<MaskModeOptions>({ mode: 'hard' }),
      fc.double({ min: 0.002, max: 0.2, noNaN: true }).map((featherWidth): MaskModeOptions => ({ mode: 'feather', featherWidth })),
    );
    const siteArb = fc.record({ height: fc.integer({ min: 1, max: 40 }), width: fc.integer({ min: 1, max: 40 }) });
    let worstSeen = 0;
    await fc.assert(
      fc.asyncProperty(blobListArbitrary(12), fc.array(siteArb, { minLength: 1, maxLength: 3 }), modeArb, async (blobs, sites, mode) => {
        const { worst } = await compare(blobs, sites, mode);
        worstSeen = Math.max(worstSeen, worst);
        expect(worst).toBeLessThanOrEqual(TOLERANCE);
      }),
      { seed: 20240511, numRuns: 60 },
    );
    console.info(`[masks] property test: max abs error ${worstSeen} (tolerance ${TOLERANCE})`);
  });

  it("honours each blob's own feather width in every mode (soft edges next to hard ones)", async () => {
    const featherArb = fc.oneof(fc.constant(0), fc.constant(undefined), fc.double({ min: 0.002, max: 0.3, noNaN: true }));
    const modeArb = fc.constantFrom<MaskModeOptions>({ mode: 'coverage' }, { mode: 'hard' }, { mode: 'feather', featherWidth: 0.02 });
    await fc.assert(
      fc.asyncProperty(blobListArbitrary(8), fc.array(featherArb, { minLength: 16, maxLength: 16 }), modeArb, async (plain, feathers, mode) => {
        const blobs = plain.map((blob, i) => ({ ...blob, feather: feathers[i % feathers.length] }));
        const { worst } = await compare(blobs, [{ height: 24, width: 24 }, { height: 7, width: 9 }], mode);
        expect(worst).toBeLessThanOrEqual(TOLERANCE);
      }),
      { seed: 20261202, numRuns: 30 },
    );
    // A soft edge really is soft: a feathered blob in hard mode has cells strictly between 0 and 1.
    const blob = { cx: 0.5, cy: 0.5, a: 0.3, b: 0.2, theta: 0.4 };
    const set = rasterizer.rasterize([blob, { ...blob, feather: 0.1 }], [{ height: 32, width: 32 }], { mode: 'hard' });
    const values = await readFloats(device, set.buffer, 0, 2 * 32 * 32);
    set.destroy();
    const between = (from: number) => Array.from(values.slice(from, from + 1024)).filter((v) => v > 0.01 && v < 0.99).length;
    expect(between(0)).toBe(0);
    expect(between(1024)).toBeGreaterThan(50);
  });

  it('rasterises the default sites (32², 16², 8²) with 32 blobs in one call', async () => {
    const blobs = Array.from({ length: 32 }, (_, i) => ({ cx: (i % 6) / 5, cy: Math.floor(i / 6) / 5, a: 0.05 + 0.01 * i, b: 0.04, theta: i / 5 - 3 }));
    for (const mode of ['coverage', 'hard'] as const) {
      const { worst, boundaryCells } = await compare(blobs, [32, 16, 8].map((s) => ({ height: s, width: s })), { mode });
      expect(worst).toBe(0);
      expect(boundaryCells).toBeLessThan(4);
    }
    const { worst } = await compare(blobs, [{ height: 128, width: 128 }], { mode: 'feather', featherWidth: 0.03 });
    expect(worst).toBeLessThanOrEqual(TOLERANCE);
  });

  it('matches the masks exported by the Python trainer (public/models/*/goldens/masks.json)', async () => {
    expect(maskGoldenFiles.length).toBeGreaterThan(0);
    for (const { pack, tolerance, cases } of maskGoldenFiles) {
      let worst = 0;
      let boundaryCells = 0;
      for (const golden of cases) {
        const options: MaskModeOptions = { mode: golden.mode, featherWidth: golden.featherWidth };
        const set = rasterizer.rasterize(golden.blobs, [{ height: golden.h, width: golden.w }], options);
        const gpu = await readFloats(device, set.buffer, 0, golden.values.length);
        set.destroy();
        const error = maskError(gpu, golden.values, golden.blobs, golden.h, golden.w, golden.mode, tolerance);
        expect(error.worst, golden.name).toBeLessThanOrEqual(tolerance);
        worst = Math.max(worst, error.worst);
        boundaryCells += error.boundaryCells;
      }
      console.info(`[masks] ${pack} goldens: ${cases.length} cases, max abs error ${worst}, boundary-sample cells ${boundaryCells}`);
      expect(boundaryCells).toBeLessThanOrEqual(2);
    }
  });

  it('lays sites out 256-byte aligned, handles zero blobs, and reuses its pipeline', async () => {
    const before = cachedPipelineCount(device);
    const set = rasterizer.rasterize([{ cx: 0.5, cy: 0.5, a: 2, b: 2, theta: 0 }], [{ height: 3, width: 5 }, { height: 2, width: 2 }], { mode: 'hard' });
    expect(set.sites.map((s) => s.offset)).toEqual([0, 64]);
    expect(Array.from(await readFloats(device, set.buffer, 64, 4))).toEqual([1, 1, 1, 1]);
    const empty = rasterizer.rasterize([], [{ height: 8, width: 8 }], { mode: 'coverage' });
    expect(empty.blobCount).toBe(0);
    expect(cachedPipelineCount(device)).toBe(before);
    const bytes = rasterizer.allocatedBytes;
    set.destroy();
    empty.destroy();
    expect(rasterizer.allocatedBytes).toBeLessThan(bytes);
    expect(rasterizer.allocatedBytes).toBe(0);
  });

  it('rejects bad input with messages that say what was expected', () => {
    expect(() => rasterizer.rasterize([], [], { mode: 'coverage' })).toThrow(/At least one mask site/);
    expect(() => rasterizer.rasterize([], [{ height: 0, width: 4 }], { mode: 'coverage' })).toThrow(/height must be an integer in 1\.\.1024, got 0/);
    expect(() => rasterizer.rasterize([], [{ height: 4, width: 4 }], { mode: 'feather' })).toThrow(/featherWidth > 0/);
    expect(() => rasterizer.rasterize([], [{ height: 4, width: 4 }], { mode: 'blur' as 'hard' })).toThrow(/coverage, hard or feather/);
    expect(() => rasterizer.rasterize([{ cx: 0.5, cy: 0.5, a: 0.2, b: 0.2, theta: 0, feather: -0.1 }], [{ height: 4, width: 4 }], { mode: 'hard' })).toThrow(/Blob 0 feather width must be a finite number ≥ 0/);
  });
});
