import { describe, expect, it } from 'vitest';
import { planSampling } from '../../engine/schedulers/samplers';
import { applyStep, guide } from '../../engine/schedulers/stepCoefficients';
import { maxAbsDiff, readFloats, testDevice, uploadFloats, withErrorScope } from '../testing/gpuTestUtils';
import { CfgStepKernel } from './CfgStepKernel';

// The GPU step must equal the pure CPU reference (same float32 formula; FMA contraction and the
// order of the four products allow a few ulps).
describe('CfgStepKernel (real WebGPU)', () => {
  it('runs CFG + every DPM-Solver++ 2M step like the CPU reference, including x̂0 clipping', async () => {
    const { device } = await testDevice();
    const n = 1000;
    const rand = (seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 1.7);
    const plan = planSampling(
      { trainTimesteps: 1000, betaSchedule: 'squaredcos_cap_v2', predictionType: 'v_prediction', timestepSpacing: 'trailing', clipSample: true },
      'dpmpp-2m',
      5,
    );
    const kernel = new CfgStepKernel(device);
    const guidance = 3;
    const uniforms = kernel.uploadSteps(n, guidance, true, plan.steps.map((s) => s.coefficients));
    let x: Float32Array = rand(1);
    let prev: Float32Array = new Float32Array(n);
    const sample = uploadFloats(device, new Float32Array([...x, ...x]));
    const prevX0 = uploadFloats(device, prev);
    // Deterministic samplers never read the noise buffer: fill it with NaN to prove it.
    const noise = uploadFloats(device, new Float32Array(n).fill(Number.NaN));
    for (const step of plan.steps) {
      const uncond = rand(10 + step.index);
      const cond = rand(20 + step.index);
      const modelOut = uploadFloats(device, new Float32Array([...uncond, ...cond]));
      await withErrorScope(device, () => {
        const encoder = device.createCommandEncoder();
        kernel.encode(encoder, uniforms, step.index, n, { modelOut, sample, prevX0, noise });
        device.queue.submit([encoder.finish()]);
      });
      const ref = applyStep(step.coefficients, x, guide(uncond, cond, guidance), prev);
      x = ref.next;
      prev = ref.x0;
      const gpu = await readFloats(device, sample, 0, 2 * n);
      expect(maxAbsDiff(gpu.subarray(0, n), x)).toBeLessThan(1e-5);
      expect(maxAbsDiff(gpu.subarray(n), x)).toBeLessThan(1e-5);
      expect(maxAbsDiff(await readFloats(device, prevX0, 0, n), prev)).toBeLessThan(1e-5);
      // Continue from the GPU's own state so errors cannot compound unseen.
      x = gpu.slice(0, n);
      modelOut.destroy();
    }
    device.destroy();
  });

  it('adds the fresh noise of stochastic samplers (Euler Ancestral, ε) and runs one item without guidance', async () => {
    const { device } = await testDevice();
    const n = 777;
    const rand = (seed: number) => Float32Array.from({ length: n }, (_, i) => Math.cos(i * 7.31 + seed) * 1.3);
    const plan = planSampling(
      { trainTimesteps: 1000, betaSchedule: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012, predictionType: 'epsilon', timestepSpacing: 'leading', stepsOffset: 1 },
      'euler-ancestral',
      4,
    );
    expect(plan.steps.slice(0, -1).every((s) => s.usesNoise && s.coefficients.nextFromNoise !== 0)).toBe(true);
    const kernel = new CfgStepKernel(device);
    const uniforms = kernel.uploadSteps(n, 7.5, false, plan.steps.map((s) => s.coefficients));
    let x: Float32Array = rand(3);
    const sample = uploadFloats(device, x);
    const prevX0 = uploadFloats(device, new Float32Array(n));
    for (const step of plan.steps) {
      const out = rand(40 + step.index);
      const z = step.usesNoise ? rand(90 + step.index) : new Float32Array(n).fill(Number.NaN);
      const modelOut = uploadFloats(device, out);
      const noise = uploadFloats(device, z);
      await withErrorScope(device, () => {
        const encoder = device.createCommandEncoder();
        kernel.encode(encoder, uniforms, step.index, n, { modelOut, sample, prevX0, noise });
        device.queue.submit([encoder.finish()]);
      });
      const ref = applyStep(step.coefficients, x, out, null, step.usesNoise ? z : null).next;
      const gpu = await readFloats(device, sample, 0, n);
      expect(maxAbsDiff(gpu, ref)).toBeLessThan(1e-4);
      expect(gpu.every(Number.isFinite)).toBe(true);
      x = gpu.slice();
      modelOut.destroy();
      noise.destroy();
    }
    device.destroy();
  });
});
