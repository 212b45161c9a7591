import { describe, expect, it } from 'vitest';
import { alphasCumprod, inferenceTimesteps, roundHalfEven } from './noiseSchedule';

// Expected values computed with numpy (training/blobgen/diffusion.py and diffusers' formulas).
describe('alphasCumprod', () => {
  it('cosine (squaredcos_cap_v2) matches training/blobgen/diffusion.py', () => {
    const a = alphasCumprod({ trainTimesteps: 1000, betaSchedule: 'squaredcos_cap_v2' });
    expect(a[0]).toBeCloseTo(0.999958715775178, 12);
    expect(a[500]).toBeCloseTo(0.49228517244880304, 12);
    expect((a[999] ?? 0) / 2.4287669070348567e-9).toBeCloseTo(1, 6);
  });
  it('scaled_linear (Stable Diffusion 0.00085 → 0.012)', () => {
    const a = alphasCumprod({ trainTimesteps: 1000, betaSchedule: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012 });
    expect(a[0]).toBeCloseTo(0.99915, 10);
    expect(a[500]).toBeCloseTo(0.27633268, 7);
    expect(a[999]).toBeCloseTo(0.0046601, 6);
  });
  it('linear (DDPM 1e-4 → 0.02)', () => {
    const a = alphasCumprod({ trainTimesteps: 1000, betaSchedule: 'linear' });
    expect(a[500]).toBeCloseTo(0.0777966584, 8);
    expect((a[999] ?? 0) / 4.03582977e-5).toBeCloseTo(1, 6);
  });
});

describe('inferenceTimesteps', () => {
  it('trailing equals the Python reference (np.round half-to-even included)', () => {
    expect(inferenceTimesteps(1000, 20, 'trailing')).toEqual([
      999, 949, 899, 849, 799, 749, 699, 649, 599, 549, 499, 449, 399, 349, 299, 249, 199, 149, 99, 49,
    ]);
    expect(inferenceTimesteps(1000, 16, 'trailing')).toEqual([999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61]);
    expect(inferenceTimesteps(1000, 3, 'trailing')).toEqual([999, 666, 332]);
  });
  it('linspace and leading follow diffusers', () => {
    expect(inferenceTimesteps(1000, 7, 'linspace')).toEqual([999, 832, 666, 500, 333, 166, 0]);
    expect(inferenceTimesteps(1000, 4, 'leading', 1)).toEqual([751, 501, 251, 1]);
  });
  it('rejects impossible step counts', () => {
    expect(() => inferenceTimesteps(1000, 0, 'trailing')).toThrow(RangeError);
    expect(() => inferenceTimesteps(1000, 1001, 'trailing')).toThrow(RangeError);
  });
  it('roundHalfEven', () => {
    expect([0.5, 1.5, 2.5, 812.5, 937.5, -0.5, 2.4].map(roundHalfEven)).toEqual([0, 2, 2, 812, 938, -0, 2]);
  });
});
