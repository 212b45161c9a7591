import { describe, expect, it } from 'vitest';
import { planSampling, type SchedulerConfig } from './samplers';
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
