import * as ort from 'onnxruntime-web/webgpu';
import { describe, expect, it } from 'vitest';
import { BlobMaskRasterizer } from './masks/BlobMaskRasterizer';
import { MaskedCrossAttention, siteMasks } from './attention/MaskedCrossAttention';
import { rasterizeBlobMasksReference } from '../reference/blobMasks';
import { maskedCrossAttentionReference } from '../reference/maskedAttention';
import { MATMUL_MODEL_BASE64 } from './testdata/matmulModel';
import { randomTensor, seededRandom } from './testing/attentionProblems';
import { matmulReference } from './testing/matmulReference';
import { maxAbsDiff, readFloats } from './testing/gpuTestUtils';

/**
 * The second way to share a device (docs/architecture.md §4): let ORT create it, then take
 * `ort.env.webgpu.device`. Our wrappers must work on that device with ORT's output buffers.
 * (Its own file: ORT keeps one device per page, and the other interop test brings its own.)
 */
describe('kernels on the GPUDevice that onnxruntime-web created', () => {
  it('rasterises masks and attends over an ORT-produced Q on ORT’s own device', async () => {
    if (!navigator.gpu) throw new Error('WebGPU is missing in the test browser: this test must fail, not skip.');
    const session = await ort.InferenceSession.create(Uint8Array.from(atob(MATMUL_MODEL_BASE64), (c) => c.charCodeAt(0)), {
      executionProviders: ['webgpu'],
      preferredOutputLocation: 'gpu-buffer',
    });
    const device = (await ort.env.webgpu.device) as GPUDevice;
    expect(device).toBeTruthy();
    const [batch, side, heads, headDim, inChannels] = [2, 8, 2, 32, 8];
    const pixels = side * side;
    const channels = heads * headDim;
    const random = seededRandom(5);
    const x = randomTensor(batch * pixels * inChannels, random, 1);
    const w = randomTensor(inChannels * channels, random, 0.5);
    const { Y: q } = await session.run({ X: new ort.Tensor('float32', x, [batch, pixels, inChannels]), W: new ort.Tensor('float32', w, [inChannels, channels]) });
    if (!q) throw new Error('no Q');
    const segments = 3;
    const k = randomTensor(segments * 4 * channels, random, 1);
    const v = randomTensor(segments * 4 * channels, random, 1);
    const upload = (data: Float32Array) => {
      const buffer = device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const blobs = [{ cx: 0.4, cy: 0.6, a: 0.3, b: 0.2, theta: 0.7 }];
    const rasterizer = new BlobMaskRasterizer(device);
    const maskSet = rasterizer.rasterize(blobs, [{ height: side, width: side }], { mode: 'feather', featherWidth: 0.05 });
    const attention = new MaskedCrossAttention(device);
    const problem = {
      batch, pixels, heads, headDim, segments, tokensPerSegment: 4, tokenCounts: [1, 3, 4],
      items: [[{ segment: 0, mask: -1 }], [{ segment: 1, mask: -1 }, { segment: 2, mask: 0 }]],
    };
    const plan = attention.plan({ ...problem, masks: siteMasks(maskSet, 0) });
    const output = attention.createOutput(plan);
    attention.run(plan, { q: q.gpuBuffer as GPUBuffer, k: upload(k), v: upload(v), output });
    const result = await readFloats(device, output, 0, batch * pixels * channels);
    const masks = rasterizeBlobMasksReference(blobs, side, side, { mode: 'feather', featherWidth: 0.05 });
    const expected = maskedCrossAttentionReference({ ...problem, q: matmulReference(x, w, batch * pixels, inChannels, channels), k, v, masks });
    expect(maxAbsDiff(result, expected)).toBeLessThanOrEqual(1e-4);
    q.dispose();
    plan.destroy();
    maskSet.destroy();
    attention.destroy();
    rasterizer.destroy();
    await session.release();
  });
});
