import { SEED_MAX } from '../../engine/samplingSettings';

/** A uniformly random seed in [0, 2³² − 1] (crypto-quality, so re-rolls never repeat a pattern). */
export function randomSeed(): number {
  const out = new Uint32Array(1);
  crypto.getRandomValues(out);
  return (out[0] ?? 0) % (SEED_MAX + 1);
}

/** `count` distinct random seeds (for variations: four different images, never two alike). */
export function distinctRandomSeeds(count: number, avoid: readonly number[] = []): number[] {
  const seen = new Set(avoid);
  const seeds: number[] = [];
  while (seeds.length < count) {
    const seed = randomSeed();
    if (seen.has(seed)) continue;
    seen.add(seed);
    seeds.push(seed);
  }
  return seeds;
}
