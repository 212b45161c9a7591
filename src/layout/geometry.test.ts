import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blobFromDrag,
  clampBlob,
  DEFAULT_BLOB_A,
  ellipseBoundingBox,
  ellipseContains,
  ellipseRadiusSquared,
  handlePositions,
  hitTestBlobs,
  normalizeAngle,
  resizeAxis,
  rotateByDrag,
  rotateTo,
  scaleUniform,
  translate,
  type Point,
} from './geometry';
import { MAX_CENTER, MAX_RADIUS, MIN_RADIUS } from './limits';
import type { Blob } from './types';

const DEG = Math.PI / 180;

function blob(overrides: Partial<Blob> = {}): Blob {
  return { id: 'b1', cx: 0.5, cy: 0.5, a: 0.2, b: 0.1, theta: 0, description: '', ...overrides };
}

function expectPointClose(actual: Point, expected: Point, digits = 9): void {
  expect(actual.x).toBeCloseTo(expected.x, digits);
  expect(actual.y).toBeCloseTo(expected.y, digits);
}

/** Blobs comfortably inside the clamp ranges, so the maths is not disturbed by clamping. */
const arbBlob = fc.record({
  id: fc.constant('p'),
  cx: fc.double({ min: 0.2, max: 0.8, noNaN: true }),
  cy: fc.double({ min: 0.2, max: 0.8, noNaN: true }),
  a: fc.double({ min: 0.02, max: 0.4, noNaN: true }),
  b: fc.double({ min: 0.02, max: 0.4, noNaN: true }),
  theta: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }).map(normalizeAngle),
  description: fc.constant(''),
});
const arbPoint = fc.record({
  x: fc.double({ min: -0.2, max: 1.2, noNaN: true }),
  y: fc.double({ min: -0.2, max: 1.2, noNaN: true }),
});

describe('normalizeAngle', () => {
  it.each([
    [0, 0],
    [Math.PI, Math.PI],
    [-Math.PI, Math.PI],
    [3 * Math.PI, Math.PI],
    [2 * Math.PI, 0],
    [-Math.PI / 2, -Math.PI / 2],
    [(3 * Math.PI) / 2, -Math.PI / 2],
    [-(3 * Math.PI) / 2, Math.PI / 2],
  ])('%f → %f', (input, expected) => {
    expect(normalizeAngle(input)).toBeCloseTo(expected, 12);
  });

  it('maps non-finite to 0 and never returns −0', () => {
    expect(normalizeAngle(Number.NaN)).toBe(0);
    expect(normalizeAngle(Infinity)).toBe(0);
    expect(Object.is(normalizeAngle(-0), 0)).toBe(true);
  });

  it('lands in (−π, π] and preserves the direction', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (theta) => {
        const t = normalizeAngle(theta);
        expect(t).toBeGreaterThan(-Math.PI);
        expect(t).toBeLessThanOrEqual(Math.PI);
        expect(Math.cos(t)).toBeCloseTo(Math.cos(theta), 6);
        expect(Math.sin(t)).toBeCloseTo(Math.sin(theta), 6);
      }),
    );
  });
});

