/**
 * Seeded noise of docs/contracts.md §5: xoshiro128** seeded through splitmix32, Box–Muller normals.
 * The same stream is produced by training/blobgen/rng.py, so a browser image for layout+seed can
 * be compared with the PyTorch reference. Integer arithmetic uses Math.imul and `>>> 0` so every
 * intermediate wraps exactly like uint32 in the Python reference.
 */

const TWO_POW_24 = 16777216;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** One splitmix32 draw; returns [output, nextState]. */
export function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [(z ^ (z >>> 16)) >>> 0, next];
}

export class SeededNoise {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer in [0, 2^32 − 1], got ${seed}`);
    }
    let state = seed >>> 0;
    const s: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [out, next] = splitmix32(state);
      s.push(out);
      state = next;
    }
    [this.s0, this.s1, this.s2, this.s3] = s as [number, number, number, number];
  }

  /** xoshiro128** next(): a uint32. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** In (0, 1); 24-bit mantissa plus half a step, exact in float64. */
  uniform(): number {
    return ((this.nextU32() >>> 8) + 0.5) / TWO_POW_24;
  }

  /** `count` normals z0, z1, z0, z1, … computed in float64 then rounded to float32 (odd count drops the last z1). */
  normals(count: number, out: Float32Array = new Float32Array(count)): Float32Array {
    for (let i = 0; i < count; i += 2) {
      const u1 = this.uniform();
      const u2 = this.uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      out[i] = r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
    }
    return out;
  }
}

/** The sampler's initial latent float32[1, C, H, W] in row-major order for a seed. */
export function initialLatent(seed: number, shape: readonly number[]): Float32Array {
  const count = shape.reduce((a, b) => a * b, 1);
  return new SeededNoise(seed).normals(count);
}
