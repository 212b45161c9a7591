import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SeededNoise } from './rng';

// The default pack's RNG reference values, written by training/ (blobgen/rng.py via the exporter).
// A missing file fails the test: the pack must ship them.
const path = fileURLToPath(new URL('../../public/models/blobgen-tiny-shapes/goldens/rng.json', import.meta.url));
const golden = JSON.parse(readFileSync(path, 'utf8')) as { cases: { seed: number; uint32: number[]; normals: number[] }[] };

describe('SeededNoise vs the pack goldens (goldens/rng.json)', () => {
  it('has the reference cases', () => expect(golden.cases.map((c) => c.seed)).toEqual([0, 1, 12345]));
  for (const c of golden.cases) {
    it(`seed ${c.seed}: uint32 stream bit-identical, normals within 1e-6`, () => {
      const rng = new SeededNoise(c.seed);
      expect(c.uint32.map(() => rng.nextU32())).toEqual(c.uint32);
      const normals = new SeededNoise(c.seed).normals(c.normals.length);
      c.normals.forEach((v, i) => expect(Math.abs((normals[i] ?? NaN) - v)).toBeLessThanOrEqual(1e-6));
    });
  }
});