describe('ellipseContains', () => {
  it('tests the axis-aligned ellipse', () => {
    const b = blob();
    expect(ellipseContains(b, 0.5, 0.5)).toBe(true);
    expect(ellipseContains(b, 0.69, 0.5)).toBe(true);
    expect(ellipseContains(b, 0.71, 0.5)).toBe(false);
    expect(ellipseContains(b, 0.5, 0.59)).toBe(true);
    expect(ellipseContains(b, 0.5, 0.61)).toBe(false);
    expect(ellipseContains(b, 0.7, 0.5)).toBe(true); // the boundary counts as inside
  });

  it('rotates with theta, y pointing down (positive theta turns +x towards +y)', () => {
    const b = blob({ theta: 90 * DEG });
    expect(ellipseContains(b, 0.5, 0.69)).toBe(true);
    expect(ellipseContains(b, 0.5, 0.31)).toBe(true);
    expect(ellipseContains(b, 0.69, 0.5)).toBe(false);
    const diag = blob({ theta: 45 * DEG, a: 0.3, b: 0.05 });
    const r = 0.28 / Math.SQRT2;
    expect(ellipseContains(diag, 0.5 + r, 0.5 + r)).toBe(true); // down-right
    expect(ellipseContains(diag, 0.5 + r, 0.5 - r)).toBe(false); // up-right
    const anti = blob({ theta: -45 * DEG, a: 0.3, b: 0.05 });
    expect(ellipseContains(anti, 0.5 + r, 0.5 - r)).toBe(true);
    expect(ellipseContains(anti, 0.5 + r, 0.5 + r)).toBe(false);
  });

  it('covers nothing for degenerate or non-finite blobs', () => {
    expect(ellipseContains(blob({ a: 0 }), 0.5, 0.5)).toBe(false);
    expect(ellipseContains(blob({ b: -0.1 }), 0.5, 0.5)).toBe(false);
    expect(ellipseContains(blob({ cx: Number.NaN }), 0.5, 0.5)).toBe(false);
    expect(ellipseContains(blob({ theta: Infinity }), 0.5, 0.5)).toBe(false);
    expect(ellipseContains(blob(), Number.NaN, 0.5)).toBe(false);
  });

  it('always contains its centre and matches ρ² ≤ 1', () => {
    fc.assert(
      fc.property(arbBlob, arbPoint, (b, p) => {
        expect(ellipseContains(b, b.cx, b.cy)).toBe(true);
        expect(ellipseContains(b, p.x, p.y)).toBe(ellipseRadiusSquared(b, p.x, p.y) <= 1);
      }),
    );
  });

  it('is invariant under theta + π (same ellipse)', () => {
    fc.assert(
      fc.property(arbBlob, arbPoint, (b, p) => {
        const r1 = ellipseRadiusSquared(b, p.x, p.y);
        const r2 = ellipseRadiusSquared({ ...b, theta: b.theta + Math.PI }, p.x, p.y);
        expect(r2).toBeCloseTo(r1, 6);
      }),
    );
  });
});

describe('hitTestBlobs', () => {
  it('returns the topmost visible blob', () => {
    const bottom = blob({ id: 'bottom' });
    const top = blob({ id: 'top', a: 0.05, b: 0.05 });
    expect(hitTestBlobs([bottom, top], { x: 0.5, y: 0.5 })).toBe('top');
    expect(hitTestBlobs([bottom, top], { x: 0.65, y: 0.5 })).toBe('bottom');
    expect(hitTestBlobs([bottom, { ...top, hidden: true }], { x: 0.5, y: 0.5 })).toBe('bottom');
    expect(hitTestBlobs([bottom, top], { x: 0.05, y: 0.05 })).toBeUndefined();
  });

  it('grows thin blobs by the margin so they can still be grabbed', () => {
    const sliver = blob({ id: 'sliver', b: MIN_RADIUS, theta: Math.PI / 2 });
    expect(hitTestBlobs([sliver], { x: 0.52, y: 0.5 })).toBeUndefined();
    expect(hitTestBlobs([sliver], { x: 0.52, y: 0.5 }, 0.02)).toBe('sliver');
  });
});

describe('ellipseBoundingBox', () => {
  it('is the axis box when unrotated and swaps at 90°', () => {
    expect(ellipseBoundingBox(blob())).toEqual({ minX: 0.3, minY: 0.4, maxX: 0.7, maxY: 0.6 });
    const box = ellipseBoundingBox(blob({ theta: Math.PI / 2 }));
    expect(box.minX).toBeCloseTo(0.4, 12);
    expect(box.maxY).toBeCloseTo(0.7, 12);
  });

  it('contains all handles on the ellipse and touches it', () => {
    fc.assert(
      fc.property(arbBlob, (b) => {
        const box = ellipseBoundingBox(b);
        const h = handlePositions(b);
        for (const p of [h.axisA, h.axisANeg, h.axisB, h.axisBNeg]) {
          expect(p.x).toBeGreaterThanOrEqual(box.minX - 1e-12);
          expect(p.x).toBeLessThanOrEqual(box.maxX + 1e-12);
          expect(p.y).toBeGreaterThanOrEqual(box.minY - 1e-12);
          expect(p.y).toBeLessThanOrEqual(box.maxY + 1e-12);
        }
        // Points just outside the box are outside the ellipse.
        expect(ellipseContains(b, box.maxX + 1e-9, b.cy)).toBe(false);
        expect(ellipseContains(b, b.cx, box.minY - 1e-9)).toBe(false);
      }),
    );
  });
});

