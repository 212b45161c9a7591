/**
 * Locality of training-free blob conditioning at Stable-Diffusion cross-attention site shapes
 * (issue 15, item 4): changing blob i's description — its 77-token K/V segment — may change the
 * attention output only where blob i's mask is non-zero, since the kernel excludes keys whose
 * mask weight is 0. Outside the mask the output must be bit-identical; inside, it must change.
 *
 * The batch is the engine's CFG layout (src/engine/generationPlan.ts): segments
 * [negative caption, caption, blob 1..N], items [[negative]] and [[caption, blob 1..N]], every
 * segment 77 tokens, all attended. Masks come from the GPU rasteriser; the inside/outside regions
 * are read back from the very mask buffer the kernel reads.
 *
 * SwiftShader runs at ~0.5–1 GFLOP/s and a site's shape enters the kernel's arithmetic only
 * through the head width (pixels are independent queries), so the head widths are tested at small
 * maps and one case runs at SD-1.5's 64×64 (first down block at 512²).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobMaskRasterizer, type BlobMaskSet } from '../masks/BlobMaskRasterizer';
import { MaskedCrossAttention, siteMasks, type AttentionVariant } from './MaskedCrossAttention';
import type { BlobGeometry, MaskMode } from '../../reference/blobMasks';
import { maskedCrossAttentionReference, type SegmentEntry } from '../../reference/maskedAttention';
import { randomTensor, seededRandom } from '../testing/attentionProblems';
import { maxAbsDiff, readFloats, testDevice, uploadFloats, withErrorScope } from '../testing/gpuTestUtils';

/** CLIP's context length: every segment (caption or blob description) is one 77-token encoding. */
const TOKENS = 77;
/** GPU (f32, online softmax) against the float64 two-pass reference, as in MaskedCrossAttention.browser.test.ts. */
const REFERENCE_TOLERANCE = 1e-4;
/** Inside blob i, at least this fraction of pixels must change when its description changes. */
const MIN_INSIDE_CHANGED = 0.95;

/** Two overlapping blobs (0 and 1) and one apart (2), in image fractions. */
const THREE_BLOBS: BlobGeometry[] = [
  { cx: 0.35, cy: 0.38, a: 0.26, b: 0.17, theta: 0.3 },
  { cx: 0.58, cy: 0.5, a: 0.22, b: 0.14, theta: -0.5 },
  { cx: 0.8, cy: 0.82, a: 0.13, b: 0.11, theta: 0 },
];

interface SiteCase {
  name: string;
  heads: number;
  headDim: number;
  side: number;
  blobs: BlobGeometry[];
}

const SITE_CASES: SiteCase[] = [
  { name: 'SD-1.5 d40 (8 heads)', heads: 8, headDim: 40, side: 16, blobs: THREE_BLOBS },
  { name: 'SD-1.5 d80 (8 heads)', heads: 8, headDim: 80, side: 16, blobs: THREE_BLOBS },
  { name: 'SD-1.5 d160 (8 heads)', heads: 8, headDim: 160, side: 8, blobs: THREE_BLOBS },
  { name: 'SD-2.x d64 (5 heads)', heads: 5, headDim: 64, side: 16, blobs: THREE_BLOBS },
];

interface LocalityProblem {
  pixels: number;
  heads: number;
  headDim: number;
  blobCount: number;
  items: SegmentEntry[][];
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
}

/** Segments [negative, caption, blob 1..N] with random Q/K/V (seeded), in the engine's CFG item layout. */
function buildLocalityProblem(pixels: number, heads: number, headDim: number, blobCount: number, seed: number): LocalityProblem {
  const random = seededRandom(seed);
  const channels = heads * headDim;
  const segments = 2 + blobCount;
  const conditional: SegmentEntry[] = [{ segment: 1, mask: -1 }, ...Array.from({ length: blobCount }, (_, k) => ({ segment: 2 + k, mask: k }))];
  return {
    pixels,
    heads,
    headDim,
    blobCount,
    items: [[{ segment: 0, mask: -1 }], conditional],
    q: randomTensor(2 * pixels * channels, random, 1.5),
    k: randomTensor(segments * TOKENS * channels, random, 1.5),
    v: randomTensor(segments * TOKENS * channels, random, 1),
  };
}

