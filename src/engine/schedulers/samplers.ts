/**
 * Sampler plans: the timestep fed to the UNet, the StepCoefficients and whether fresh noise is
 * needed, for every step, plus the scale of the initial noise. Every sampler works on the VP
 * sample (what the UNet receives: diffusers' scale_model_input output) and matches its diffusers
 * scheduler step for step on the same config (diffusersParity.test.ts):
 *
 * - "ddim": DDIMScheduler (η = 0); see vpSamplers.ts for the one spacing case where it differs.
 * - "dpmpp-2m": DPMSolverMultistepScheduler (dpmsolver++, order 2, its own timestep spacing).
 * - "dpmpp-2m-karras": the same with use_karras_sigmas=True (timesteps rounded from σ as diffusers does).
 * - "euler": EulerDiscreteScheduler. SD-Turbo is this sampler with trailing spacing, 1–4 steps, no CFG.
 * - "euler-ancestral": EulerAncestralDiscreteScheduler (fresh noise every step but the last).
 * - "lcm": LCMScheduler (fresh noise every step but the last; the UNet's guidance embedding is guidanceEmbedding.ts).
 *
 * clipSample clamps x̂0 in every sampler (diffusers applies clip_sample in DDIM and LCM only; the
 * Stable Diffusion configs all set it false).
 */
import { alphasCumprod, inferenceTimesteps, roundHalfEven, type NoiseScheduleConfig, type TimestepSpacing } from './noiseSchedule';
import { dpmSolverTimesteps, eulerTimesteps, lcmTimesteps } from './samplerTimesteps';
import { sigmaSamplersPlan } from './sigmaSamplers';
import { karrasSigmas, sigmaToTimestep, trainSigmas, vpAlphaBar } from './sigmaSchedule';
import type { PredictionType, StepCoefficients } from './stepCoefficients';
import { ddimSteps, dpmSolverSteps, lcmSteps, type VpStep } from './vpSamplers';

export type SamplerName = 'ddim' | 'dpmpp-2m' | 'dpmpp-2m-karras' | 'euler' | 'euler-ancestral' | 'lcm';
export const SAMPLER_NAMES: readonly SamplerName[] = ['ddim', 'dpmpp-2m', 'dpmpp-2m-karras', 'euler', 'euler-ancestral', 'lcm'];

export interface SamplerInfo {
  /** Short name for menus. */
  label: string;
  /** One sentence for a tooltip. */
  description: string;
  /** Draws fresh noise during sampling (the same seed still gives the same image). */
  stochastic: boolean;
}

export const SAMPLER_INFO: Readonly<Record<SamplerName, SamplerInfo>> = {
  ddim: { label: 'DDIM', description: 'Deterministic DDIM (η = 0); steady, needs about 20–50 steps.', stochastic: false },
  'dpmpp-2m': { label: 'DPM-Solver++ 2M', description: 'Second-order multistep DPM-Solver++; sharp results in 20–30 steps.', stochastic: false },
  'dpmpp-2m-karras': { label: 'DPM-Solver++ 2M Karras', description: 'DPM-Solver++ 2M on Karras noise levels; a common default for Stable Diffusion at 20–30 steps.', stochastic: false },
  euler: { label: 'Euler', description: 'First-order Euler; simple and robust. SD-Turbo uses it with 1–4 steps.', stochastic: false },
  'euler-ancestral': { label: 'Euler Ancestral', description: 'Euler that adds fresh noise each step; more varied images that keep changing with the step count.', stochastic: true },
  lcm: { label: 'LCM', description: 'Latent Consistency Model sampling for LCM-distilled models, 2–8 steps, guidance given to the model.', stochastic: true },
};

