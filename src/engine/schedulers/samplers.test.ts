import { describe, expect, it } from 'vitest';
import { guidanceEmbedding } from './guidanceEmbedding';
import { alphasCumprod } from './noiseSchedule';
import { planSampling, SAMPLER_INFO, SAMPLER_NAMES, type SchedulerConfig } from './samplers';
import { applyStep, guide } from './stepCoefficients';

const cosineV: SchedulerConfig = {
  trainTimesteps: 1000,
  betaSchedule: 'squaredcos_cap_v2',
  predictionType: 'v_prediction',
  timestepSpacing: 'trailing',
  clipSample: true,
  clipSampleRange: 1,
};

const x = Float32Array.from([0.5, -1.2, 2.0]);
const out = Float32Array.from([0.1, -0.3, 0.7]);

describe('DDIM', () => {
  it('matches training/blobgen/diffusion.py ddim_step (float64 reference, float32 result)', () => {
    const plan = planSampling(cosineV, 'ddim', 20);
    const cases: [number, number[]][] = [
      [0, [0.49070524585662156, -1.1730249148872045, 1.9394826075830498]], // t 999 → 949
      [9, [0.4906977134172366, -1.173003586302927, 1.9394362241767424]], // t 549 → 499
      [19, [0.48905760883400884, -1.0, 1.0]], // t 49 → clean (ᾱ = 1), x̂0 clipped
    ];
    for (const [i, expected] of cases) {
      const step = plan.steps[i];
      if (!step) throw new Error('missing step');
      const { next } = applyStep(step.coefficients, x, out, null);
      expected.forEach((e, k) => expect(next[k]).toBeCloseTo(e, 6));
    }
  });

  it('an oracle model that always predicts the same x0 lands exactly on it', () => {
    for (const prediction of ['epsilon', 'v_prediction', 'sample'] as const) {
      for (const sampler of ['ddim', 'dpmpp-2m'] as const) {
        const cfg: SchedulerConfig = { ...cosineV, predictionType: prediction, betaSchedule: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012, clipSample: false };
        const plan = planSampling(cfg, sampler, 10);
        const x0 = Float32Array.from([0.3, -0.7]);
        let xt: Float32Array = Float32Array.from([1.1, -0.4]);
        let prev: Float32Array | null = null;
        for (const step of plan.steps) {
          // Build the model output that encodes x0 exactly for this timestep and prediction type.
          const c = step.coefficients;
          const o = xt.map((xi, k) => ((x0[k] ?? 0) - c.x0FromX * xi) / c.x0FromOut);
          const r = applyStep(c, xt, o, prev);
          xt = r.next;
          prev = r.x0;
        }
        expect(xt[0]).toBeCloseTo(0.3, 4);
        expect(xt[1]).toBeCloseTo(-0.7, 4);
      }
    }
  });
});

describe('DPM-Solver++ 2M', () => {
  it('first step is first order and equals DDIM', () => {
    const a = planSampling({ ...cosineV, clipSample: false }, 'dpmpp-2m', 10).steps[0];
    const b = planSampling({ ...cosineV, clipSample: false }, 'ddim', 10).steps[0];
    if (!a || !b) throw new Error('missing step');
    const ra = applyStep(a.coefficients, x, out, null).next;
    const rb = applyStep(b.coefficients, x, out, null).next;
    ra.forEach((v, k) => expect(v).toBeCloseTo(rb[k] ?? NaN, 5));
  });
  it('later steps use the previous x̂0 and the last step returns x̂0', () => {
    const plan = planSampling(cosineV, 'dpmpp-2m', 10);
    expect(plan.steps[3]?.coefficients.nextFromPrevX0).not.toBe(0);
    const last = plan.steps[9]?.coefficients;
    expect(last).toMatchObject({ nextFromX: 0, nextFromPrevX0: 0 });
    expect(last?.nextFromX0).toBeCloseTo(1, 12);
  });
});

describe('guide', () => {
  it('is uncond + g·(cond − uncond)', () => {
    expect(Array.from(guide(Float32Array.from([1, 2]), Float32Array.from([3, 0]), 3))).toEqual([7, -4]);
  });
});

const sd15: SchedulerConfig = {
  trainTimesteps: 1000,
  betaSchedule: 'scaled_linear',
  betaStart: 0.00085,
  betaEnd: 0.012,
  predictionType: 'epsilon',
  timestepSpacing: 'leading',
  stepsOffset: 1,
  setAlphaToOne: false,
};

