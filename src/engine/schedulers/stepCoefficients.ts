/**
 * Every supported sampler step is an affine map of (x_t, guided model output, previous x̂0, fresh
 * noise z), with an optional clamp of x̂0. Expressing steps as a handful of scalars lets one tiny
 * GPU kernel run all schedulers (src/runtime/shaders/cfg_step.wgsl), and lets these pure tests pin
 * the maths. x is always the VP-space sample (what the UNet receives, docs/contracts.md §6).
 */
export interface StepCoefficients {
  /** x̂0 = clamp(x0FromX·x + x0FromOut·out, −clip, clip) */
  x0FromX: number;
  x0FromOut: number;
  /** Clamp range for x̂0; Infinity disables clipping. */
  clip: number;
  /** ε̂ = epsFromX·x + epsFromOut·out (from the unclipped prediction, as diffusers' DDIM does) */
  epsFromX: number;
  epsFromOut: number;
  /** x_next = nextFromX·x + nextFromX0·x̂0 + nextFromEps·ε̂ + nextFromPrevX0·x̂0_prev + nextFromNoise·z */
  nextFromX: number;
  nextFromX0: number;
  nextFromEps: number;
  nextFromPrevX0: number;
  /**
   * Weight of this step's fresh N(0, 1) noise z (ancestral samplers, LCM); 0 for deterministic
   * steps, whose z is never drawn (SamplerStep.usesNoise).
   */
  nextFromNoise: number;
}

export type PredictionType = 'epsilon' | 'v_prediction' | 'sample';

/** How x̂0 and ε̂ follow from x_t and the model output at ᾱ_t = alphaBar (all VP parameterisation). */
export function predictionCoefficients(prediction: PredictionType, alphaBar: number) {
  const a = Math.sqrt(alphaBar);
  const s = Math.sqrt(1 - alphaBar);
  switch (prediction) {
    case 'epsilon':
      return { x0FromX: 1 / a, x0FromOut: -s / a, epsFromX: 0, epsFromOut: 1 };
    case 'v_prediction':
      return { x0FromX: a, x0FromOut: -s, epsFromX: s, epsFromOut: a };
    case 'sample':
      return { x0FromX: 0, x0FromOut: 1, epsFromX: 1 / s, epsFromOut: -a / s };
    default:
      throw new RangeError(`unknown prediction type ${String(prediction)}`);
  }
}

/**
 * CPU reference of one step over whole arrays (tests, and the GPU kernel's cross-check). `noise`
 * is this step's z; it may be null only when the step does not use noise.
 */
export function applyStep(
  c: StepCoefficients,
  x: Float32Array,
  out: Float32Array,
  prevX0: Float32Array | null,
  noise: Float32Array | null = null,
): { next: Float32Array; x0: Float32Array } {
  if (c.nextFromNoise !== 0 && (noise === null || noise.length !== x.length)) {
    throw new RangeError(`this step adds noise (weight ${c.nextFromNoise}) and needs a noise array of ${x.length} values, got ${noise === null ? 'none' : noise.length}`);
  }
  const next = new Float32Array(x.length);
  const x0 = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const oi = out[i] ?? 0;
    const p = Math.min(c.clip, Math.max(-c.clip, c.x0FromX * xi + c.x0FromOut * oi));
    const e = c.epsFromX * xi + c.epsFromOut * oi;
    x0[i] = p;
    next[i] = c.nextFromX * xi + c.nextFromX0 * p + c.nextFromEps * e + c.nextFromPrevX0 * (prevX0?.[i] ?? 0) + (c.nextFromNoise === 0 ? 0 : c.nextFromNoise * (noise?.[i] ?? 0));
  }
  return { next, x0 };
}

/** Classifier-free guidance on the model output: uncond + g·(cond − uncond) (contracts.md §6). */
export function guide(uncond: Float32Array, cond: Float32Array, guidance: number): Float32Array {
  const out = new Float32Array(uncond.length);
  for (let i = 0; i < out.length; i++) {
    const u = uncond[i] ?? 0;
    out[i] = u + guidance * ((cond[i] ?? 0) - u);
  }
  return out;
}
