/**
 * The guidance-scale embedding an LCM-distilled UNet takes as `timestep_cond` (diffusers
 * LatentConsistencyModelPipeline.get_guidance_scale_embedding of w = guidance − 1, as its pipeline
 * calls it): [sin(1000·w·f_i), cos(1000·w·f_i)] with f_i = 10000^(−i/(dim/2 − 1)), zero-padded to
 * an odd dim. Computed in float64: torch's float32 version carries its own rounding (its float32
 * exp is not correctly rounded, and the sine arguments reach 1000·w), so it differs from the exact
 * value by up to ~1e-7·1000·|w|; emulating float32 steps here measured no closer to it.
 */
export function guidanceEmbedding(guidance: number, dim = 256): Float32Array {
  if (!Number.isFinite(guidance)) throw new RangeError(`guidance must be a finite number, got ${guidance}`);
  if (!Number.isInteger(dim) || dim < 4) throw new RangeError(`guidance embedding dim must be an integer ≥ 4, got ${dim}`);
  const w = (guidance - 1) * 1000;
  const half = Math.floor(dim / 2);
  const rate = Math.log(10000) / (half - 1);
  const out = new Float32Array(dim); // an odd dim leaves the last value 0, as diffusers pads
  for (let i = 0; i < half; i++) {
    const arg = w * Math.exp(-i * rate);
    out[i] = Math.sin(arg);
    out[half + i] = Math.cos(arg);
  }
  return out;
}
