/**
 * Every sampler against diffusers' own scheduler on the Stable Diffusion configs (SD-1.5 / 2.1-base
 * ε leading, SD-2.1 v, SD-Turbo trailing, linspace, LCM), step for step. The fixture is written by
 * __fixtures__/make_diffusers_fixtures.py (diffusers 0.31.0): it stores the model outputs and the
 * per-step noise that diffusers saw, and this test replays them through planSampling + applyStep.
 *
 * Tolerance: diffusers computes in float32 (and builds ᾱ with a float32 cumprod); we plan in float64
 * and step in float32. Over 25 steps that leaves differences of a few 1e-6 on values of order 1–15
 * (worst measured 5e-6, Euler Ancestral), so every value must agree within 1e-5·max(1, |expected|);
 * a wrong coefficient, timestep or spacing moves values by 1e-3 or more.
 */
import { describe, expect, it } from 'vitest';
import fixture from './__fixtures__/diffusers-samplers.json';
import { guidanceEmbedding } from './guidanceEmbedding';
import { planSampling, SAMPLER_NAMES, type SamplerName, type SchedulerConfig } from './samplers';
import { applyStep } from './stepCoefficients';

interface FixtureCase {
  name: string;
  sampler: string;
  config: SchedulerConfig;
  steps: number;
  initNoiseSigma: number;
  initialNoise: number[];
  timesteps: number[];
  unetInputs: number[][];
  modelOutputs: number[][];
  noises: (number[] | null)[];
  samplesAfter: number[][];
  vpFactorAfter: number[];
}

const TOLERANCE = 1e-5;
const cases = fixture.cases as FixtureCase[];

/** max |a − e| / max(1, |e|) over two arrays. */
function maxError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] ?? NaN;
    worst = Math.max(worst, Math.abs((actual[i] ?? NaN) - e) / Math.max(1, Math.abs(e)));
  }
  return worst;
}

function replay(c: FixtureCase) {
  const plan = planSampling(c.config, c.sampler as SamplerName, c.steps);
  let x: Float32Array = Float32Array.from(c.initialNoise, (z) => z * plan.initNoiseScale);
  let prevX0: Float32Array | null = null;
  let worst = 0;
  plan.steps.forEach((step, i) => {
    const stepWorst = maxError(x, c.unetInputs[i] ?? []);
    const noise = step.usesNoise ? Float32Array.from(c.noises[i] ?? []) : null;
    const r = applyStep(step.coefficients, x, Float32Array.from(c.modelOutputs[i] ?? []), prevX0, noise);
    x = r.next;
    prevX0 = r.x0;
    const expectedAfter = (c.samplesAfter[i] ?? []).map((v) => v * (c.vpFactorAfter[i] ?? NaN));
    const after = maxError(x, expectedAfter);
    worst = Math.max(worst, stepWorst, after);
  });
  return worst;
}

describe('samplers match diffusers step for step', () => {
  it('covers every registered sampler', () => {
    expect(new Set(cases.map((c) => c.sampler))).toEqual(new Set(SAMPLER_NAMES));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const plan = planSampling(c.config, c.sampler as SamplerName, c.steps);
    expect(plan.steps.map((s) => s.timestep)).toEqual(c.timesteps);
    // diffusers' initial latent is N(0,1)·init_noise_sigma in its own space; its UNet input is our start.
    expect(maxError(Float32Array.from(c.initialNoise, (z) => z * plan.initNoiseScale), c.unetInputs[0] ?? [])).toBeLessThan(TOLERANCE);
    // Every step: our sample before it equals diffusers' UNet input, and after it diffusers' sample in VP space.
    const worst = replay(c);
    console.info(`${c.name}: max error ${worst.toExponential(2)} (relative to max(1, |value|))`);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  it('uses noise only in the stochastic samplers, and never on their last step', () => {
    for (const c of cases) {
      const plan = planSampling(c.config, c.sampler as SamplerName, c.steps);
      const stochastic = c.sampler === 'euler-ancestral' || c.sampler === 'lcm';
      expect(plan.usesNoise, c.name).toBe(stochastic && c.steps > 1);
      expect(plan.steps.at(-1)?.usesNoise, c.name).toBe(false);
      if (stochastic) plan.steps.slice(0, -1).forEach((s) => expect(s.usesNoise, `${c.name} step ${s.index}`).toBe(true));
    }
  });
});

describe('guidanceEmbedding matches LatentConsistencyModelPipeline.get_guidance_scale_embedding', () => {
  it.each(fixture.guidanceEmbeddings.map((g) => [g.guidance, g.dim, g] as const))('guidance %s, dim %s', (_g, _d, g) => {
    const ours = guidanceEmbedding(g.guidance, g.dim);
    let worst = 0;
    g.values.forEach((v, i) => (worst = Math.max(worst, Math.abs((ours[i] ?? NaN) - v))));
    // torch rounds the argument 1000·w·f_i to float32 and its float32 exp is off by an ulp on some
    // f_i: each costs up to ~6e-8·1000·|w| in the sine. Anything wrong in the formula costs ≥ 1e-2.
    const bound = 1.5e-7 * 1000 * Math.abs(g.guidance - 1) + 1e-6;
    console.info(`guidance embedding g=${g.guidance} dim=${g.dim}: max abs error ${worst.toExponential(2)} (bound ${bound.toExponential(2)})`);
    expect(ours).toHaveLength(g.values.length);
    expect(worst).toBeLessThan(bound);
  });
});