export interface SchedulerConfig extends NoiseScheduleConfig {
  predictionType: PredictionType;
  timestepSpacing: TimestepSpacing;
  stepsOffset?: number;
  /** Clamp x̂0 to ±clipSampleRange (diffusers clip_sample); the data range of the latent. */
  clipSample?: boolean;
  clipSampleRange?: number;
  /** ᾱ used after DDIM's last step (diffusers set_alpha_to_one; true = a clean sample). */
  setAlphaToOne?: boolean;
  /** LCMScheduler settings; diffusers' defaults (50, 10) when absent. */
  lcm?: { originalInferenceSteps: number; timestepScaling: number };
}

export interface SamplerStep {
  index: number;
  /**
   * Training timestep the UNet receives (as float32, contracts.md §6): an integer for every
   * sampler except Euler with "linspace" spacing, whose timesteps are fractional as in diffusers.
   */
  timestep: number;
  /** ᾱ of the VP sample this step receives (1/(σ² + 1) for σ-based samplers). */
  alphaBar: number;
  coefficients: StepCoefficients;
  /** This step adds fresh N(0, 1) noise (coefficients.nextFromNoise ≠ 0); draw it only then. */
  usesNoise: boolean;
}

export interface SamplingPlan {
  sampler: SamplerName;
  steps: SamplerStep[];
  /** The initial latent is seeded N(0, 1) scaled by this (1 except e.g. trailing/linspace Euler: σmax/√(σmax² + 1)). */
  initNoiseScale: number;
  /** Some step uses noise, so the engine needs a noise buffer. */
  usesNoise: boolean;
}

const LCM_DEFAULTS = { originalInferenceSteps: 50, timestepScaling: 10 };

export function planSampling(config: SchedulerConfig, sampler: SamplerName, steps: number): SamplingPlan {
  const abar = alphasCumprod(config);
  const T = config.trainTimesteps;
  const offset = config.stepsOffset ?? 0;
  const clip = config.clipSample ? (config.clipSampleRange ?? 1) : Infinity;
  const prediction = config.predictionType;
  let vpSteps: VpStep[];
  let initNoiseScale = 1;
  switch (sampler) {
    case 'ddim': {
      const finalAlpha = config.setAlphaToOne === false ? (abar[0] ?? 1) : 1;
      vpSteps = ddimSteps(prediction, clip, inferenceTimesteps(T, steps, config.timestepSpacing, offset), abar, finalAlpha);
      break;
    }
    case 'dpmpp-2m': {
      const ts = dpmSolverTimesteps(T, steps, config.timestepSpacing, offset);
      vpSteps = dpmSolverSteps(prediction, clip, ts, [...ts.map((t) => abar[t] ?? NaN), 1]);
      break;
    }
    case 'dpmpp-2m-karras': {
      if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new RangeError(`steps must be an integer in [1, ${T}], got ${steps}`);
      const trained = trainSigmas(abar);
      const sigmas = karrasSigmas(trained[0] ?? NaN, trained[T - 1] ?? NaN, steps);
      const ts = sigmas.map((s) => roundHalfEven(sigmaToTimestep(s, trained)));
      vpSteps = dpmSolverSteps(prediction, clip, ts, [...sigmas.map(vpAlphaBar), 1]);
      break;
    }
    case 'euler':
    case 'euler-ancestral': {
      const ts = eulerTimesteps(T, steps, config.timestepSpacing, offset);
      ({ vpSteps, initNoiseScale } = sigmaSamplersPlan(prediction, clip, ts, trainSigmas(abar), config.timestepSpacing, sampler === 'euler-ancestral'));
      break;
    }
    case 'lcm': {
      const lcm = config.lcm ?? LCM_DEFAULTS;
      vpSteps = lcmSteps(prediction, clip, lcmTimesteps(T, steps, lcm.originalInferenceSteps), abar, lcm.timestepScaling);
      break;
    }
    default:
      throw new RangeError(`unknown sampler ${String(sampler)} (this engine has ${SAMPLER_NAMES.join(', ')})`);
  }
  const plan = vpSteps.map((s, index) => ({ index, ...s, usesNoise: s.coefficients.nextFromNoise !== 0 }));
  return { sampler, steps: plan, initNoiseScale, usesNoise: plan.some((s) => s.usesNoise) };
}
