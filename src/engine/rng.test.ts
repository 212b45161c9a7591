import { describe, expect, it } from 'vitest';
import { SeededNoise, initialLatent } from './rng';

// An independent BigInt transcription of docs/contracts.md §5, so the Math.imul/>>> version is
// checked against plain modular arithmetic rather than against itself.
const M = (1n << 32n) - 1n;
function refStream(seed: number) {
  let state = BigInt(seed);
  const s: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    state = (state + 0x9e3779b9n) & M;
    let z = state;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M;
    s.push(z ^ (z >> 16n));
  }
  let [s0, s1, s2, s3] = s as [bigint, bigint, bigint, bigint];
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  return () => {
    const result = (rotl((s1 * 5n) & M, 7n) * 9n) & M;
    const t = (s1 << 9n) & M;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11n);
    return Number(result);
  };
}

describe('SeededNoise (contracts.md §5)', () => {
  for (const seed of [0, 1, 7, 12345, 0xffffffff]) {
    it(`integer stream equals the BigInt reference for seed ${seed}`, () => {
      const ref = refStream(seed);
      const rng = new SeededNoise(seed);
      for (let i = 0; i < 1000; i++) expect(rng.nextU32()).toBe(ref());
    });
  }

  it('uniforms are strictly inside (0, 1)', () => {
    const rng = new SeededNoise(3);
    for (let i = 0; i < 10000; i++) {
      const u = rng.uniform();
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('normals follow Box–Muller pairs from the uniform stream and look standard normal', () => {
    const n = initialLatent(12345, [1, 12, 32, 32]);
    const ref = new SeededNoise(12345);
    const u1 = ref.uniform();
    const u2 = ref.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    expect(n[0]).toBe(Math.fround(r * Math.cos(2 * Math.PI * u2)));
    expect(n[1]).toBe(Math.fround(r * Math.sin(2 * Math.PI * u2)));
    const mean = n.reduce((a, b) => a + b, 0) / n.length;
    const variance = n.reduce((a, b) => a + (b - mean) ** 2, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('an odd count drops the last z1 (the stream stays pair-aligned)', () => {
    const odd = new SeededNoise(9).normals(5);
    const even = new SeededNoise(9).normals(6);
    expect(Array.from(odd)).toEqual(Array.from(even.subarray(0, 5)));
  });

  it('rejects seeds outside uint32', () => {
    expect(() => new SeededNoise(-1)).toThrow(RangeError);
    expect(() => new SeededNoise(1.5)).toThrow(RangeError);
  });
});

// Values printed by training/blobgen/rng.py (the Python reference). When the pack's goldens
// (rng.json) are available, src/engine/rngGoldens.test.ts checks the shipped file as well.
const PYTHON_REFERENCE: Record<number, { u32: number[]; normals: number[] }> = {
  0: {
    u32: [3809008728, 1133695204, 53579671, 2891528803, 139681546, 2203266335, 104831812, 1587294886],
    normals: [-0.04292568191885948, 0.48816728591918945, -1.373457670211792, -2.6232943534851074, -2.6088578701019287, -0.2133713811635971, -1.8600354194641113, 1.9914695024490356],
  },
  1: {
    u32: [2442144158, 3238099751, 3819917871, 2104621829, 2021136066, 4223536128, 1515984730, 2298887649],
    normals: [0.02622867561876774, -1.0622838735580444, -0.4832282066345215, 0.03033970296382904, 1.2211331129074097, -0.12807218730449677, -1.4079205989837646, -0.31704407930374146],
  },
  12345: {
    u32: [518667457, 440444462, 4232892992, 3757857622, 3939018813, 1334683535, 3795058715, 2092637810],
    normals: [1.643914818763733, 1.2350776195526123, 0.1206154078245163, -0.1206996813416481, -0.15495938062667847, 0.38602086901664734, -0.4958812892436981, 0.039872605353593826],
  },
};

describe('SeededNoise equals the Python reference', () => {
  for (const [seed, ref] of Object.entries(PYTHON_REFERENCE)) {
    it(`seed ${seed}: integers bit-identical, normals within 1e-6`, () => {
      const rng = new SeededNoise(Number(seed));
      expect(ref.u32.map(() => rng.nextU32())).toEqual(ref.u32);
      const n = new SeededNoise(Number(seed)).normals(8);
      ref.normals.forEach((v, i) => expect(Math.abs((n[i] ?? NaN) - v)).toBeLessThanOrEqual(1e-6));
    });
  }
});
