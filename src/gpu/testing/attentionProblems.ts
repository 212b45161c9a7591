/** Random masked-attention problems for tests and benchmarks (seeded, reproducible). */
import fc from 'fast-check';
import { rasterizeBlobMasksReference } from '../../reference/blobMasks';
import type { MaskedAttentionProblem, SegmentEntry } from '../../reference/maskedAttention';
import { blobArbitrary } from './blobArbitraries';

/** mulberry32: a tiny seeded generator for bulk tensor data (fast-check picks the seed). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomTensor(length: number, random: () => number, amplitude: number): Float32Array {
  const data = new Float32Array(length);
  for (let i = 0; i < length; i++) data[i] = (random() * 2 - 1) * amplitude;
  return data;
}

export interface ProblemSpec {
  batch: number;
  height: number;
  width: number;
  heads: number;
  headDim: number;
  blobCount: number;
  tokensPerSegment: number;
  /** 'cfg': item 0 = uncond caption only, item 1 = caption + every blob (the engine's layout). */
  itemStyle: 'cfg' | 'random';
  maskStyle: 'rasterised' | 'hard-random' | 'soft-random';
  seed: number;
  /** Scale of Q and K entries: large values give peaked softmaxes. */
  amplitude: number;
}

/** Builds the tensors of a spec: segments = [uncond caption, caption, blob 1..N]. */
export function buildProblem(spec: ProblemSpec, blobs = [] as Parameters<typeof rasterizeBlobMasksReference>[0]): MaskedAttentionProblem {
  const random = seededRandom(spec.seed);
  const pixels = spec.height * spec.width;
  const channels = spec.heads * spec.headDim;
  const segments = 2 + spec.blobCount;
  const tokenCounts = Array.from({ length: segments }, () => 1 + Math.floor(random() * spec.tokensPerSegment));
  let masks: Float32Array;
  if (spec.maskStyle === 'rasterised' && blobs.length >= spec.blobCount) {
    masks = rasterizeBlobMasksReference(blobs.slice(0, spec.blobCount), spec.height, spec.width, { mode: 'coverage' });
  } else {
    masks = new Float32Array(spec.blobCount * pixels);
    for (let i = 0; i < masks.length; i++) {
      const r = random();
      masks[i] = r < 0.5 ? 0 : spec.maskStyle === 'hard-random' ? 1 : Math.max(1e-6, random());
    }
  }
  const blobEntries = Array.from({ length: spec.blobCount }, (_, i): SegmentEntry => ({ segment: 2 + i, mask: i }));
  let items: SegmentEntry[][];
  if (spec.itemStyle === 'cfg') {
    items = [[{ segment: 1, mask: -1 }, ...blobEntries]];
    if (spec.batch === 2) items.unshift([{ segment: 0, mask: -1 }]);
  } else {
    items = Array.from({ length: spec.batch }, () => {
      const list: SegmentEntry[] = [{ segment: Math.floor(random() * segments), mask: -1 }];
      const extra = Math.floor(random() * (spec.blobCount + 3));
      for (let i = 0; i < extra; i++) {
        const mask = spec.blobCount > 0 && random() < 0.8 ? Math.floor(random() * spec.blobCount) : -1;
        list.splice(Math.floor(random() * (list.length + 1)), 0, { segment: Math.floor(random() * segments), mask });
      }
      return list;
    });
  }
  return {
    batch: spec.batch,
    pixels,
    heads: spec.heads,
    headDim: spec.headDim,
    segments,
    tokensPerSegment: spec.tokensPerSegment,
    tokenCounts,
    items,
    q: randomTensor(spec.batch * pixels * channels, random, spec.amplitude),
    k: randomTensor(segments * spec.tokensPerSegment * channels, random, spec.amplitude),
    v: randomTensor(segments * spec.tokensPerSegment * channels, random, 1),
    masks,
  };
}

/** Random problems; `headDims` limits the head widths (each width is one pipeline compile). */
export function problemSpecArbitrary(
  headDims: readonly number[] = [4, 8, 32, 40, 64, 160],
): fc.Arbitrary<{ spec: ProblemSpec; blobs: Parameters<typeof rasterizeBlobMasksReference>[0] }> {
  return fc
    .record({
      batch: fc.constantFrom(1, 2),
      height: fc.integer({ min: 1, max: 20 }),
      width: fc.integer({ min: 1, max: 20 }),
      heads: fc.integer({ min: 1, max: 3 }),
      headDim: fc.constantFrom(...headDims),
      blobCount: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 30, max: 40 }) }),
      tokensPerSegment: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 16 }) }, { weight: 1, arbitrary: fc.integer({ min: 60, max: 77 }) }),
      itemStyle: fc.constantFrom<'cfg' | 'random'>('cfg', 'random'),
      maskStyle: fc.constantFrom<'rasterised' | 'hard-random' | 'soft-random'>('rasterised', 'hard-random', 'soft-random'),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      amplitude: fc.constantFrom(0.5, 2, 6),
    })
    .map(withinCostBudget)
    .chain((spec) => fc.array(blobArbitrary, { minLength: spec.blobCount, maxLength: spec.blobCount }).map((blobs) => ({ spec, blobs })));
}

/** Shrinks the map of expensive combinations so that a case costs ≲ 5 M multiply-adds (SwiftShader and the CPU reference). */
function withinCostBudget(spec: ProblemSpec): ProblemSpec {
  const perPixel = spec.batch * spec.heads * (spec.blobCount + 2) * spec.tokensPerSegment * spec.headDim * 2;
  const maxPixels = Math.max(1, Math.floor(5e6 / perPixel));
  const height = Math.max(1, Math.min(spec.height, Math.floor(maxPixels / spec.width)));
  return { ...spec, height, width: Math.min(spec.width, Math.max(1, Math.floor(maxPixels / height))) };
}