describe('handlePositions', () => {
  it('places handles for an unrotated blob', () => {
    const h = handlePositions(blob(), 0.05);
    expectPointClose(h.axisA, { x: 0.7, y: 0.5 });
    expectPointClose(h.axisANeg, { x: 0.3, y: 0.5 });
    expectPointClose(h.axisB, { x: 0.5, y: 0.6 });
    expectPointClose(h.axisBNeg, { x: 0.5, y: 0.4 });
    expectPointClose(h.corner, { x: 0.7, y: 0.6 });
    expectPointClose(h.rotate, { x: 0.75, y: 0.5 });
  });

  it('rotates handles with the blob (90°: +a points down)', () => {
    const h = handlePositions(blob({ theta: Math.PI / 2 }), 0.05);
    expectPointClose(h.axisA, { x: 0.5, y: 0.7 });
    expectPointClose(h.axisB, { x: 0.4, y: 0.5 });
    expectPointClose(h.corner, { x: 0.4, y: 0.7 });
    expectPointClose(h.rotate, { x: 0.5, y: 0.75 });
  });

  it('axis handles lie on the ellipse, the corner at ρ² = 2, rotate outside', () => {
    fc.assert(
      fc.property(arbBlob, (b) => {
        const h = handlePositions(b);
        for (const p of [h.axisA, h.axisANeg, h.axisB, h.axisBNeg]) {
          expect(ellipseRadiusSquared(b, p.x, p.y)).toBeCloseTo(1, 6);
        }
        expect(ellipseRadiusSquared(b, h.corner.x, h.corner.y)).toBeCloseTo(2, 6);
        expect(ellipseContains(b, h.rotate.x, h.rotate.y)).toBe(false);
      }),
    );
  });
});

describe('rotateTo', () => {
  it('points +a at the pointer', () => {
    expect(rotateTo(blob(), { x: 0.5, y: 0.9 }).theta).toBeCloseTo(Math.PI / 2, 12);
    expect(rotateTo(blob(), { x: 0.1, y: 0.5 }).theta).toBeCloseTo(Math.PI, 12);
    expect(rotateTo(blob(), { x: 0.6, y: 0.4 }).theta).toBeCloseTo(-Math.PI / 4, 12);
  });

  it('snaps to 15° with Shift', () => {
    const pointer = { x: 0.5 + Math.cos(37 * DEG), y: 0.5 + Math.sin(37 * DEG) };
    expect(rotateTo(blob(), pointer, { snapDegrees: 15 }).theta).toBeCloseTo(30 * DEG, 12);
    const back = { x: 0.5 + Math.cos(-179 * DEG), y: 0.5 + Math.sin(-179 * DEG) };
    expect(rotateTo(blob(), back, { snapDegrees: 15 }).theta).toBeCloseTo(Math.PI, 12);
  });

  it('ignores a pointer on the centre', () => {
    const b = blob({ theta: 0.3 });
    expect(rotateTo(b, { x: 0.5, y: 0.5 })).toBe(b);
  });

  it('puts the rotate handle on the ray towards the pointer; snapped angles are multiples', () => {
    fc.assert(
      fc.property(arbBlob, arbPoint, (b, p) => {
        fc.pre(Math.hypot(p.x - b.cx, p.y - b.cy) > 1e-3);
        const r = rotateTo(b, p);
        const h = handlePositions(r);
        const cross = (h.rotate.x - b.cx) * (p.y - b.cy) - (h.rotate.y - b.cy) * (p.x - b.cx);
        const dot = (h.rotate.x - b.cx) * (p.x - b.cx) + (h.rotate.y - b.cy) * (p.y - b.cy);
        expect(cross).toBeCloseTo(0, 9);
        expect(dot).toBeGreaterThan(0);
        const snapped = rotateTo(b, p, { snapDegrees: 15 }).theta / (15 * DEG);
        expect(snapped).toBeCloseTo(Math.round(snapped), 9);
      }),
    );
  });
});

describe('rotateByDrag', () => {
  it('adds the swept angle to the start angle', () => {
    const start = blob({ theta: 10 * DEG });
    const r = rotateByDrag(start, { x: 0.9, y: 0.5 }, { x: 0.5, y: 0.9 });
    expect(r.theta).toBeCloseTo(100 * DEG, 12);
    expect(rotateByDrag(start, { x: 0.9, y: 0.5 }, { x: 0.5, y: 0.9 }, { snapDegrees: 45 }).theta).toBeCloseTo(
      90 * DEG,
      12,
    );
  });
});

