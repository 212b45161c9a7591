import { describe, expect, it } from 'vitest';
import { readFloats, testDevice, uploadFloats, withErrorScope } from '../testing/gpuTestUtils';
import { LatentBlendKernel } from './LatentBlendKernel';

describe('LatentBlendKernel (real WebGPU)', () => {
  it('blends every CFG item with the reference latent of the right step, per pixel', async () => {
    const { device } = await testDevice();
    const channels = 3;
    const pixels = 70; // not a multiple of the workgroup size
    const count = channels * pixels;
    const steps = 3;
    const kernel = new LatentBlendKernel(device);
    const plan = kernel.plan(steps, count, pixels, 2);
    const wave = (seed: number) => Float32Array.from({ length: count }, (_, i) => Math.sin(i * 1.37 + seed));
    const trajectory = new Float32Array(steps * count);
    for (let s = 0; s < steps; s++) trajectory.set(wave(100 + s), s * count);
    const weights = Float32Array.from({ length: pixels }, (_, p) => (p < 20 ? 0 : p < 50 ? 1 : (p - 50) / 20));
    const reference = uploadFloats(device, trajectory);
    const weightBuffer = uploadFloats(device, weights);
    for (let step = 0; step < steps; step++) {
      const x = wave(step);
      const sample = uploadFloats(device, new Float32Array([...x, ...x]));
      await withErrorScope(device, () => {
        const encoder = device.createCommandEncoder();
        kernel.encode(encoder, plan, step, count, { sample, reference, weights: weightBuffer });
        device.queue.submit([encoder.finish()]);
      });
      const out = await readFloats(device, sample, 0, 2 * count);
      for (let i = 0; i < count; i++) {
        const r = trajectory[step * count + i] ?? NaN;
        const w = weights[i % pixels] ?? NaN;
        const expected = w === 0 ? r : w === 1 ? (x[i] ?? NaN) : r * (1 - w) + (x[i] ?? NaN) * w;
        // Weight 0 and 1 are exact (the reference / the new sample, bit for bit); in between, float rounding.
        for (const item of [0, 1]) {
          const got = out[item * count + i] ?? NaN;
          if (w === 0 || w === 1) expect(got).toBe(Math.fround(expected));
          else expect(Math.abs(got - expected)).toBeLessThan(1e-6);
        }
      }
    }
    expect(() => kernel.plan(2, 10, 3, 2)).toThrow(/multiple/);
    plan.uniforms.destroy();
  });
});
