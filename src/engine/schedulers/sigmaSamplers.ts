/**
 * Euler and Euler Ancestral (diffusers EulerDiscreteScheduler / EulerAncestralDiscreteScheduler),
 * rewritten for the VP sample u = x_σ/√(σ² + 1) that the UNet receives. In σ space a step is
 * x' = x + (x − x̂0)/σ·(σ_down − σ) + σ_up·z; with x = √(σ² + 1)·u and u' = x'/√(σ'² + 1):
 *   u' = (σ_down/σ)·√(σ² + 1)/√(σ'² + 1)·u + (1 − σ_down/σ)/√(σ'² + 1)·x̂0 + σ_up/√(σ'² + 1)·z,
 * where σ' is the next noise level (0 after the last step), σ_down = σ' and σ_up = 0 for Euler.
 * x̂0 from u and the model output is the VP formula at ᾱ = 1/(σ² + 1), exactly diffusers' σ-space one.
 */
import type { TimestepSpacing } from './noiseSchedule';
import { sigmaAtTimestep, vpAlphaBar } from './sigmaSchedule';
import { predictionCoefficients, type PredictionType } from './stepCoefficients';
import type { VpStep } from './vpSamplers';

/** `sigmas` holds every step's σ and, last, the σ after the final step (0). */
export function eulerSteps(prediction: PredictionType, clip: number, timesteps: readonly number[], sigmas: readonly number[], ancestral: boolean): VpStep[] {
  return timesteps.map((timestep, i) => {
    const sigma = sigmas[i] ?? NaN;
    const sigmaNext = sigmas[i + 1] ?? NaN;
    const sigmaUp = ancestral ? Math.sqrt((sigmaNext * sigmaNext * (sigma * sigma - sigmaNext * sigmaNext)) / (sigma * sigma)) : 0;
    const sigmaDown = ancestral ? Math.sqrt(sigmaNext * sigmaNext - sigmaUp * sigmaUp) : sigmaNext;
    const toVp = 1 / Math.sqrt(sigmaNext * sigmaNext + 1);
    const ratio = sigmaDown / sigma;
    const alphaBar = vpAlphaBar(sigma);
    return {
      timestep,
      alphaBar,
      coefficients: {
        ...predictionCoefficients(prediction, alphaBar),
        clip,
        nextFromX: ratio * Math.sqrt(sigma * sigma + 1) * toVp,
        nextFromX0: (1 - ratio) * toVp,
        nextFromEps: 0,
        nextFromPrevX0: 0,
        nextFromNoise: sigmaUp * toVp,
      },
    };
  });
}

/**
 * σ levels and the initial-noise scale, as EulerDiscreteScheduler sets them: σ interpolated at
 * each (possibly fractional) timestep, then 0; init_noise_sigma is σmax for "linspace"/"trailing"
 * and √(σmax² + 1) for "leading", here divided by √(σ0² + 1) because the plan starts from the VP
 * sample the UNet receives.
 */
export function sigmaSamplersPlan(
  prediction: PredictionType,
  clip: number,
  timesteps: readonly number[],
  trainSigmas: Float64Array,
  spacing: TimestepSpacing,
  ancestral: boolean,
): { vpSteps: VpStep[]; initNoiseScale: number } {
  const sigmas = [...timesteps.map((t) => sigmaAtTimestep(trainSigmas, t)), 0];
  const sigmaMax = Math.max(...sigmas);
  const first = sigmas[0] ?? NaN;
  const initNoiseSigma = spacing === 'leading' ? Math.sqrt(sigmaMax * sigmaMax + 1) : sigmaMax;
  return { vpSteps: eulerSteps(prediction, clip, timesteps, sigmas, ancestral), initNoiseScale: initNoiseSigma / Math.sqrt(first * first + 1) };
}
