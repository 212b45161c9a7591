import * as ort from 'onnxruntime-web/webgpu';
import { describe, expect, it } from 'vitest';
import { BlobMaskRasterizer } from './masks/BlobMaskRasterizer';
import { MaskedCrossAttention, siteMasks } from './attention/MaskedCrossAttention';
import { rasterizeBlobMasksReference } from '../reference/blobMasks';
import { maskedCrossAttentionReference, type SegmentEntry } from '../reference/maskedAttention';
import { MATMUL_MODEL_BASE64 } from './testdata/matmulModel';
import { randomTensor, seededRandom } from './testing/attentionProblems';
import { matmulReference } from './testing/matmulReference';
import { maxAbsDiff, testDevice } from './testing/gpuTestUtils';

const modelBytes = () => Uint8Array.from(atob(MATMUL_MODEL_BASE64), (ch) => ch.charCodeAt(0));

/**
 * ORT (WebGPU) → our kernels → ORT on one GPUDevice with no CPU readback in between:
 * ORT projects Q, K and V and leaves them on the GPU; our rasteriser makes the masks; the
 * attention kernel reads ORT's buffers and writes one that ORT's output projection consumes.
 * Only the final tensor is read back and compared with the all-CPU reference chain.
 */
describe('onnxruntime-web interop on a shared GPUDevice', () => {
  it('feeds ORT GPU outputs through masked attention into another ORT session', async () => {
    const { device } = await testDevice();
    const session = await ort.InferenceSession.create(modelBytes(), {
      executionProviders: [{ name: 'webgpu', device }],
      preferredOutputLocation: 'gpu-buffer',
    });
    const [batch, height, width, heads, headDim, blobCount, tokens, inChannels, textChannels] = [2, 12, 12, 2, 32, 3, 8, 16, 24];
    const pixels = height * width;
    const channels = heads * headDim;
    const segments = 2 + blobCount;
    const random = seededRandom(99);
    const x = randomTensor(batch * pixels * inChannels, random, 1);
    const text = randomTensor(segments * tokens * textChannels, random, 1);
    const [wq, wk, wv, wo] = [inChannels, textChannels, textChannels, channels].map((k) => randomTensor(k * channels, random, 0.4));
    if (!wq || !wk || !wv || !wo) throw new Error('weights missing');
    const blobs = [
      { cx: 0.3, cy: 0.3, a: 0.25, b: 0.15, theta: 0.4 },
      { cx: 0.7, cy: 0.6, a: 0.2, b: 0.2, theta: 0 },
      { cx: 0.5, cy: 0.5, a: 0.05, b: 0.6, theta: -1.2 },
    ];
    const tokenCounts = [1, 5, 8, 3, 6];
    const items: SegmentEntry[][] = [[{ segment: 0, mask: -1 }], [{ segment: 1, mask: -1 }, ...blobs.map((_, i) => ({ segment: 2 + i, mask: i }))]];

    const project = async (input: ort.Tensor, weights: Float32Array, k: number) => {
      const result = await session.run({ X: input, W: new ort.Tensor('float32', weights, [k, channels]) });
      const y = result.Y;
      if (!y) throw new Error('MatMul model returned no Y');
      return y;
    };
    const q = await project(new ort.Tensor('float32', x, [batch, pixels, inChannels]), wq, inChannels);
    const textTensor = new ort.Tensor('float32', text, [segments, tokens, textChannels]);
    const k = await project(textTensor, wk, textChannels);
    const v = await project(textTensor, wv, textChannels);
    expect(q.location).toBe('gpu-buffer');

    const qRef = matmulReference(x, wq, batch * pixels, inChannels, channels);
    const kRef = matmulReference(text, wk, segments * tokens, textChannels, channels);
    const vRef = matmulReference(text, wv, segments * tokens, textChannels, channels);
    const masks = rasterizeBlobMasksReference(blobs, height, width, { mode: 'coverage' });
    const attendedRef = maskedCrossAttentionReference({ batch, pixels, heads, headDim, segments, tokensPerSegment: tokens, tokenCounts, items, q: qRef, k: kRef, v: vRef, masks });
    const expected = matmulReference(attendedRef, wo, batch * pixels, channels, channels);

    for (const variant of ['direct', 'tiled'] as const) {
      const rasterizer = new BlobMaskRasterizer(device);
      const maskSet = rasterizer.rasterize(blobs, [{ height, width }], { mode: 'coverage' });
      const attention = new MaskedCrossAttention(device, { variant });
      const plan = attention.plan({ batch, pixels, heads, headDim, segments, tokensPerSegment: tokens, tokenCounts, items, masks: siteMasks(maskSet, 0) });
      const output = attention.createOutput(plan);
      attention.run(plan, { q: q.gpuBuffer as GPUBuffer, k: k.gpuBuffer as GPUBuffer, v: v.gpuBuffer as GPUBuffer, output });
      const attended = ort.Tensor.fromGpuBuffer(output, { dataType: 'float32', dims: [batch, pixels, channels] });
      const final = await project(attended, wo, channels);
      const gpuResult = (await final.getData(true)) as Float32Array;
      const error = maxAbsDiff(gpuResult, expected);
      console.info(`[interop] ORT → masks + attention (${variant}) → ORT: max abs error ${error.toExponential(2)}`);
      expect(error).toBeLessThanOrEqual(1e-4);
      final.dispose();
      plan.destroy();
      maskSet.destroy();
      attention.destroy();
      rasterizer.destroy();
      expect(attention.allocatedBytes + rasterizer.allocatedBytes).toBe(0);
    }
    for (const tensor of [q, k, v]) tensor.dispose();
    await session.release();
  });
});
