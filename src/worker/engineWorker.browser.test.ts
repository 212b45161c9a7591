/**
 * The real inference worker (ORT + WebGPU in a Web Worker) driven through EngineClient, on the
 * default pack: failure modes and resource accounting. Few steps keep SwiftShader runs short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Blob, LayoutDocument } from '../layout/types';
import { GenerationCancelledError } from '../runtime/errors';
import { TEST_PACK_URL } from '../runtime/testing/goldenRun';
import { EngineClient } from './EngineClient';
import { changedRegions, regionWeights } from '../engine/localEdit';
import { rasterizeBlobMasksReference, type MaskMode } from '../reference/blobMasks';

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

  it('masks: the GPU rasteriser masks at each distinct site resolution equal the CPU reference of the contract', async () => {
    const manifest = (await (await fetch(`${TEST_PACK_URL}manifest.json`)).json()) as { conditioning: { maskMode: MaskMode }; unet: { sites: { resolution: [number, number] }[] } };
    const resolutions = [...new Set(manifest.unet.sites.map((s) => s.resolution.join('x')))].map((r) => r.split('x').map(Number));
    resolutions.sort((p, q) => (q[0] ?? 0) * (q[1] ?? 0) - (p[0] ?? 0) * (p[1] ?? 0));
    const layout = { caption: 'x', blobs: [...blobs(3), { ...blobs(4)[3], id: 'hidden', hidden: true } as Blob] };
    const sites = await client.masks(layout);
    expect(sites.map((s) => [s.height, s.width])).toEqual(resolutions);
    for (const site of sites) {
      const reference = rasterizeBlobMasksReference(layout.blobs.slice(0, 3), site.height, site.width, { mode: manifest.conditioning.maskMode });
      expect(site.masks.length).toBe(3 * site.height * site.width); // the hidden blob is not generated
      let maxError = 0;
      site.masks.forEach((v, i) => (maxError = Math.max(maxError, Math.abs(v - (reference[i] ?? NaN)))));
      expect(maxError).toBeLessThan(1 / 255); // the kernel's own tolerance against this reference (src/gpu)
      expect(site.masks.some((v) => v > 0)).toBe(true);
    }
  });

  it('a local edit keeps every pixel away from the moved blob and repaints around it', async () => {
    const before = await client.generate(twoBlobs, { seed: 21, steps: 3 });
    const first = twoBlobs.blobs[0] as Blob;
    const moved = { ...twoBlobs, blobs: [{ ...first, cx: first.cx + 0.2, cy: first.cy + 0.15 }, ...twoBlobs.blobs.slice(1)] };
    const after = await client.generate(moved, { seed: 21, steps: 3, localEdit: true });
    expect(after.localEdit).toEqual({ applied: true, regions: 2 });
    // The default pack's latent is space-to-depth ×2 and its decoder is per pixel, so an image
    // pixel depends only on its latent cell: cells with weight 0 must come back bit-identical.
    const { width, height } = after.image;
    const change = changedRegions(twoBlobs, moved);
    // Regions are the ellipses where the blob was and is (its feather would widen them; none here).
    const ellipse = ({ cx, cy, a, b, theta }: Blob) => ({ cx, cy, a, b, theta });
    expect(change).toEqual({ kind: 'regions', regions: [ellipse(first), ellipse(moved.blobs[0] as Blob)] });
    const weights = regionWeights(change.kind === 'regions' ? change.regions : [], height / 2, width / 2);
    let keptPixels = 0;
    let changedInside = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const w = weights[(y >> 1) * (width / 2) + (x >> 1)] ?? NaN;
        const p = (y * width + x) * 4;
        const same = [0, 1, 2].every((c) => after.image.data[p + c] === before.image.data[p + c]);
        if (w === 0) {
          expect(same).toBe(true);
          keptPixels++;
        } else if (w === 1 && !same) changedInside++;
      }
    }
    expect(keptPixels).toBeGreaterThan(0.5 * width * height);
    expect(changedInside).toBeGreaterThan(50);
    // Another seed cannot be a local edit of that image: a full generation, and the reason.
    const other = await client.generate(moved, { seed: 22, steps: 3, localEdit: true });
    expect(other.localEdit).toMatchObject({ applied: false, reason: expect.stringMatching(/seed/) });
    // A caption change touches everything.
    const recaptioned = await client.generate({ ...moved, caption: 'a plain red background' }, { seed: 22, steps: 3, localEdit: true });
    expect(recaptioned.localEdit).toMatchObject({ applied: false, reason: expect.stringMatching(/caption/) });
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
