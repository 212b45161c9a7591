/**
 * Training noise schedules (ᾱ_t) and inference timestep spacing, following diffusers' definitions
 * so that any pack trained with a diffusers-style scheduler config runs without per-model code.
 * Computed in float64: the Python reference (training/blobgen/diffusion.py) uses numpy float64.
 */

export type BetaSchedule = 'linear' | 'scaled_linear' | 'squaredcos_cap_v2';
export type TimestepSpacing = 'leading' | 'trailing' | 'linspace';

export interface NoiseScheduleConfig {
  trainTimesteps: number;
  betaSchedule: BetaSchedule;
  betaStart?: number;
  betaEnd?: number;
}

/** ᾱ_t for t = 0 … T−1. */
export function alphasCumprod(config: NoiseScheduleConfig): Float64Array {
  const n = config.trainTimesteps;
  const betas = new Float64Array(n);
  const start = config.betaStart ?? 0.0001;
  const end = config.betaEnd ?? 0.02;
  switch (config.betaSchedule) {
    case 'linear':
      for (let i = 0; i < n; i++) betas[i] = start + ((end - start) * i) / Math.max(1, n - 1);
      break;
    case 'scaled_linear': {
      const a = Math.sqrt(start);
      const b = Math.sqrt(end);
      for (let i = 0; i < n; i++) betas[i] = (a + ((b - a) * i) / Math.max(1, n - 1)) ** 2;
      break;
    }
    case 'squaredcos_cap_v2': {
      // Nichol & Dhariwal's cosine schedule, betas capped at 0.999 (diffusers betas_for_alpha_bar).
      const abar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
      for (let i = 0; i < n; i++) betas[i] = Math.min(1 - abar((i + 1) / n) / abar(i / n), 0.999);
      break;
    }
    default:
      throw new RangeError(`unknown beta schedule ${String(config.betaSchedule)}`);
  }
  const out = new Float64Array(n);
  let prod = 1;
  for (let i = 0; i < n; i++) {
    prod *= 1 - (betas[i] ?? 0);
    out[i] = prod;
  }
  return out;
}

/** numpy's np.round: halves go to the even neighbour (Math.round would differ on x.5). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Inference timesteps, descending, as integers in [0, T−1] (diffusers' set_timesteps spacings). */
export function inferenceTimesteps(trainTimesteps: number, steps: number, spacing: TimestepSpacing, stepsOffset = 0): number[] {
  if (!Number.isInteger(steps) || steps < 1 || steps > trainTimesteps) {
    throw new RangeError(`steps must be an integer in [1, ${trainTimesteps}], got ${steps}`);
  }
  const out: number[] = [];
  switch (spacing) {
    case 'trailing': {
      // np.round(np.arange(T, 0, -T/steps)) - 1: the first step starts from pure noise (t = T−1).
      const ratio = trainTimesteps / steps;
      for (let i = 0; i < steps; i++) out.push(roundHalfEven(trainTimesteps - i * ratio) - 1);
      break;
    }
    case 'leading': {
      const ratio = Math.floor(trainTimesteps / steps);
      for (let i = steps - 1; i >= 0; i--) out.push(i * ratio + stepsOffset);
      break;
    }
    case 'linspace': {
      const last = trainTimesteps - 1;
      // numpy.linspace multiplies by the step (i·(last/(n−1))), which can round differently from (i·last)/(n−1).
      for (let i = steps - 1; i >= 0; i--) out.push(roundHalfEven(steps === 1 ? 0 : i * (last / (steps - 1))));
      break;
    }
    default:
      throw new RangeError(`unknown timestep spacing ${String(spacing)}`);
  }
  return out;
}
