import { describe, expect, it } from 'vitest';
import { measureEditLocality } from './editLocality';

function image(size: number, paint: (x: number, y: number) => number) {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) data.set([paint(c, r), 0, 0, 255], (r * size + c) * 4);
  return { width: size, height: size, data };
}

describe('measureEditLocality', () => {
  const blob = { cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0 };
  it('is 1 for a change inside the region and 0 for one outside it', () => {
    const before = image(32, () => 0);
    expect(measureEditLocality(before, image(32, (x, y) => (x === 16 && y === 16 ? 90 : 0)), [blob]).share).toBe(1);
    expect(measureEditLocality(before, image(32, (x, y) => (x === 1 && y === 1 ? 90 : 0)), [blob])).toEqual({ changedMass: 90, insideMass: 0, share: 0 });
    expect(measureEditLocality(before, before, [blob]).share).toBe(1);
  });

  it('weights by |Δ| and counts the 10 % dilation as inside', () => {
    const before = image(100, () => 0);
    // x = 0.715 is outside a = 0.2 but inside the dilated 0.22; x = 0.05 is outside both.
    const after = image(100, (x, y) => (y === 50 && x === 71 ? 30 : y === 50 && x === 5 ? 10 : 0));
    expect(measureEditLocality(before, after, [blob])).toEqual({ changedMass: 40, insideMass: 30, share: 0.75 });
    expect(measureEditLocality(before, after, [blob], 0).share).toBe(0);
  });
});
