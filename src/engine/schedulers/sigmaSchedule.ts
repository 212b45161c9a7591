/**
 * Noise levels as σ = √((1 − ᾱ)/ᾱ) (the "sigma" of diffusers' Euler and DPM-Solver schedulers),
 * with diffusers' interpolation, Karras spacing and σ → timestep mapping. The samplers keep the
 * sample in VP space, where σ corresponds to ᾱ = 1/(σ² + 1) (vpAlphaBar).
 */

/** σ_t for every training timestep t. */
export function trainSigmas(alphaBar: Float64Array): Float64Array {
  return alphaBar.map((a) => Math.sqrt((1 - a) / a));
}

/** The VP ᾱ of noise level σ: the UNet sees x_σ/√(σ² + 1) = √ᾱ·x0 + √(1 − ᾱ)·ε. */
export function vpAlphaBar(sigma: number): number {
  return 1 / (sigma * sigma + 1);
}

/** σ at a possibly fractional timestep: linear interpolation in σ (numpy.interp, as diffusers). */
export function sigmaAtTimestep(sigmas: Float64Array, t: number): number {
  const last = sigmas.length - 1;
  if (t <= 0) return sigmas[0] ?? NaN;
  if (t >= last) return sigmas[last] ?? NaN;
  const low = Math.floor(t);
  const lo = sigmas[low] ?? NaN;
  const hi = sigmas[low + 1] ?? NaN;
  return lo + (hi - lo) * (t - low);
}

/** Karras et al. (2022) noise levels, ρ = 7, from σmax down to σmin inclusive (diffusers _convert_to_karras). */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, steps: number, rho = 7): number[] {
  const minInv = sigmaMin ** (1 / rho);
  const maxInv = sigmaMax ** (1 / rho);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const ramp = steps === 1 ? 0 : i * (1 / (steps - 1));
    out.push((maxInv + ramp * (minInv - maxInv)) ** rho);
  }
  return out;
}

/**
 * The fractional training timestep of noise level σ: linear interpolation in log σ between the
 * neighbouring training timesteps (diffusers _sigma_to_t). Callers round it where diffusers does.
 */
export function sigmaToTimestep(sigma: number, sigmas: Float64Array): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  let low = 0;
  for (let t = 0; t < sigmas.length; t++) if (logSigma - Math.log(sigmas[t] ?? NaN) >= 0) low = t;
  low = Math.min(low, sigmas.length - 2);
  const lo = Math.log(sigmas[low] ?? NaN);
  const hi = Math.log(sigmas[low + 1] ?? NaN);
  const w = Math.min(1, Math.max(0, (lo - logSigma) / (lo - hi)));
  return (1 - w) * low + w * (low + 1);
}
