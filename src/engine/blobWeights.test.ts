import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobStrengthAtStep, entryStrengthsAtStep, hasBlobWeights, isActiveAtStep } from './blobWeights';

describe('blob weights per step', () => {
  it('splits a run into non-overlapping halves and covers every step with [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (count) => {
        const steps = Array.from({ length: count }, (_, i) => i);
        const first = steps.filter((i) => isActiveAtStep({ activeSteps: { from: 0, to: 0.5 } }, i, count));
        const second = steps.filter((i) => isActiveAtStep({ activeSteps: { from: 0.5, to: 1 } }, i, count));
        expect(first.length + second.length).toBe(count);
        expect(first.every((i) => !second.includes(i))).toBe(true);
        expect(steps.every((i) => isActiveAtStep({}, i, count))).toBe(true);
      }),
    );
    // 20 steps: [0, 0.5) is steps 0–9, [0.5, 1) steps 10–19.
    expect(Array.from({ length: 20 }, (_, i) => i).filter((i) => isActiveAtStep({ activeSteps: { from: 0.5, to: 1 } }, i, 20))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('gives a blob its strength while active and 0 outside, captions always 1', () => {
    expect(blobStrengthAtStep({ strength: 1.5 }, 3, 10)).toBe(1.5);
    expect(blobStrengthAtStep({ strength: 1.5, activeSteps: { from: 0.5, to: 1 } }, 3, 10)).toBe(0);
    const plan = {
      items: [[{ segment: 0, mask: -1 }], [{ segment: 1, mask: -1 }, { segment: 2, mask: 0 }, { segment: 3, mask: 1 }]],
      maskBlobs: [{ strength: 0 }, { strength: 2, activeSteps: { from: 0, to: 0.25 } }],
    };
    expect(entryStrengthsAtStep(plan, 0, 4)).toEqual([[1], [1, 0, 2]]);
    expect(entryStrengthsAtStep(plan, 1, 4)).toEqual([[1], [1, 0, 0]]);
  });

  it('knows when no blob is weighted (the entry table stays all ones)', () => {
    expect(hasBlobWeights([{}, { strength: 1 }, { activeSteps: { from: 0, to: 1 } }])).toBe(false);
    expect(hasBlobWeights([{ strength: 0.5 }])).toBe(true);
    expect(hasBlobWeights([{ activeSteps: { from: 0.2, to: 1 } }])).toBe(true);
  });
});