describe('resizeAxis', () => {
  it('keeps the opposite end fixed by default', () => {
    const r = resizeAxis(blob(), 'a', { x: 0.9, y: 0.55 });
    expect(r.a).toBeCloseTo(0.3, 12);
    expect(r.cx).toBeCloseTo(0.6, 12);
    expect(r.cy).toBeCloseTo(0.5, 12);
    expect(r.b).toBe(0.1);
    expect(r.theta).toBe(0);
    expectPointClose(handlePositions(r).axisANeg, { x: 0.3, y: 0.5 });
  });

  it('keeps the centre fixed when symmetric', () => {
    const r = resizeAxis(blob(), 'b', { x: 0.52, y: 0.8 }, { symmetric: true });
    expect(r.b).toBeCloseTo(0.3, 12);
    expect(r.cx).toBe(0.5);
    expect(r.cy).toBe(0.5);
  });

  it('resizes along a rotated axis', () => {
    const b = blob({ theta: Math.PI / 2 }); // +a points down, +b points left
    const r = resizeAxis(b, 'b', { x: 0.2, y: 0.5 });
    expect(r.b).toBeCloseTo(0.2, 12); // fixed end at x = 0.6, pointer at 0.2
    expect(r.cx).toBeCloseTo(0.4, 12);
  });

  it('drags the negative handle with side −1', () => {
    const r = resizeAxis(blob(), 'a', { x: 0.1, y: 0.5 }, { side: -1 });
    expect(r.a).toBeCloseTo(0.3, 12);
    expect(r.cx).toBeCloseTo(0.4, 12);
    expectPointClose(handlePositions(r).axisANeg, { x: 0.1, y: 0.5 });
  });

  it('flips when dragged past the fixed end: same shape orientation, handle under pointer', () => {
    // +a handle starts at 0.7, fixed end at 0.3; drag to 0.1 (past the centre and the fixed end).
    const r = resizeAxis(blob(), 'a', { x: 0.1, y: 0.5 });
    expect(r.a).toBeCloseTo(0.1, 12);
    expect(r.cx).toBeCloseTo(0.2, 12);
    expect(r.theta).toBeCloseTo(Math.PI, 12);
    expectPointClose(handlePositions(r).axisA, { x: 0.1, y: 0.5 });
    expectPointClose(handlePositions(r).axisANeg, { x: 0.3, y: 0.5 });
  });

  it('dragging past the centre but not the fixed end only shrinks', () => {
    const r = resizeAxis(blob(), 'a', { x: 0.4, y: 0.5 });
    expect(r.a).toBeCloseTo(0.05, 12);
    expect(r.cx).toBeCloseTo(0.35, 12);
    expect(r.theta).toBe(0);
  });

  it('flips past the centre when symmetric', () => {
    const r = resizeAxis(blob(), 'a', { x: 0.35, y: 0.5 }, { symmetric: true });
    expect(r.a).toBeCloseTo(0.15, 12);
    expect(r.cx).toBe(0.5);
    expectPointClose(handlePositions(r).axisA, { x: 0.35, y: 0.5 });
  });

  it('clamps to MIN_RADIUS on the fixed end, never zero or negative', () => {
    const r = resizeAxis(blob(), 'a', { x: 0.3, y: 0.5 });
    expect(r.a).toBe(MIN_RADIUS);
    expectPointClose(handlePositions(r).axisANeg, { x: 0.3, y: 0.5 });
    const s = resizeAxis(blob(), 'b', { x: 0.5, y: 0.5 }, { symmetric: true });
    expect(s.b).toBe(MIN_RADIUS);
  });

  it('clamps to MAX_RADIUS', () => {
    expect(resizeAxis(blob(), 'a', { x: 100, y: 0.5 }).a).toBe(MAX_RADIUS);
  });

  it('ignores a non-finite pointer', () => {
    const b = blob();
    expect(resizeAxis(b, 'a', { x: Number.NaN, y: 0.5 })).toBe(b);
  });

  it('property: the dragged handle ends at the pointer projection, the fixed end stays', () => {
    fc.assert(
      fc.property(
        arbBlob,
        arbPoint,
        fc.constantFrom<'a' | 'b'>('a', 'b'),
        fc.constantFrom<1 | -1>(1, -1),
        fc.boolean(),
        (b, p, axis, side, symmetric) => {
          const before = handlePositions(b);
          const r = resizeAxis(b, axis, p, { side, symmetric });
          const radius = axis === 'a' ? r.a : r.b;
          expect(radius).toBeGreaterThanOrEqual(MIN_RADIUS);
          expect(r.description).toBe(b.description);
          // Skip cases where a clamp moved the result.
          const fixedDir = axis === 'a' ? before.axisA : before.axisB;
          const dir = { x: (fixedDir.x - b.cx) * side, y: (fixedDir.y - b.cy) * side };
          const len = Math.hypot(dir.x, dir.y);
          const unit = { x: dir.x / len, y: dir.y / len };
          const origRadius = axis === 'a' ? b.a : b.b;
          const fixed = symmetric
            ? { x: b.cx, y: b.cy }
            : { x: b.cx - origRadius * unit.x, y: b.cy - origRadius * unit.y };
          const along = (p.x - fixed.x) * unit.x + (p.y - fixed.y) * unit.y;
          const expectedSpan = symmetric ? Math.abs(along) : Math.abs(along) / 2;
          fc.pre(expectedSpan > MIN_RADIUS && r.cx > -0.5 && r.cx < MAX_CENTER && r.cy > -0.5 && r.cy < MAX_CENTER);
          const projection = { x: fixed.x + along * unit.x, y: fixed.y + along * unit.y };
          const after = handlePositions(r);
          const dragged =
            axis === 'a' ? (side === 1 ? after.axisA : after.axisANeg) : side === 1 ? after.axisB : after.axisBNeg;
          expectPointClose(dragged, projection, 7);
          if (!symmetric) {
            const opposite =
              axis === 'a' ? (side === 1 ? after.axisANeg : after.axisA) : side === 1 ? after.axisBNeg : after.axisB;
            expectPointClose(opposite, fixed, 7);
          } else {
            expectPointClose({ x: r.cx, y: r.cy }, fixed, 12);
          }
          // The other semi-axis is untouched.
          expect(axis === 'a' ? r.b : r.a).toBe(axis === 'a' ? b.b : b.a);
        },
      ),
    );
  });
});

