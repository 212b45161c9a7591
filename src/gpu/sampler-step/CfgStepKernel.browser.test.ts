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
    for (const step of plan.steps) {
      const uncond = rand(10 + step.index);
      const cond = rand(20 + step.index);
      const modelOut = uploadFloats(device, new Float32Array([...uncond, ...cond]));
      await withErrorScope(device, () => {
        const encoder = device.createCommandEncoder();
        kernel.encode(encoder, uniforms, step.index, n, { modelOut, sample, prevX0 });
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
});
