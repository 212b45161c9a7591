/**
 * Samplers whose diffusers scheduler already works on the VP sample (the UNet input): DDIM,
 * DPM-Solver++ 2M (optionally on Karras noise levels) and LCM. Each returns one StepCoefficients
 * per step; samplers.ts assembles the plan.
 */
import { predictionCoefficients, type PredictionType, type StepCoefficients } from './stepCoefficients';

export interface VpStep {
  timestep: number;
  /** ᾱ of the sample this step receives. */
  alphaBar: number;
  coefficients: StepCoefficients;
}

const NO_NOISE = { nextFromNoise: 0 };

/**
 * DDIM (η = 0), like DDIMScheduler, except that the "previous" ᾱ is the next timestep in the plan
 * (not t − T/steps): identical whenever the spacing steps by T/steps (always for "leading", and
 * for the other spacings when steps divides T), and what the Python reference sampler does for
 * every step count.
 */
export function ddimSteps(prediction: PredictionType, clip: number, timesteps: readonly number[], alphaBar: Float64Array, finalAlphaBar: number): VpStep[] {
  const at = (k: number) => (k < timesteps.length ? (alphaBar[timesteps[k] ?? 0] ?? NaN) : finalAlphaBar);
  return timesteps.map((timestep, i) => {
    const aNext = at(i + 1);
    return {
      timestep,
      alphaBar: at(i),
      coefficients: { ...predictionCoefficients(prediction, at(i)), clip, nextFromX: 0, nextFromX0: Math.sqrt(aNext), nextFromEps: Math.sqrt(1 - aNext), nextFromPrevX0: 0, ...NO_NOISE },
    };
  });
}

function lambdaOf(alphaBar: number): number {
  // λ = log(α/σ); σ = 0 (the clean end) gives +∞, which the formulas below handle via exp(−∞) = 0.
  return 0.5 * Math.log(alphaBar) - 0.5 * Math.log(1 - alphaBar);
}

/**
 * DPM-Solver++ 2M (data prediction, midpoint second-order update), like DPMSolverMultistepScheduler
 * with its defaults (solver_order 2, lower_order_final, final_sigmas_type "zero"): the first and
 * the last step are first order, and the last lands on x̂0. `levels` holds the ᾱ of every step's
 * input and, last, the ᾱ after the final step (1).
 */
export function dpmSolverSteps(prediction: PredictionType, clip: number, timesteps: readonly number[], levels: readonly number[]): VpStep[] {
  const at = (k: number) => levels[k] ?? NaN;
  return timesteps.map((timestep, i) => {
    const aS = at(i);
    const aT = at(i + 1);
    const sigmaS = Math.sqrt(1 - aS);
    const sigmaT = Math.sqrt(1 - aT);
    const h = lambdaOf(aT) - lambdaOf(aS);
    const c = -Math.sqrt(aT) * Math.expm1(-h); // −α_t(e^{−h} − 1)
    const nextFromX = sigmaT === 0 ? 0 : sigmaT / sigmaS;
    const pred = { ...predictionCoefficients(prediction, aS), clip };
    if (i === 0 || i === timesteps.length - 1) {
      // First order (== DDIM): x_t = (σ_t/σ_s)·x − α_t(e^{−h} − 1)·x̂0.
      return { timestep, alphaBar: aS, coefficients: { ...pred, nextFromX, nextFromX0: c, nextFromEps: 0, nextFromPrevX0: 0, ...NO_NOISE } };
    }
    const r0 = (lambdaOf(aS) - lambdaOf(at(i - 1))) / h;
    // D0 = x̂0, D1 = (x̂0 − x̂0_prev)/r0; x_t = (σ_t/σ_s)x + c·(D0 + D1/2).
    return { timestep, alphaBar: aS, coefficients: { ...pred, nextFromX, nextFromX0: c * (1 + 0.5 / r0), nextFromEps: 0, nextFromPrevX0: -c * (0.5 / r0), ...NO_NOISE } };
  });
}

/**
 * LCMScheduler: denoised = c_out·x̂0 + c_skip·x (consistency boundary scalings at t·timestepScaling,
 * σ_data = 0.5), then re-noised to the next timestep with fresh noise; the last step returns
 * denoised. The x̂0 the kernel stores is the plain prediction, not `denoised`.
 */
export function lcmSteps(prediction: PredictionType, clip: number, timesteps: readonly number[], alphaBar: Float64Array, timestepScaling: number): VpStep[] {
  const sigmaData2 = 0.25;
  return timesteps.map((timestep, i) => {
    const a = alphaBar[timestep] ?? NaN;
    const scaled = timestep * timestepScaling;
    const cSkip = sigmaData2 / (scaled * scaled + sigmaData2);
    const cOut = scaled / Math.sqrt(scaled * scaled + sigmaData2);
    const pred = { ...predictionCoefficients(prediction, a), clip, nextFromEps: 0, nextFromPrevX0: 0 };
    const next = timesteps[i + 1];
    if (next === undefined) return { timestep, alphaBar: a, coefficients: { ...pred, nextFromX: cSkip, nextFromX0: cOut, nextFromNoise: 0 } };
    const aPrev = alphaBar[next] ?? NaN;
    const s = Math.sqrt(aPrev);
    return { timestep, alphaBar: a, coefficients: { ...pred, nextFromX: s * cSkip, nextFromX0: s * cOut, nextFromNoise: Math.sqrt(1 - aPrev) } };
  });
}
