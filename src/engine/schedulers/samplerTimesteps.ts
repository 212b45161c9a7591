/**
 * The timestep spacings of the diffusers schedulers that differ from DDIM's (noiseSchedule.ts
 * inferenceTimesteps): each scheduler family spaces "leading" and "linspace" its own way, and the
 * samplers follow their own family so that they match diffusers step for step.
 * numpy's linspace computes start + i·((stop − start)/div); the same order is used here, because
 * i·(stop/div) and (i·stop)/div can round to different sides of an integer or a half.
 */
import { roundHalfEven, type TimestepSpacing } from './noiseSchedule';

function checkSteps(trainTimesteps: number, steps: number): void {
  if (!Number.isInteger(steps) || steps < 1 || steps > trainTimesteps) {
    throw new RangeError(`steps must be an integer in [1, ${trainTimesteps}], got ${steps}`);
  }
}

/** numpy.linspace(start, stop, num) with endpoint=True. */
function linspace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : start + i * step));
}

/**
 * EulerDiscreteScheduler / EulerAncestralDiscreteScheduler: descending float32 timesteps;
 * "linspace" gives fractional ones (the σ between two training timesteps is interpolated).
 */
export function eulerTimesteps(trainTimesteps: number, steps: number, spacing: TimestepSpacing, stepsOffset = 0): number[] {
  checkSteps(trainTimesteps, steps);
  switch (spacing) {
    case 'linspace':
      return linspace(0, trainTimesteps - 1, steps).reverse().map(Math.fround);
    case 'leading': {
      const ratio = Math.floor(trainTimesteps / steps);
      return Array.from({ length: steps }, (_, i) => (steps - 1 - i) * ratio + stepsOffset);
    }
    case 'trailing': {
      const ratio = trainTimesteps / steps;
      return Array.from({ length: steps }, (_, i) => roundHalfEven(trainTimesteps - i * ratio) - 1);
    }
    default:
      throw new RangeError(`unknown timestep spacing ${String(spacing)}`);
  }
}

/** DPMSolverMultistepScheduler without Karras sigmas: integer timesteps from n + 1 points, the last (0) dropped. */
export function dpmSolverTimesteps(trainTimesteps: number, steps: number, spacing: TimestepSpacing, stepsOffset = 0): number[] {
  checkSteps(trainTimesteps, steps);
  switch (spacing) {
    case 'linspace':
      return linspace(0, trainTimesteps - 1, steps + 1)
        .map(roundHalfEven)
        .reverse()
        .slice(0, steps);
    case 'leading': {
      const ratio = Math.floor(trainTimesteps / (steps + 1));
      return Array.from({ length: steps }, (_, i) => (steps - i) * ratio + stepsOffset);
    }
    case 'trailing': {
      const ratio = trainTimesteps / steps;
      return Array.from({ length: steps }, (_, i) => roundHalfEven(trainTimesteps - i * ratio) - 1);
    }
    default:
      throw new RangeError(`unknown timestep spacing ${String(spacing)}`);
  }
}

/**
 * LCMScheduler: `steps` evenly chosen from the distillation schedule of originalSteps timesteps
 * (k·j − 1 for j = 1 … originalSteps, k = T / originalSteps), from the noisiest down.
 */
export function lcmTimesteps(trainTimesteps: number, steps: number, originalSteps: number): number[] {
  if (!Number.isInteger(originalSteps) || originalSteps < 1 || originalSteps > trainTimesteps) {
    throw new RangeError(`LCM originalInferenceSteps must be an integer in [1, ${trainTimesteps}], got ${originalSteps}`);
  }
  if (!Number.isInteger(steps) || steps < 1 || steps > originalSteps) {
    throw new RangeError(`LCM steps must be an integer in [1, ${originalSteps}] (originalInferenceSteps), got ${steps}`);
  }
  const k = Math.floor(trainTimesteps / originalSteps);
  const origin = Array.from({ length: originalSteps }, (_, j) => (originalSteps - j) * k - 1); // descending
  const stride = originalSteps / steps; // numpy.linspace(0, originalSteps, steps, endpoint=False)
  return Array.from({ length: steps }, (_, i) => origin[Math.floor(i * stride)] ?? NaN);
}
