/**
 * Typed, user-readable failures of the engine in a real browser: a pack needing shader-f16 on a
 * device without it, an invalid manifest, and a device lost mid-generation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BlobGenEngine } from './BlobGenEngine';
import { DeviceLimitsError, DeviceLostError, InvalidManifestError, ShaderF16UnsupportedError } from '../errors';
import { TEST_PACK_URL } from '../testing/goldenRun';

const realFetch = globalThis.fetch;

/** Serves the real pack with its manifest edited by `edit`; returns the URLs fetched. */
function editedManifest(edit: (m: Record<string, unknown>) => void): string[] {
  const fetched: string[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    fetched.push(url);
    const response = await realFetch(input, init);
    if (!url.endsWith('/manifest.json')) return response;
    const manifest = (await response.json()) as Record<string, unknown>;
    edit(manifest);
    return new Response(JSON.stringify(manifest), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return fetched;
}

const SD_PACK = '/test-packs/sd1-tiny/';

/**
 * Load options for "a device without shader-f16": SwiftShader lacks it for real; on a GPU that
 * has it, the engine is handed a device that says it lacks it (the engine decides from
 * EngineDevice.hasShaderF16), so the f16 tests check the same thing on every adapter.
 */
async function withoutShaderF16(probe: GPUAdapter | null) {
  if (!probe?.features.has('shader-f16')) return {};
  const gpu = await import('../../gpu/device/gpuDevice');
  return { device: { ...(await gpu.acquireEngineDevice()), hasShaderF16: false } };
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('engine failures', () => {
  it('a pack that needs shader-f16 is refused on a device without it, saying what to do', async () => {
    const probe = await navigator.gpu.requestAdapter();
    expect(probe, 'this test needs a WebGPU adapter').toBeTruthy();
    editedManifest((m) => {
      m.precision = { default: 'fp16', variants: { fp16: { requiresShaderF16: true } } };
    });
    const load = BlobGenEngine.load(TEST_PACK_URL, { useCache: false, ...(await withoutShaderF16(probe)) });
    await expect(load).rejects.toBeInstanceOf(ShaderF16UnsupportedError);
    await expect(load).rejects.toThrow(/shader-f16.*fp32 variant/);
  });

  it('an SD pack whose attention tensors exceed the device limits is refused with the numbers, before any download', async () => {
    // 512×512 latent at site 0 (a 4096² image): 2 × 262 144 pixels × 16 channels × 4 bytes = 32 MiB per query,
    // above a 16 MiB limit; the pack itself is the real one, nothing but the manifest is read.
    const fetched = editedManifest((m) => {
      const sites = (m.unet as { sites: { resolution: number[] }[] }).sites;
      (sites[0] as { resolution: number[] }).resolution = [512, 512];
    });
    const gpu = await import('../../gpu/device/gpuDevice');
    const device = await gpu.acquireEngineDevice();
    const limited = { ...device, device: new Proxy(device.device, { get: (target, key) => (key === 'limits' ? { ...target.limits, maxStorageBufferBindingSize: 16 * 1024 * 1024, maxBufferSize: target.limits.maxBufferSize } : Reflect.get(target, key, target)) }) };
    try {
      const load = BlobGenEngine.load(SD_PACK, { useCache: false, device: limited });
      await expect(load).rejects.toBeInstanceOf(DeviceLimitsError);
      await expect(load).rejects.toThrow(/needs a 32\.0 MiB GPU buffer for attention site 0's query .* at most 16\.0 MiB/);
      expect(fetched.filter((u) => !u.endsWith('/manifest.json')), 'nothing but the manifest is downloaded').toEqual([]);
    } finally {
      device.device.destroy();
    }
  });

  it('an SD pack with fp16 and fp32 variants runs its fp32 files on a device without shader-f16', async () => {
    const probe = await navigator.gpu.requestAdapter();
    expect(probe, 'this test needs a WebGPU adapter').toBeTruthy();
    const fetched = editedManifest((m) => {
      m.precision = { default: 'fp16', variants: { fp16: { requiresShaderF16: true }, fp32: { requiresShaderF16: false } } };
      (m.textEncoder as Record<string, unknown>).variants = { fp16: 'text_encoder.fp16.onnx' };
    });
    const engine = await BlobGenEngine.load(SD_PACK, { useCache: false, ...(await withoutShaderF16(probe)) });
    try {
      expect(engine.spec.variant).toBe('fp32');
      expect(fetched.some((u) => u.endsWith('/text_encoder.onnx'))).toBe(true);
      expect(fetched.some((u) => u.includes('fp16')), 'no fp16 file is fetched').toBe(false);
    } finally {
      await engine.dispose();
    }
  }, 300_000);

  it('an invalid manifest is refused with path-qualified messages', async () => {
    editedManifest((m) => {
      (m.unet as { sites: { heads: unknown }[] }).sites[1] = { ...(m.unet as { sites: object[] }).sites[1], heads: -2 } as never;
      delete m.scheduler;
    });
    const load = BlobGenEngine.load(TEST_PACK_URL, { useCache: false });
    await expect(load).rejects.toBeInstanceOf(InvalidManifestError);
    await expect(load).rejects.toThrow(/unet\.sites\[1\]\.heads: [^\n]+\n?[\s\S]*scheduler: /);
  });

  it('a request with a bad sampler or guidance is refused and leaves the engine usable', async () => {
    const engine = await BlobGenEngine.load(TEST_PACK_URL, { useCache: false });
    const layout = { caption: 'a plain blue background', blobs: [] };
    await expect(engine.generate({ layout, seed: 1, steps: 1, sampler: 'unipc' as unknown as 'ddim' })).rejects.toThrow(/sampler must be one of/);
    // LCM needs a distilled model: a pack that does not offer it refuses it.
    await expect(engine.generate({ layout, seed: 1, steps: 1, sampler: 'lcm' })).rejects.toThrow(/sampler must be one of dpmpp-2m, ddim, .* for the pack "blobgen-tiny-shapes", got lcm/);
    await expect(engine.generate({ layout, seed: 1, steps: 1, guidance: Number.NaN })).rejects.toThrow(/guidance must be a finite number/);
    await expect(engine.generate({ layout, seed: 1, steps: 1 })).resolves.toMatchObject({ steps: 1 });
    await engine.dispose();
  }, 300_000);

  it('a device lost mid-generation surfaces as DeviceLostError, also for later calls', async () => {
    const engine = await BlobGenEngine.load(TEST_PACK_URL, { useCache: false });
    const run = engine.generate(
      { layout: { caption: 'a plain blue background', blobs: [] }, seed: 1, steps: 10 },
      { onStep: (p) => p.step === 1 && engine.gpu.device.destroy() },
    );
    await expect(run).rejects.toBeInstanceOf(DeviceLostError);
    await expect(run).rejects.toThrow(/device was lost.*Reload/);
    await expect(engine.generate({ layout: { caption: '', blobs: [] }, seed: 1, steps: 1 })).rejects.toBeInstanceOf(DeviceLostError);
    await engine.dispose();
  }, 300_000);
});