/** K or V with blob `blob`'s 77-token segment replaced by fresh random values: a new description. */
function withNewDescription(text: Float32Array, problem: LocalityProblem, blob: number, random: () => number, amplitude: number): Float32Array {
  const segmentFloats = TOKENS * problem.heads * problem.headDim;
  const changed = text.slice();
  changed.set(randomTensor(segmentFloats, random, amplitude), (2 + blob) * segmentFloats);
  return changed;
}

interface PixelDiff {
  /** Per pixel of the conditional item: does any channel of any head differ bitwise? */
  changed: boolean[];
  /** Pixels of the unconditional item with any bitwise difference. */
  unconditionalChanged: number;
}

/** Bitwise per-pixel comparison of two float32[2, HW, heads·d] outputs (−0 ≠ +0 and NaN ≠ NaN count as changes). */
function comparePixels(before: Float32Array, after: Float32Array, pixels: number, channels: number): PixelDiff {
  const a = new Uint32Array(before.buffer, before.byteOffset, before.length);
  const b = new Uint32Array(after.buffer, after.byteOffset, after.length);
  const pixelChanged = (item: number, j: number) => {
    const base = (item * pixels + j) * channels;
    for (let c = 0; c < channels; c++) if (a[base + c] !== b[base + c]) return true;
    return false;
  };
  let unconditionalChanged = 0;
  for (let j = 0; j < pixels; j++) if (pixelChanged(0, j)) unconditionalChanged++;
  return { changed: Array.from({ length: pixels }, (_, j) => pixelChanged(1, j)), unconditionalChanged };
}

interface BlobLocality {
  insidePixels: number;
  insideChanged: number;
  outsidePixels: number;
  outsideChanged: number;
  /** Outside blob i but inside another blob: shows the check covers other blobs' pixels too. */
  outsideInOtherBlob: number;
  unconditionalChanged: number;
  /** Largest |Δ| inside blob i (how clearly it changed). */
  insideMaxDelta: number;
}

function blobLocality(diff: PixelDiff, before: Float32Array, after: Float32Array, masks: Float32Array, blob: number, problem: LocalityProblem): BlobLocality {
  const { pixels, blobCount } = problem;
  const channels = problem.heads * problem.headDim;
  const result: BlobLocality = {
    insidePixels: 0, insideChanged: 0, outsidePixels: 0, outsideChanged: 0, outsideInOtherBlob: 0,
    unconditionalChanged: diff.unconditionalChanged, insideMaxDelta: 0,
  };
  for (let j = 0; j < pixels; j++) {
    const weight = masks[blob * pixels + j] ?? NaN;
    if (weight > 0) {
      result.insidePixels++;
      if (diff.changed[j]) result.insideChanged++;
      const base = (pixels + j) * channels;
      for (let c = 0; c < channels; c++) {
        result.insideMaxDelta = Math.max(result.insideMaxDelta, Math.abs((after[base + c] ?? NaN) - (before[base + c] ?? NaN)));
      }
    } else if (weight === 0) {
      result.outsidePixels++;
      if (diff.changed[j]) result.outsideChanged++;
      for (let other = 0; other < blobCount; other++) {
        if (other !== blob && (masks[other * pixels + j] ?? 0) > 0) {
          result.outsideInOtherBlob++;
          break;
        }
      }
    } else {
      throw new Error(`Mask ${blob} holds ${weight} at pixel ${j}; masks must be finite and ≥ 0.`);
    }
  }
  return result;
}

