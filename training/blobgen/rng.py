"""Seeded noise of docs/contracts.md §5 (splitmix32 -> xoshiro128**, Box-Muller).

The TypeScript engine reproduces this stream bit-for-bit (integers) and to float32
rounding (normals); tests/test_rng.py and goldens/rng.json pin the reference values.
"""
import math

import numpy as np

M32 = 0xFFFFFFFF


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class SeededNoise:
    def __init__(self, seed):
        state = seed & M32
        s = []
        for _ in range(4):
            state = (state + 0x9E3779B9) & M32
            z = state
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            s.append(z ^ (z >> 16))
        self.s = s

    def next_u32(self):
        s0, s1, s2, s3 = self.s
        result = (_rotl((s1 * 5) & M32, 7) * 9) & M32
        t = (s1 << 9) & M32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        return ((self.next_u32() >> 8) + 0.5) / 16777216.0

    def normals(self, n):
        """n float32 normals: z0, z1, z0, z1, ... (odd n discards the last z1)."""
        out = np.empty(n, dtype=np.float32)
        i = 0
        while i < n:
            u1 = self.uniform()
            u2 = self.uniform()
            r = math.sqrt(-2.0 * math.log(u1))
            out[i] = r * math.cos(2.0 * math.pi * u2)
            if i + 1 < n:
                out[i + 1] = r * math.sin(2.0 * math.pi * u2)
            i += 2
        return out


def initial_latent(seed, shape):
    """The sampler's starting noise float32[1, C, H, W] filled in row-major order."""
    return SeededNoise(seed).normals(int(np.prod(shape))).reshape(shape)