describe('scaleUniform', () => {
  it('scales both radii by the distance ratio around the centre', () => {
    const start = blob();
    const corner = handlePositions(start).corner; // (0.7, 0.6)
    const pointer = { x: 0.5 + 2 * (corner.x - 0.5), y: 0.5 + 2 * (corner.y - 0.5) };
    const r = scaleUniform(start, start, pointer);
    expect(r.a).toBeCloseTo(0.4, 12);
    expect(r.b).toBeCloseTo(0.2, 12);
    expect(r.cx).toBe(0.5);
    expect(r.theta).toBe(0);
  });

  it('keeps the opposite corner fixed with that anchor', () => {
    const start = blob();
    // Opposite corner (0.3, 0.4); corner (0.7, 0.6); pointer at twice the distance.
    const r = scaleUniform(start, start, { x: 1.1, y: 0.8 }, 'opposite-corner');
    expect(r.a).toBeCloseTo(0.4, 12);
    expect(r.cx).toBeCloseTo(0.7, 12);
    expect(r.cy).toBeCloseTo(0.6, 12);
    expectPointClose(handlePositions(r).corner, { x: 1.1, y: 0.8 });
  });

  it('takes geometry from the start blob and other fields from the current one', () => {
    const start = blob();
    const current = { ...blob({ a: 0.9, description: 'typed meanwhile' }) };
    const r = scaleUniform(current, start, handlePositions(start).corner);
    expect(r.a).toBeCloseTo(0.2, 12);
    expect(r.description).toBe('typed meanwhile');
  });

  it('clamps the ratio so the aspect ratio is kept within the radius limits', () => {
    const start = blob();
    const tiny = scaleUniform(start, start, { x: 0.5, y: 0.5 });
    expect(tiny.b).toBeCloseTo(MIN_RADIUS, 12);
    expect(tiny.a / tiny.b).toBeCloseTo(2, 9);
    const huge = scaleUniform(start, start, { x: 50, y: 50 });
    expect(huge.a).toBeCloseTo(MAX_RADIUS, 12);
    expect(huge.a / huge.b).toBeCloseTo(2, 9);
  });

  it('property: the corner handle lands at the pointer distance, aspect kept', () => {
    fc.assert(
      fc.property(
        arbBlob,
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        (b, k, phi) => {
          const c0 = handlePositions(b).corner;
          const d0 = Math.hypot(c0.x - b.cx, c0.y - b.cy);
          const pointer = { x: b.cx + k * d0 * Math.cos(phi), y: b.cy + k * d0 * Math.sin(phi) };
          const r = scaleUniform(b, b, pointer);
          fc.pre(r.a < MAX_RADIUS && r.b > MIN_RADIUS && r.b < MAX_RADIUS && r.a > MIN_RADIUS);
          expect(r.a / r.b).toBeCloseTo(b.a / b.b, 9);
          const c1 = handlePositions(r).corner;
          expect(Math.hypot(c1.x - r.cx, c1.y - r.cy)).toBeCloseTo(k * d0, 9);
        },
      ),
    );
  });
});

