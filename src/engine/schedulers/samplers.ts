/**
 * Sampler plans: the timestep fed to the UNet and the StepCoefficients for every step.
 *
 * - DDIM (η = 0), like diffusers' DDIMScheduler, except that the "previous" ᾱ is the next
 *   timestep in the plan (not t − T/steps): identical for spacings that divide T, and what the
 *   Python reference sampler does for every step count.
 * - DPM-Solver++ 2M (data prediction, midpoint second-order update), like diffusers'
 *   DPMSolverMultistepScheduler with final_sigmas_type "zero": the last step is first order and
 *   lands on x̂0.
 */
import { alphasCumprod, inferenceTimesteps, type NoiseScheduleConfig, type TimestepSpacing } from './noiseSchedule';
import { predictionCoefficients, type PredictionType, type StepCoefficients } from './stepCoefficients';

export type SamplerName = 'ddim' | 'dpmpp-2m';
export const SAMPLER_NAMES: readonly SamplerName[] = ['ddim', 'dpmpp-2m'];

export interface SchedulerConfig extends NoiseScheduleConfig {
  predictionType: PredictionType;
  timestepSpacing: TimestepSpacing;
  stepsOffset?: number;
  /** Clamp x̂0 to ±clipSampleRange (diffusers clip_sample); the data range of the latent. */
  clipSample?: boolean;
  clipSampleRange?: number;
  /** ᾱ used after the last step (diffusers set_alpha_to_one; true = a clean sample). */
  setAlphaToOne?: boolean;
}

export interface SamplerStep {
  index: number;
  /** Integer training timestep; the UNet receives it as float32 (contracts.md §6). */
  timestep: number;
  coefficients: StepCoefficients;
}

export interface SamplingPlan {
  sampler: SamplerName;
  steps: SamplerStep[];
  /** The initial latent is seeded N(0, 1) scaled by this (1 for VP samplers). */
  initNoiseScale: number;
}

export function planSampling(config: SchedulerConfig, sampler: SamplerName, steps: number): SamplingPlan {
  const abar = alphasCumprod(config);
  const ts = inferenceTimesteps(config.trainTimesteps, steps, config.timestepSpacing, config.stepsOffset ?? 0);
  const finalAlpha = config.setAlphaToOne === false ? (abar[0] ?? 1) : 1;
  const clip = config.clipSample ? (config.clipSampleRange ?? 1) : Infinity;
  const alphaAt = (i: number) => (i < ts.length ? (abar[ts[i] ?? 0] ?? 1) : finalAlpha);
  const plan: SamplerStep[] = ts.map((timestep, i) => {
    const a = alphaAt(i);
    const aNext = alphaAt(i + 1);
    const pred = { ...predictionCoefficients(config.predictionType, a), clip };
    if (sampler === 'ddim') {
      return {
        index: i,
        timestep,
        coefficients: { ...pred, nextFromX: 0, nextFromX0: Math.sqrt(aNext), nextFromEps: Math.sqrt(1 - aNext), nextFromPrevX0: 0 },
      };
    }
    return { index: i, timestep, coefficients: { ...pred, ...dpmSolverPP2M(abar, ts, i, finalAlpha) } };
  });
  return { sampler, steps: plan, initNoiseScale: 1 };
}

function lambdaOf(alphaBar: number): number {
  // λ = log(α/σ); σ = 0 (the clean end) gives +∞, which the formulas below handle via exp(−∞) = 0.
  return 0.5 * Math.log(alphaBar) - 0.5 * Math.log(1 - alphaBar);
}

function dpmSolverPP2M(abar: Float64Array, ts: number[], i: number, finalAlpha: number) {
  const at = (k: number) => (k < ts.length ? (abar[ts[k] ?? 0] ?? 1) : finalAlpha);
  const aS = at(i);
  const aT = at(i + 1);
  const alphaT = Math.sqrt(aT);
  const sigmaS = Math.sqrt(1 - aS);
  const sigmaT = Math.sqrt(1 - aT);
  const h = lambdaOf(aT) - lambdaOf(aS);
  const c = -alphaT * Math.expm1(-h); // −α_t(e^{−h} − 1)
  const nextFromX = sigmaT === 0 ? 0 : sigmaT / sigmaS;
  const isLast = i === ts.length - 1;
  if (i === 0 || isLast) {
    // First order (== DDIM): x_t = (σ_t/σ_s)·x − α_t(e^{−h} − 1)·x̂0.
    return { nextFromX, nextFromX0: c, nextFromEps: 0, nextFromPrevX0: 0 };
  }
  const hPrev = lambdaOf(aS) - lambdaOf(at(i - 1));
  const r0 = hPrev / h;
  // D0 = x̂0, D1 = (x̂0 − x̂0_prev)/r0; x_t = (σ_t/σ_s)x + c·(D0 + D1/2).
  return { nextFromX, nextFromX0: c * (1 + 0.5 / r0), nextFromEps: 0, nextFromPrevX0: -c * (0.5 / r0) };
}
