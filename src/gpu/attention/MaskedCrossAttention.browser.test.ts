import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobMaskRasterizer } from '../masks/BlobMaskRasterizer';
import { MaskedCrossAttention, siteMasks, type AttentionVariant } from './MaskedCrossAttention';
import { cachedPipelineCount } from '../pipelineCache';
import { rasterizeBlobMasksReference } from '../../reference/blobMasks';
import { maskedCrossAttentionReference, type MaskedAttentionProblem } from '../../reference/maskedAttention';
import { buildProblem, problemSpecArbitrary, type ProblemSpec } from '../testing/attentionProblems';
import { maxAbsDiff, readFloats, testDevice, uploadFloats, withErrorScope } from '../testing/gpuTestUtils';

const TOLERANCE = 1e-4;
/** Masks sit after some padding in their buffer, as a site of a BlobMaskSet does. */
const MASK_OFFSET = 64;
/**
 * SwiftShader takes ~5 s to compile each tiled pipeline (one per head width) and runs its barriers
 * slowly, so the tiled variant gets fewer random cases, limited to the widths of its edge cases
 * below; `direct` gets every width.
 */
const TILED_HEAD_DIMS = [32, 40, 64, 160];

describe.each<AttentionVariant>(['direct', 'tiled'])('MaskedCrossAttention (%s) against the CPU reference', (variant) => {
  let device: GPUDevice;
  let attention: MaskedCrossAttention;
  beforeAll(async () => {
    ({ device } = await testDevice());
    attention = new MaskedCrossAttention(device, { variant });
  });
  afterAll(() => {
    attention.destroy();
    device.destroy();
  });

  async function runOnGpu(problem: MaskedAttentionProblem): Promise<Float32Array> {
    const maskData = new Float32Array(MASK_OFFSET + problem.masks.length);
    maskData.set(problem.masks, MASK_OFFSET);
    const buffers = {
      q: uploadFloats(device, problem.q),
      k: uploadFloats(device, problem.k),
      v: uploadFloats(device, problem.v),
      output: uploadFloats(device, new Float32Array(problem.q.length)),
    };
    const maskBuffer = uploadFloats(device, maskData);
    const plan = await withErrorScope(device, () => {
      const made = attention.plan({ ...problem, masks: { buffer: maskBuffer, offset: MASK_OFFSET, blobCount: problem.masks.length / problem.pixels } });
      attention.run(made, buffers);
      return made;
    });
    const result = await readFloats(device, buffers.output, 0, problem.q.length);
    plan.destroy();
    for (const buffer of [...Object.values(buffers), maskBuffer]) buffer.destroy();
    return result;
  }

  it('matches the reference on random problems (sizes, masks, segment lists, CFG)', async () => {
    let worst = 0;
    await fc.assert(
      fc.asyncProperty(problemSpecArbitrary(variant === 'tiled' ? TILED_HEAD_DIMS : undefined), async ({ spec, blobs }) => {
        const problem = buildProblem(spec, blobs);
        const error = maxAbsDiff(await runOnGpu(problem), maskedCrossAttentionReference(problem));
        worst = Math.max(worst, error);
        expect(error).toBeLessThanOrEqual(TOLERANCE);
      }),
      { seed: 4242, numRuns: variant === 'tiled' ? 20 : 40 },
    );
    console.info(`[attention ${variant}] property test: max abs error ${worst.toExponential(2)} (tolerance ${TOLERANCE})`);
  });

  it('reads the right site of a multi-site BlobMaskSet (offsets from the rasteriser)', async () => {
    const blobs = [
      { cx: 0.3, cy: 0.4, a: 0.3, b: 0.1, theta: 0.5 },
      { cx: 0.8, cy: 0.7, a: 0.2, b: 0.2, theta: 0 },
    ];
    const rasterizer = new BlobMaskRasterizer(device);
    const set = rasterizer.rasterize(blobs, [{ height: 16, width: 16 }, { height: 8, width: 8 }], { mode: 'hard' });
    const spec: ProblemSpec = {
      batch: 2, height: 8, width: 8, heads: 2, headDim: 32, blobCount: 2, tokensPerSegment: 5,
      itemStyle: 'cfg', maskStyle: 'rasterised', seed: 11, amplitude: 2,
    };
    const problem = { ...buildProblem(spec), masks: rasterizeBlobMasksReference(blobs, 8, 8, { mode: 'hard' }) };
    const buffers = {
      q: uploadFloats(device, problem.q), k: uploadFloats(device, problem.k), v: uploadFloats(device, problem.v),
      output: uploadFloats(device, new Float32Array(problem.q.length)),
    };
    const plan = attention.plan({ ...problem, masks: siteMasks(set, 1) });
    attention.run(plan, buffers);
    const error = maxAbsDiff(await readFloats(device, buffers.output, 0, problem.q.length), maskedCrossAttentionReference(problem));
    expect(error).toBeLessThanOrEqual(TOLERANCE);
    expect(() => siteMasks(set, 2)).toThrow(/has 2 sites; site 2 does not exist/);
    plan.destroy();
    set.destroy();
    rasterizer.destroy();
    for (const buffer of Object.values(buffers)) buffer.destroy();
  });

  it('applies per-entry strengths set between dispatches (0 drops a blob, 2 adds log 2 to its logits)', async () => {
    const spec: ProblemSpec = {
      batch: 2, height: 8, width: 8, heads: 2, headDim: 32, blobCount: 3, tokensPerSegment: 6,
      itemStyle: 'cfg', maskStyle: 'soft-random', seed: 23, amplitude: 2,
    };
    const problem = buildProblem(spec);
    const maskData = new Float32Array(MASK_OFFSET + problem.masks.length);
    maskData.set(problem.masks, MASK_OFFSET);
    const buffers = {
      q: uploadFloats(device, problem.q), k: uploadFloats(device, problem.k), v: uploadFloats(device, problem.v),
      output: uploadFloats(device, new Float32Array(problem.q.length)),
    };
    const maskBuffer = uploadFloats(device, maskData);
    const plan = attention.plan({ ...problem, masks: { buffer: maskBuffer, offset: MASK_OFFSET, blobCount: spec.blobCount } });
    const runWith = async (strengthOf: (entry: { mask: number }, index: number) => number) => {
      const strengths = problem.items.map((list) => list.map(strengthOf));
      await withErrorScope(device, () => {
        attention.setStrengths(plan, strengths);
        attention.run(plan, buffers);
      });
      const gpu = await readFloats(device, buffers.output, 0, problem.q.length);
      const items = problem.items.map((list, n) => list.map((entry, i) => ({ ...entry, strength: strengths[n]?.[i] ?? 1 })));
      return { gpu, reference: maskedCrossAttentionReference({ ...problem, items }) };
    };
    const plain = await runWith(() => 1);
    expect(maxAbsDiff(plain.gpu, maskedCrossAttentionReference(problem))).toBeLessThanOrEqual(TOLERANCE);
    for (const strengths of [[0, 0.5, 2], [2, 0, 1.5], [0, 0, 0]]) {
      const weighted = await runWith((entry) => (entry.mask < 0 ? 1 : (strengths[entry.mask] ?? 1)));
      expect(maxAbsDiff(weighted.gpu, weighted.reference)).toBeLessThanOrEqual(TOLERANCE);
      expect(maxAbsDiff(weighted.gpu, plain.gpu)).toBeGreaterThan(1e-3);
    }
    // Strength 0 is exactly "this blob is not in the list".
    const dropped = await runWith((entry) => (entry.mask === 1 ? 0 : 1));
    const without = maskedCrossAttentionReference({ ...problem, items: problem.items.map((list) => list.filter((entry) => entry.mask !== 1)) });
    expect(maxAbsDiff(dropped.gpu, without)).toBeLessThanOrEqual(TOLERANCE);
    expect(() => attention.setStrengths(plan, [[1]])).toThrow(/one list per batch item \(2\), got 1/);
    expect(() => attention.setStrengths(plan, problem.items.map((list) => list.map(() => Number.NaN)))).toThrow(/strength must be a finite number/);
    expect(() => attention.setStrengths(plan, problem.items.map((list) => list.map(() => 0)))).toThrow(/always visible \(mask −1\); its strength must be > 0/);
    plan.destroy();
    for (const buffer of [...Object.values(buffers), maskBuffer]) buffer.destroy();
  });

  const edges: [string, Partial<ProblemSpec>][] = [
    ['a 128×128 map with 33 blobs', { height: 128, width: 128, heads: 1, headDim: 32, blobCount: 33, tokensPerSegment: 2, maskStyle: 'rasterised' }],
    ['head dim 160 with 77-token segments', { height: 9, width: 7, heads: 2, headDim: 160, blobCount: 3, tokensPerSegment: 77 }],
    ['no blobs at all', { height: 16, width: 16, heads: 4, headDim: 64, blobCount: 0, tokensPerSegment: 16 }],
    ['very peaked softmax (large logits)', { height: 8, width: 8, heads: 2, headDim: 40, blobCount: 4, tokensPerSegment: 16, amplitude: 12 }],
  ];
  it.each(edges)('handles %s', async (_name, overrides) => {
    const spec: ProblemSpec = {
      batch: 2, height: 8, width: 8, heads: 2, headDim: 32, blobCount: 2, tokensPerSegment: 8,
      itemStyle: 'cfg', maskStyle: 'soft-random', seed: 7, amplitude: 1, ...overrides,
    };
    const blobs = Array.from({ length: spec.blobCount }, (_, i) => ({ cx: ((i * 37) % 100) / 100, cy: ((i * 61) % 100) / 100, a: 0.08, b: 0.05, theta: i }));
    const problem = buildProblem(spec, blobs);
    const error = maxAbsDiff(await runOnGpu(problem), maskedCrossAttentionReference(problem));
    console.info(`[attention ${variant}] ${_name}: max abs error ${error.toExponential(2)}`);
    expect(error).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('MaskedCrossAttention input validation', () => {
  it('says what was expected', async () => {
    const { device } = await testDevice();
    const attention = new MaskedCrossAttention(device);
    const base = { batch: 2, pixels: 64, heads: 2, headDim: 32, segments: 3, tokensPerSegment: 4, tokenCounts: [1, 4, 2] };
    const uncond = [{ segment: 0, mask: -1 }];
    const cond = [{ segment: 1, mask: -1 }];
    const cfg = [uncond, cond];
    expect(() => attention.plan({ ...base, headDim: 30, items: cfg })).toThrow(/head dim must be a multiple of 4 in 4\.\.160, got 30/);
    expect(() => attention.plan({ ...base, batch: 3, items: cfg })).toThrow(/batch must be an integer in 1\.\.2/);
    expect(() => attention.plan({ ...base, items: [uncond] })).toThrow(/one segment list per batch item \(2\), got 1/);
    expect(() => attention.plan({ ...base, items: [[{ segment: 2, mask: 0 }], cond] })).toThrow(/needs an always-visible segment/);
    expect(() => attention.plan({ ...base, items: [uncond, [{ segment: 1, mask: -1 }, { segment: 2, mask: 0 }]] })).toThrow(/no masks were given/);
    expect(() => attention.plan({ ...base, tokenCounts: [1, 5, 2], items: cfg })).toThrow(/Token count of segment 1 must be an integer in 1\.\.4, got 5/);
    const plan = attention.plan({ ...base, items: cfg });
    const small = device.createBuffer({ size: 64, usage: GPUBufferUsage.STORAGE });
    const big = device.createBuffer({ size: plan.activationBytes, usage: GPUBufferUsage.STORAGE });
    const encoder = device.createCommandEncoder();
    expect(() => attention.encode(encoder, plan, { q: small, k: big, v: big, output: big })).toThrow(/q \(float32\[batch, HW, heads·d\]\) must hold at least 32768 bytes/);
    expect(() => attention.encode(encoder, plan, { q: big, k: big, v: big, output: big })).toThrow(/must be a different GPUBuffer/);
    // Pipelines are keyed by compile-time facts only (entry point, head dim): plans of new shapes reuse them.
    const direct = new MaskedCrossAttention(device, { variant: 'direct' });
    expect(direct.plan({ ...base, items: cfg }).entryPoint).toBe('main_direct32');
    expect(direct.plan({ ...base, headDim: 40, items: cfg }).entryPoint).toBe('main_direct');
    const compiled = cachedPipelineCount(device);
    direct.plan({ ...base, pixels: 256, tokensPerSegment: 16, items: cfg });
    expect(cachedPipelineCount(device)).toBe(compiled);
    direct.destroy();
    const bytes = attention.allocatedBytes;
    plan.destroy();
    expect(attention.allocatedBytes).toBeLessThan(bytes);
    attention.destroy();
    expect(attention.allocatedBytes).toBe(0);
    device.destroy();
  });
});