describe('translate and clampBlob', () => {
  it('moves the centre', () => {
    const r = translate(blob(), 0.1, -0.2);
    expect(r.cx).toBeCloseTo(0.6, 12);
    expect(r.cy).toBeCloseTo(0.3, 12);
  });

  it('keeps the centre in range', () => {
    expect(translate(blob(), 10, -10)).toMatchObject({ cx: MAX_CENTER, cy: -0.5 });
  });

  it('repairs non-finite and out-of-range values', () => {
    const r = clampBlob(blob({ cx: Number.NaN, cy: Infinity, a: -1, b: Infinity, theta: 7 }));
    expect(r.cx).toBe(0.5);
    expect(r.cy).toBe(0.5);
    expect(r.a).toBe(MIN_RADIUS);
    expect(r.b).toBe(0.1);
    expect(r.theta).toBeCloseTo(7 - 2 * Math.PI, 12);
    expect(clampBlob(blob({ a: Number.NaN })).a).toBe(DEFAULT_BLOB_A);
  });

  it('property: a clamped blob is always usable', () => {
    const anyNumber = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -0));
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, anyNumber, anyNumber, (cx, cy, a, b, theta) => {
        const r = clampBlob(blob({ cx, cy, a, b, theta }));
        for (const n of [r.cx, r.cy, r.a, r.b, r.theta]) expect(Number.isFinite(n)).toBe(true);
        expect(r.a).toBeGreaterThanOrEqual(MIN_RADIUS);
        expect(r.b).toBeLessThanOrEqual(MAX_RADIUS);
        expect(ellipseContains(r, r.cx, r.cy)).toBe(true);
      }),
    );
  });
});

describe('blobFromDrag', () => {
  it('uses the dragged box, in any drag direction', () => {
    const r = blobFromDrag({ x: 0.6, y: 0.7 }, { x: 0.2, y: 0.5 }, 'new', 'a cat');
    expect(r).toMatchObject({ id: 'new', description: 'a cat', theta: 0 });
    expect(r.cx).toBeCloseTo(0.4, 12);
    expect(r.cy).toBeCloseTo(0.6, 12);
    expect(r.a).toBeCloseTo(0.2, 12);
    expect(r.b).toBeCloseTo(0.1, 12);
  });

  it('gives a click a default size centred on the press', () => {
    const r = blobFromDrag({ x: 0.3, y: 0.3 }, { x: 0.301, y: 0.302 }, 'n');
    expect(r).toMatchObject({ cx: 0.3, cy: 0.3, a: DEFAULT_BLOB_A, description: '' });
  });

  it('gives a one-directional drag at least MIN_RADIUS across', () => {
    const r = blobFromDrag({ x: 0.2, y: 0.5 }, { x: 0.6, y: 0.5 }, 'n');
    expect(r.a).toBeCloseTo(0.2, 12);
    expect(r.b).toBe(MIN_RADIUS);
  });

  it('property: the box corners lie on the bounding box', () => {
    fc.assert(
      fc.property(arbPoint, arbPoint, (s, e) => {
        fc.pre(Math.abs(e.x - s.x) > 0.02 && Math.abs(e.y - s.y) > 0.02);
        const box = ellipseBoundingBox(blobFromDrag(s, e, 'n'));
        expect(box.minX).toBeCloseTo(Math.min(s.x, e.x), 12);
        expect(box.maxY).toBeCloseTo(Math.max(s.y, e.y), 12);
      }),
    );
  });
});
