/**
 * The real inference worker (ORT + WebGPU in a Web Worker) driven through EngineClient, on the
 * default pack: failure modes and resource accounting. Few steps keep SwiftShader runs short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Blob, LayoutDocument } from '../layout/types';
import { GenerationCancelledError } from '../runtime/errors';
import { TEST_PACK_URL } from '../runtime/testing/goldenRun';
import { EngineClient } from './EngineClient';

function blobs(n: number): Blob[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `b${i}`,
    cx: 0.1 + 0.8 * ((i % 6) / 5),
    cy: 0.1 + 0.8 * (Math.floor(i / 6) / 5),
    a: 0.08,
    b: 0.05,
    theta: i * 0.3,
    description: ['a red blob', 'a blue oval with white dots', 'green', 'a yellow and black striped shape'][i % 4] ?? '',
  }));
}
const twoBlobs: LayoutDocument = { caption: 'a plain blue background', blobs: blobs(2) };

describe('inference worker on the default pack', () => {
  const client = new EngineClient();
  beforeAll(async () => {
    const info = await client.load(TEST_PACK_URL, { useCache: false });
    expect(info.image.width).toBeGreaterThan(0);
  }, 300_000);
  afterAll(() => client.terminate());

  it('generates layouts with 0 and 32 blobs at the pack resolution', async () => {
    for (const layout of [{ caption: 'a plain green background', blobs: [] }, { caption: 'a gradient from white to gray', blobs: blobs(32) }]) {
      const out = await client.generate(layout, { seed: 3, steps: 2 });
      expect(out.blobCount).toBe(layout.blobs.length);
      expect(out.image.data.length).toBe(out.image.width * out.image.height * 4);
      expect(out.image.data.some((v) => v !== out.image.data[0])).toBe(true); // not a blank image
    }
  });

  it('a cancelled generation leaves the worker idle and reusable', async () => {
    let cancel: Promise<{ cancelled: boolean }> | null = null;
    const running = client.generate(twoBlobs, { seed: 1, steps: 30 }, (p) => {
      if (p.step === 1) cancel = client.cancel();
    });
    const started = performance.now();
    await expect(running).rejects.toBeInstanceOf(GenerationCancelledError);
    await expect(cancel).resolves.toEqual({ cancelled: true });
    expect(performance.now() - started).toBeLessThan(60_000);
    const after = await client.generate(twoBlobs, { seed: 1, steps: 2 });
    expect(after.steps).toBe(2);
  });

  it('a newer request supersedes the running one', async () => {
    let newer: Promise<unknown> | null = null;
    const older = client.generate(twoBlobs, { seed: 1, steps: 30 }, (p) => {
      if (p.step === 1) newer = client.generate(twoBlobs, { seed: 2, steps: 2 });
    });
    await expect(older).rejects.toThrow(/superseded/);
    await expect(newer).resolves.toMatchObject({ seed: 2, steps: 2 });
  });

  it('same seed and layout give the same image (seeded noise)', async () => {
    const a = await client.generate(twoBlobs, { seed: 11, steps: 2 });
    const b = await client.generate(twoBlobs, { seed: 11, steps: 2 });
    const c = await client.generate(twoBlobs, { seed: 12, steps: 2 });
    expect(Array.from(a.image.data)).toEqual(Array.from(b.image.data));
    expect(Array.from(a.image.data)).not.toEqual(Array.from(c.image.data));
  });

  it('a second load replaces the pack and the worker keeps generating on the same device', async () => {
    const info = await client.load(TEST_PACK_URL);
    expect(info.name).toBeTruthy();
    await expect(client.generate(twoBlobs, { seed: 4, steps: 1 })).resolves.toMatchObject({ steps: 1 });
  });

  it('GPU buffer bytes do not grow over 20 consecutive generations', async () => {
    await client.generate(twoBlobs, { seed: 0, steps: 2, sampler: 'dpmpp-2m' }); // warm-up: pipelines, ORT pools
    const before = await client.stats();
    for (let i = 0; i < 20; i++) await client.generate(i % 2 ? twoBlobs : { caption: 'x', blobs: blobs(5) }, { seed: i, steps: 2, sampler: i % 3 ? 'ddim' : 'dpmpp-2m' });
    const after = await client.stats();
    console.log('GPU buffers before/after 20 generations', before, after);
    expect(after.liveBytes).toBeLessThanOrEqual(before.liveBytes);
    expect(after.liveBuffers).toBeLessThanOrEqual(before.liveBuffers);
    expect(after.kernelBytes).toBe(before.kernelBytes);
  }, 600_000);
});

describe('inference worker with ORT on the WebGPU EP (ORT buffers on the shared device)', () => {
  it("device buffer bytes (ours and ORT's) do not grow over consecutive generations", async () => {
    const client = new EngineClient();
    try {
      const info = await client.load(TEST_PACK_URL, { useCache: false, ortBackend: 'webgpu' });
      expect(info.ortBackend).toBe('webgpu');
      // ORT's buffer cache keeps one buffer per new tensor size, so warm up with every layout shape
      // used below; after that the pool must be stable. SwiftShader runs ORT's WebGPU kernels
      // slowly: 1-step generations, 2 warm-up + 2 counted.
      const layouts = [twoBlobs, { caption: 'x', blobs: blobs(5) }];
      for (const layout of layouts) await client.generate(layout, { seed: 0, steps: 1 });
      const before = await client.stats();
      for (const [i, layout] of layouts.entries()) await client.generate(layout, { seed: i + 1, steps: 1 });
      const after = await client.stats();
      console.log('webgpu EP: device buffers before/after', before, after);
      expect(before.liveBytes).toBeGreaterThan(after.kernelBytes); // ORT's own buffers are counted too
      expect(after.liveBytes).toBeLessThanOrEqual(before.liveBytes);
    } finally {
      client.terminate();
    }
  }, 900_000);
});
