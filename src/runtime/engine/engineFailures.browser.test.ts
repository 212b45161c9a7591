/**
 * Typed, user-readable failures of the engine in a real browser: a pack needing shader-f16 on a
 * device without it, an invalid manifest, and a device lost mid-generation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BlobGenEngine } from './BlobGenEngine';
import { DeviceLostError, InvalidManifestError, ShaderF16UnsupportedError } from '../errors';
import { TEST_PACK_URL } from '../testing/goldenRun';

const realFetch = globalThis.fetch;

/** Serves the real pack with its manifest edited by `edit`. */
function editedManifest(edit: (m: Record<string, unknown>) => void) {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await realFetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/manifest.json')) return response;
    const manifest = (await response.json()) as Record<string, unknown>;
    edit(manifest);
    return new Response(JSON.stringify(manifest), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('engine failures', () => {
  it('a pack that needs shader-f16 is refused on a device without it, saying what to do', async () => {
    const probe = await navigator.gpu.requestAdapter();
    expect(probe, 'this test needs a WebGPU adapter').toBeTruthy();
    if (probe?.features.has('shader-f16')) return; // only meaningful where f16 is missing (SwiftShader)
    editedManifest((m) => {
      m.precision = { default: 'fp16', variants: { fp16: { requiresShaderF16: true } } };
    });
    const load = BlobGenEngine.load(TEST_PACK_URL, { useCache: false });
    await expect(load).rejects.toBeInstanceOf(ShaderF16UnsupportedError);
    await expect(load).rejects.toThrow(/shader-f16.*fp32 variant/);
  });

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
