/** fast-check generators of blob layouts, degenerate ones included (tests only). */
import fc from 'fast-check';
import type { BlobGeometry } from '../../reference/blobMasks';

const f = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const theta = f(-Math.PI, Math.PI);

const ordinary = fc.record({ cx: f(-0.2, 1.2), cy: f(-0.2, 1.2), a: f(0.005, 0.7), b: f(0.005, 0.7), theta });
const tiny = fc.record({ cx: f(0, 1), cy: f(0, 1), a: f(1e-5, 2e-3), b: f(1e-5, 2e-3), theta });
const zeroArea = fc.record({ cx: f(0, 1), cy: f(0, 1), a: fc.constantFrom(0, -0.1, 0.3), b: fc.constantFrom(0, -0.2), theta });
const offCanvas = fc.record({ cx: fc.oneof(f(-3, -0.8), f(1.8, 3)), cy: f(-3, 3), a: f(0.01, 0.5), b: f(0.01, 0.5), theta });
const huge = fc.record({ cx: f(-0.5, 1.5), cy: f(-0.5, 1.5), a: f(1, 4), b: f(0.8, 4), theta });
const nonFinite = fc.record({ cx: fc.constantFrom(NaN, 0.5), cy: f(0, 1), a: fc.constantFrom(0.2, Infinity), b: f(0.05, 0.3), theta });

export const blobArbitrary: fc.Arbitrary<BlobGeometry> = fc.oneof(
  { weight: 6, arbitrary: ordinary },
  { weight: 1, arbitrary: tiny },
  { weight: 1, arbitrary: zeroArea },
  { weight: 1, arbitrary: offCanvas },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: nonFinite },
);

/** Blob lists in which some blobs are exact copies of others (fully overlapping). */
export function blobListArbitrary(maxLength: number): fc.Arbitrary<BlobGeometry[]> {
  return fc
    .tuple(fc.array(blobArbitrary, { minLength: 0, maxLength }), fc.array(fc.nat(), { maxLength: 3 }))
    .map(([blobs, copies]) => (blobs.length === 0 ? blobs : [...blobs, ...copies.flatMap((i) => blobs.slice(i % blobs.length, (i % blobs.length) + 1).map((blob) => ({ ...blob })))]));
}