describe('sampler plans (beyond the diffusers fixtures)', () => {
  it('every sampler has a label and description, and the stochastic ones are the noisy ones', () => {
    for (const name of SAMPLER_NAMES) {
      expect(SAMPLER_INFO[name].label.length).toBeGreaterThan(0);
      expect(planSampling({ ...sd15, lcm: { originalInferenceSteps: 50, timestepScaling: 10 } }, name, 4).usesNoise).toBe(SAMPLER_INFO[name].stochastic);
    }
  });

  it('initial noise scale: 1 for leading Euler, √(1 − ᾱ_999) for trailing (SD-Turbo), 1 for VP samplers', () => {
    const abar999 = alphasCumprod(sd15)[999] ?? NaN;
    expect(planSampling(sd15, 'euler', 20).initNoiseScale).toBeCloseTo(1, 12);
    expect(planSampling({ ...sd15, timestepSpacing: 'trailing' }, 'euler', 1).initNoiseScale).toBeCloseTo(Math.sqrt(1 - abar999), 12);
    expect(planSampling({ ...sd15, timestepSpacing: 'trailing' }, 'euler-ancestral', 4).initNoiseScale).toBeCloseTo(Math.sqrt(1 - abar999), 12);
    for (const s of ['ddim', 'dpmpp-2m', 'dpmpp-2m-karras', 'lcm'] as const) expect(planSampling(sd15, s, 4).initNoiseScale).toBe(1);
  });

  it('Euler in VP space is DDIM (set_alpha_to_one) on the same timesteps', () => {
    const euler = planSampling(sd15, 'euler', 20).steps;
    const ddim = planSampling({ ...sd15, setAlphaToOne: true }, 'ddim', 20).steps;
    euler.forEach((e, i) => {
      const d = ddim[i];
      if (!d) throw new Error('missing step');
      expect(e.timestep).toBe(d.timestep);
      const r1 = applyStep(e.coefficients, x, out, null).next;
      const r2 = applyStep(d.coefficients, x, out, null).next;
      r1.forEach((v, k) => expect(v).toBeCloseTo(r2[k] ?? NaN, 5));
    });
  });

  it('Karras DPM-Solver++ starts at t = 999 and ends at t = 0 with integer timesteps', () => {
    const ts = planSampling(sd15, 'dpmpp-2m-karras', 10).steps.map((s) => s.timestep);
    expect(ts[0]).toBe(999);
    expect(ts.at(-1)).toBe(0);
    ts.forEach((t) => expect(Number.isInteger(t)).toBe(true));
  });

  it('a noisy step refuses to run without its noise, and adds exactly nextFromNoise·z', () => {
    const step = planSampling(sd15, 'euler-ancestral', 4).steps[0];
    if (!step) throw new Error('missing step');
    expect(() => applyStep(step.coefficients, x, out, null)).toThrow(/needs a noise array of 3 values/);
    const z = Float32Array.from([1, -2, 0.5]);
    const withNoise = applyStep(step.coefficients, x, out, null, z).next;
    const without = applyStep({ ...step.coefficients, nextFromNoise: 0 }, x, out, null).next;
    withNoise.forEach((v, k) => expect(v - (without[k] ?? NaN)).toBeCloseTo(step.coefficients.nextFromNoise * (z[k] ?? NaN), 5));
  });

  it('LCM rejects more steps than its distillation schedule has', () => {
    expect(() => planSampling({ ...sd15, lcm: { originalInferenceSteps: 50, timestepScaling: 10 } }, 'lcm', 51)).toThrow(/LCM steps must be an integer in \[1, 50\]/);
    expect(planSampling(sd15, 'lcm', 4).steps.map((s) => s.timestep)).toEqual([999, 759, 499, 259]);
  });
});

describe('guidanceEmbedding', () => {
  it('is sin then cos of 1000·(g − 1)·f_i, zero-padded for an odd dim', () => {
    const e = guidanceEmbedding(3, 8);
    expect(e[0]).toBeCloseTo(Math.sin(2000), 5);
    expect(e[4]).toBeCloseTo(Math.cos(2000), 5);
    expect(e[3]).toBeCloseTo(Math.sin(2000 * 1e-4), 6); // f_{half−1} = 10000^−1
    expect(guidanceEmbedding(3, 9)[8]).toBe(0);
    expect(() => guidanceEmbedding(NaN)).toThrow(RangeError);
  });
});
