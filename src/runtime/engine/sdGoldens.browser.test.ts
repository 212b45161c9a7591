/**
 * The engine in training-free mode against the diffusers pipelines (training/sdexport/reference:
 * StableDiffusionPipeline / LatentConsistencyModelPipeline with our masked attn2 processor, our
 * seeded noise and diffusers' own schedulers), on the three random-weight test packs, for every
 * sampler: ddim, euler, euler-ancestral, dpmpp-2m-karras, SD-Turbo (trailing Euler without CFG)
 * and lcm. Cases cover 0–3 blobs, every mask mode, a negative caption and a description over 77
 * tokens.
 *
 * Tolerances, and why (measured values are printed per case):
 * - Token ids: exact.
 * - First-step tensors (K/V, site queries and attention results, model output, latent after step
 *   0), max |Δ| / max(1, max |ref|): 2e-4 on wasm, 5e-3 on the WebGPU EP. ORT and torch run the
 *   same fp32 graphs with other summation orders (≈1e-6 on wasm); ORT's WebGPU kernels differ by
 *   ≈1e-3 already in the text encoder (see goldens.browser.test.ts). A wrong mask, segment, pad id
 *   or batch item is O(1e-1).
 * - Image (8-bit, in [0, 1]): mean |Δ| ≤ 2e-3, max |Δ| ≤ 6/255, as for the default pack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SamplerName } from '../../engine/schedulers/samplers';
import { SegmentTokenizer } from '../../engine/segmentTokens';
import { GenerationCancelledError } from '../errors';
import type { PackSpec } from '../pack/packSpec';
import { loadGoldenRun, maxAbs, meanAbs, type GoldenRun } from '../testing/goldenRun';
import { BlobGenEngine } from './BlobGenEngine';

interface SdGoldenSettings {
  sampler: SamplerName;
  steps: number;
  guidance: number;
  maskMode: 'hard' | 'coverage' | 'feather';
  featherWidth: number;
  classifierFreeGuidance: boolean;
  schedulerOverrides: { timestep_spacing?: 'leading' | 'trailing' | 'linspace' };
}

const PACKS: Record<string, string[]> = {
  'sd1-tiny': ['ddim-2blobs', 'euler-2blobs-coverage', 'euler-ancestral-3blobs-feather', 'dpmpp-2m-karras-2blobs', 'ddim-0blobs', 'ddim-long-description'],
  'sd2-tiny': ['ddim-2blobs-v', 'euler-ancestral-2blobs-v', 'dpmpp-2m-karras-2blobs-v', 'turbo-1step', 'turbo-4step'],
  'lcm-tiny': ['lcm-4step-2blobs', 'lcm-2step-0blobs'],
};
const packUrl = (pack: string) => `/test-packs/${pack}/`;

const settingsOf = (golden: GoldenRun) => golden.meta.settings as SdGoldenSettings;

/** The pack run exactly as the reference ran it: its mask mode, CFG and spacing. */
function asReference(spec: PackSpec, s: SdGoldenSettings): PackSpec {
  return {
    ...spec,
    conditioning: { ...spec.conditioning, maskMode: s.maskMode, featherWidth: s.featherWidth, classifierFreeGuidance: s.classifierFreeGuidance },
    scheduler: {
      ...spec.scheduler,
      ...(s.schedulerOverrides.timestep_spacing ? { timestepSpacing: s.schedulerOverrides.timestep_spacing } : {}),
      samplers: spec.scheduler.samplers.includes(s.sampler) ? spec.scheduler.samplers : [...spec.scheduler.samplers, s.sampler],
    },
  };
}

function firstStepNames(golden: GoldenRun): { ours: string; ref: string }[] {
  const kv = golden.names.filter((n) => /^site\d+_[kv]$/.test(n)).map((n) => ({ ours: n, ref: n }));
  const sites = golden.names.flatMap((n) => {
    const m = /^step0_(site\d+_(q|attn))$/.exec(n);
    return m?.[1] ? [{ ours: m[1], ref: n }] : [];
  });
  return [...kv, ...sites, { ours: 'model_output', ref: 'step0_model_output' }, { ours: 'latent_after', ref: 'step0_latent_after' }];
}

async function run(engine: BlobGenEngine, golden: GoldenRun, stopAfterFirstStep: boolean) {
  const s = settingsOf(golden);
  const names = firstStepNames(golden);
  const captured = new Map<string, Float32Array>();
  const controller = new AbortController();
  let result: Awaited<ReturnType<BlobGenEngine['generate']>> | null = null;
  try {
    result = await engine.generate(
      {
        layout: golden.layout,
        negativeCaption: String(golden.meta.negativeCaption ?? ''),
        seed: golden.seed,
        steps: s.steps,
        guidance: s.guidance,
        sampler: s.sampler,
        capture: { names: names.map((n) => n.ours), onTensor: (name, data) => captured.set(name, data) },
      },
      { signal: controller.signal, onStep: () => stopAfterFirstStep && controller.abort() },
    );
  } catch (error) {
    if (!(stopAfterFirstStep && error instanceof GenerationCancelledError)) throw error;
  }
  const errors: Record<string, number> = {};
  for (const { ours, ref } of names) {
    const mine = captured.get(ours);
    expect(mine, `${golden.name}: captured ${ours}`).toBeDefined();
    const reference = golden.tensor(ref).data;
    errors[ours] = maxAbs(mine ?? [], reference) / Math.max(1, maxAbs(reference, new Float32Array(reference.length)));
  }
  return { result, errors };
}