describe('Masked cross-attention locality at SD site shapes (real WebGPU)', () => {
  let device: GPUDevice;
  let rasterizer: BlobMaskRasterizer;
  const attention = new Map<AttentionVariant | 'auto', MaskedCrossAttention>();
  beforeAll(async () => {
    ({ device } = await testDevice());
    rasterizer = new BlobMaskRasterizer(device);
  });
  afterAll(() => {
    for (const kernel of attention.values()) kernel.destroy();
    rasterizer.destroy();
    device.destroy();
  });

  function kernel(variant: AttentionVariant | 'auto'): MaskedCrossAttention {
    let made = attention.get(variant);
    if (!made) {
      made = new MaskedCrossAttention(device, { variant });
      attention.set(variant, made);
    }
    return made;
  }

  /** Runs one site: the kernel reads `kernelMasks`; returns the output of each K/V pair given. */
  async function runSite(
    variant: AttentionVariant | 'auto',
    problem: LocalityProblem,
    kernelMasks: BlobMaskSet,
    texts: { k: Float32Array; v: Float32Array }[],
  ): Promise<Float32Array[]> {
    const attend = kernel(variant);
    const q = uploadFloats(device, problem.q);
    const outputs: Float32Array[] = [];
    const plan = attend.plan({
      batch: 2,
      pixels: problem.pixels,
      heads: problem.heads,
      headDim: problem.headDim,
      segments: 2 + problem.blobCount,
      tokensPerSegment: TOKENS,
      tokenCounts: Array.from({ length: 2 + problem.blobCount }, () => TOKENS),
      items: problem.items,
      masks: siteMasks(kernelMasks, 0),
    });
    for (const text of texts) {
      const k = uploadFloats(device, text.k);
      const v = uploadFloats(device, text.v);
      const output = attend.createOutput(plan);
      await withErrorScope(device, () => attend.run(plan, { q, k, v, output }));
      outputs.push(await readFloats(device, output, 0, problem.q.length));
      attend.memory.release(output);
      k.destroy();
      v.destroy();
    }
    plan.destroy();
    q.destroy();
    return outputs;
  }

  /**
   * Baseline run plus one run per blob with that blob's description replaced; returns the
   * locality of each blob measured against the masks in `regionMasks` (the kernel's own masks
   * unless a test plants wrong ones).
   */
  async function localityPerBlob(options: {
    variant: AttentionVariant | 'auto';
    problem: LocalityProblem;
    kernelMasks: BlobMaskSet;
    regionMasks: Float32Array;
    seed: number;
  }): Promise<{ perBlob: BlobLocality[]; baseline: Float32Array }> {
    const { problem } = options;
    const random = seededRandom(options.seed);
    const texts = [{ k: problem.k, v: problem.v }];
    for (let blob = 0; blob < problem.blobCount; blob++) {
      texts.push({ k: withNewDescription(problem.k, problem, blob, random, 1.5), v: withNewDescription(problem.v, problem, blob, random, 1) });
    }
    const [baseline, ...changed] = await runSite(options.variant, problem, options.kernelMasks, texts);
    if (!baseline) throw new Error('runSite returned no baseline output.');
    const channels = problem.heads * problem.headDim;
    const perBlob = changed.map((after, blob) =>
      blobLocality(comparePixels(baseline, after, problem.pixels, channels), baseline, after, options.regionMasks, blob, problem),
    );
    return { perBlob, baseline };
  }

  async function rasterise(blobs: BlobGeometry[], side: number, mode: MaskMode): Promise<{ set: BlobMaskSet; masks: Float32Array }> {
    const set = await withErrorScope(device, () => rasterizer.rasterize(blobs, [{ height: side, width: side }], { mode }));
    const site = set.sites[0];
    if (!site) throw new Error('The rasteriser returned no site.');
    return { set, masks: await readFloats(device, set.buffer, site.offset, blobs.length * side * side) };
  }

  function expectLocal(label: string, perBlob: BlobLocality[], minOutsideInOtherBlob: (blob: number) => number) {
    perBlob.forEach((blob, i) => {
      const where = `${label}, blob ${i}`;
      console.info(
        `[locality] ${where}: inside ${blob.insideChanged}/${blob.insidePixels} changed (max |Δ| ${blob.insideMaxDelta.toExponential(2)}), ` +
          `outside ${blob.outsideChanged}/${blob.outsidePixels} changed (${blob.outsideInOtherBlob} in other blobs), unconditional ${blob.unconditionalChanged} changed`,
      );
      expect(blob.insidePixels, `${where}: the mask covers no pixel, so the test would prove nothing`).toBeGreaterThan(0);
      expect(blob.outsidePixels, `${where}: the mask covers every pixel, so the test would prove nothing`).toBeGreaterThan(0);
      expect(blob.outsideInOtherBlob, `${where}: pixels outside this blob but inside another`).toBeGreaterThanOrEqual(minOutsideInOtherBlob(i));
      expect(blob.outsideChanged, `${where}: pixels outside the mask whose output changed (must be bit-identical)`).toBe(0);
      expect(blob.unconditionalChanged, `${where}: pixels of the unconditional item that changed`).toBe(0);
      expect(blob.insideChanged / blob.insidePixels, `${where}: fraction of pixels inside the mask that changed`).toBeGreaterThanOrEqual(MIN_INSIDE_CHANGED);
    });
  }

  it.each(SITE_CASES)('$name at $side×$side, 3 blobs (two overlapping), hard masks: changes stay inside each blob', async (site) => {
    const started = performance.now();
    const pixels = site.side * site.side;
    const problem = buildLocalityProblem(pixels, site.heads, site.headDim, site.blobs.length, 1000 + site.headDim);
    const { set, masks } = await rasterise(site.blobs, site.side, 'hard');
    const { perBlob } = await localityPerBlob({ variant: 'auto', problem, kernelMasks: set, regionMasks: masks, seed: 77 + site.headDim });
    set.destroy();
    // Blobs 0 and 1 overlap: each one's outside must include pixels of the other.
    expectLocal(`${site.name} ${site.side}²`, perBlob, (i) => (i < 2 ? 1 : 0));
    console.info(`[locality] ${site.name} ${site.side}²: ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('SD-1.5 d40 (8 heads) at 64×64 with 2 overlapping blobs, hard masks', async () => {
    const started = performance.now();
    const blobs = THREE_BLOBS.slice(0, 2);
    const problem = buildLocalityProblem(64 * 64, 8, 40, blobs.length, 4096);
    const { set, masks } = await rasterise(blobs, 64, 'hard');
    const { perBlob } = await localityPerBlob({ variant: 'auto', problem, kernelMasks: set, regionMasks: masks, seed: 4097 });
    set.destroy();
    expectLocal('SD-1.5 d40 64²', perBlob, () => 1);
    console.info(`[locality] SD-1.5 d40 64²: ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('agrees with the CPU reference at SD-2.x d64 (5 heads), 16×16, 3 blobs, hard and coverage masks', async () => {
    for (const mode of ['hard', 'coverage'] as const) {
      const problem = buildLocalityProblem(256, 5, 64, 3, 2024);
      const { set, masks } = await rasterise(THREE_BLOBS, 16, mode);
      const [gpu] = await runSite('auto', problem, set, [{ k: problem.k, v: problem.v }]);
      set.destroy();
      const reference = maskedCrossAttentionReference({
        batch: 2, pixels: 256, heads: 5, headDim: 64, segments: 5, tokensPerSegment: TOKENS,
        tokenCounts: [TOKENS, TOKENS, TOKENS, TOKENS, TOKENS], items: problem.items, q: problem.q, k: problem.k, v: problem.v, masks,
      });
      const error = maxAbsDiff(gpu ?? new Float32Array(), reference);
      console.info(`[locality] GPU vs CPU reference (${mode}): max abs error ${error.toExponential(2)} (tolerance ${REFERENCE_TOLERANCE})`);
      expect(error).toBeLessThanOrEqual(REFERENCE_TOLERANCE);
    }
  });

  it('coverage masks: unchanged exactly where coverage is 0, and partial-coverage edges change where hard masks would not', async () => {
    const side = 16;
    const pixels = side * side;
    const problem = buildLocalityProblem(pixels, 8, 40, 3, 555);
    const hard = await rasterise(THREE_BLOBS, side, 'hard');
    const coverage = await rasterise(THREE_BLOBS, side, 'coverage');
    const hardRun = await localityPerBlob({ variant: 'auto', problem, kernelMasks: hard.set, regionMasks: hard.masks, seed: 9 });
    const coverageRun = await localityPerBlob({ variant: 'auto', problem, kernelMasks: coverage.set, regionMasks: coverage.masks, seed: 9 });
    hard.set.destroy();
    coverage.set.destroy();
    expectLocal('coverage d40 16²', coverageRun.perBlob, (i) => (i < 2 ? 1 : 0));
    // Same inputs, different masks: the two modes really differ somewhere.
    expect(maxAbsDiff(hardRun.baseline, coverageRun.baseline)).toBeGreaterThan(1e-3);
    let softEdgeTotal = 0;
    for (let blob = 0; blob < THREE_BLOBS.length; blob++) {
      // Edge pixels with 0 < coverage < ½ are outside the hard mask; coverage mode attends them.
      let softEdge = 0;
      for (let j = 0; j < pixels; j++) {
        const c = coverage.masks[blob * pixels + j] ?? 0;
        if (c > 0 && (hard.masks[blob * pixels + j] ?? 0) === 0) softEdge++;
      }
      const hardInside = hardRun.perBlob[blob]?.insidePixels ?? 0;
      const coverageInside = coverageRun.perBlob[blob]?.insidePixels ?? 0;
      console.info(`[locality] blob ${blob}: hard mask ${hardInside} px, coverage > 0 on ${coverageInside} px (${softEdge} soft-edge px outside the hard mask)`);
      expect(coverageInside).toBe(hardInside + softEdge);
      // Coverage mode changes strictly more pixels than hard mode: the soft edges.
      expect(coverageRun.perBlob[blob]?.insideChanged ?? 0).toBeGreaterThan(hardRun.perBlob[blob]?.insideChanged ?? 0);
      softEdgeTotal += softEdge;
    }
    expect(softEdgeTotal).toBeGreaterThan(0);
  });

  it('the tiled variant (real GPUs) keeps changes inside each blob too (SD-2.x d64, 8×8)', async () => {
    const started = performance.now();
    const problem = buildLocalityProblem(64, 5, 64, 3, 31);
    const { set, masks } = await rasterise(THREE_BLOBS, 8, 'hard');
    const { perBlob } = await localityPerBlob({ variant: 'tiled', problem, kernelMasks: set, regionMasks: masks, seed: 32 });
    set.destroy();
    expectLocal('tiled d64 8²', perBlob, () => 0);
    console.info(`[locality] tiled d64 8²: ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('the check catches a leak: masks that miss part of a blob show changes outside the measured region', async () => {
    // The kernel reads masks of blobs shifted right; locality is measured against the true blobs.
    const side = 16;
    const problem = buildLocalityProblem(side * side, 8, 40, 3, 808);
    const truth = await rasterise(THREE_BLOBS, side, 'hard');
    const shifted = await rasterise(THREE_BLOBS.map((b) => ({ ...b, cx: b.cx + 0.15 })), side, 'hard');
    const { perBlob } = await localityPerBlob({ variant: 'auto', problem, kernelMasks: shifted.set, regionMasks: truth.masks, seed: 809 });
    truth.set.destroy();
    shifted.set.destroy();
    perBlob.forEach((blob, i) => {
      console.info(`[locality] planted leak, blob ${i}: ${blob.outsideChanged}/${blob.outsidePixels} outside pixels changed`);
      expect(blob.outsideChanged, `blob ${i}: a shifted mask must show up as changes outside the true blob`).toBeGreaterThan(0);
    });
  });
});