const format = (errors: Record<string, number>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.toExponential(2)]));

for (const [pack, cases] of Object.entries(PACKS)) {
  describe(`${pack}: engine vs the diffusers pipeline (ORT backend chosen for this adapter)`, () => {
    const engines = new Map<string, BlobGenEngine>();
    const goldens = new Map<string, GoldenRun>();
    beforeAll(async () => {
      for (const name of cases) goldens.set(name, await loadGoldenRun(name, packUrl(pack)));
    }, 120_000);
    afterAll(async () => {
      for (const engine of engines.values()) await engine.dispose();
    });
    /** One engine per distinct reference setting (mask mode, CFG, spacing), loaded once. */
    async function engineFor(golden: GoldenRun): Promise<BlobGenEngine> {
      const s = settingsOf(golden);
      const key = JSON.stringify([s.maskMode, s.featherWidth, s.classifierFreeGuidance, s.schedulerOverrides]);
      let engine = engines.get(key);
      if (!engine) {
        engine = await BlobGenEngine.load(packUrl(pack), { useCache: false, adjustSpec: (spec) => asReference(spec, s) });
        engines.set(key, engine);
      }
      return engine;
    }

    it('tokenises every segment with CLIP framing and the pack pad id exactly like transformers', async () => {
      const engine = await engineFor(goldens.get(cases[0] as string) as GoldenRun);
      const json = (await (await fetch(`${packUrl(pack)}tokenizer.json`)).json()) as object;
      const tokenizer = new SegmentTokenizer(json, 77, engine.spec.tokenizer.framing);
      for (const golden of goldens.values()) {
        const segments = golden.meta.segments as string[];
        expect(Array.from(tokenizer.encodeSegments(segments).ids), golden.name).toEqual(Array.from(golden.tensor('input_ids').data));
      }
    }, 300_000);

    for (const name of cases) {
      it(`${name}: first-step tensors, final latent and image match`, async () => {
        const golden = goldens.get(name) as GoldenRun;
        const engine = await engineFor(golden);
        const { result, errors } = await run(engine, golden, false);
        const finalRef = golden.tensor('final_latent').data;
        console.log(`${pack}/${name} [${engine.backend}] first step:`, JSON.stringify(format(errors)));
        // The header's tolerances: the backend is the one the engine chose for this adapter.
        const tolerance = engine.backend === 'webgpu' ? 5e-3 : 2e-4;
        expect(Math.max(...Object.values(errors)), JSON.stringify(format(errors))).toBeLessThanOrEqual(tolerance);
        const image = Float32Array.from(result?.image.data ?? [], (v) => v / 255);
        const ref = golden.tensor('image').data;
        expect(result?.image.width).toBe(engine.spec.image.width);
        expect(image.length).toBe(ref.length);
        const imageMean = meanAbs(image, ref);
        const imageMax = maxAbs(image, ref);
        console.log(`${pack}/${name} image mean |Δ| ${imageMean.toExponential(2)}, max |Δ| ${imageMax.toExponential(2)}; final latent ref max ${maxAbs(finalRef, new Float32Array(finalRef.length)).toFixed(2)}`);
        expect(imageMean, `${name} image mean |Δ|`).toBeLessThanOrEqual(2e-3);
        expect(imageMax, `${name} image max |Δ|`).toBeLessThanOrEqual(6 / 255);
        if (name === 'ddim-long-description') expect(result?.truncated.length, 'the long description is reported as truncated').toBeGreaterThan(0);
      }, 600_000);
    }
  });
}

describe('training-free goldens with ORT on the WebGPU EP (the zero-copy path)', () => {
  for (const [pack, name] of [['sd1-tiny', 'euler-ancestral-3blobs-feather'], ['lcm-tiny', 'lcm-4step-2blobs']] as const) {
    it(`${pack}/${name}: first-step tensors match`, async () => {
      const golden = await loadGoldenRun(name, packUrl(pack));
      const engine = await BlobGenEngine.load(packUrl(pack), { useCache: false, ortBackend: 'webgpu', adjustSpec: (spec) => asReference(spec, settingsOf(golden)) });
      try {
        expect(engine.backend).toBe('webgpu');
        const { errors } = await run(engine, golden, true);
        console.log(`${pack}/${name} [webgpu] first step:`, JSON.stringify(format(errors)));
        expect(Math.max(...Object.values(errors)), JSON.stringify(format(errors))).toBeLessThanOrEqual(5e-3);
      } finally {
        await engine.dispose();
      }
    }, 600_000);
  }
});
