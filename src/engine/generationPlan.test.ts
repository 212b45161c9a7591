import { describe, expect, it } from 'vitest';
import type { Blob } from '../layout/types';
import { planGeneration, segmentConditioningArrays } from './generationPlan';

const blob = (id: string, description: string, hidden = false): Blob => ({
  id, cx: 0.5, cy: 0.25, a: 0.2, b: 0.1, theta: 0.3, description, hidden,
});

describe('planGeneration', () => {
  it('orders segments [uncond, caption, blobs] and builds the two CFG items', () => {
    const plan = planGeneration({ caption: 'a blue background', blobs: [blob('x', 'red'), blob('h', 'hidden', true), blob('y', 'green')] });
    expect(plan.segments.map((s) => s.text)).toEqual(['', 'a blue background', 'red', 'green']);
    expect(plan.segments.map((s) => s.kind)).toEqual([0, 0, 1, 1]);
    expect(plan.items).toEqual([
      [{ segment: 0, mask: -1 }],
      [{ segment: 1, mask: -1 }, { segment: 2, mask: 0 }, { segment: 3, mask: 1 }],
    ]);
    expect(plan.maskBlobs.map((b) => b.id)).toEqual(['x', 'y']);
    expect(plan.hiddenBlobs).toBe(1);
  });
  it('a layout without blobs still has a visible segment per item', () => {
    const plan = planGeneration({ caption: '', blobs: [] });
    expect(plan.items.every((item) => item.some((e) => e.mask === -1))).toBe(true);
  });
  it('packs blob parameters and kinds for the text encoder', () => {
    const { params, kinds } = segmentConditioningArrays(planGeneration({ caption: 'c', blobs: [blob('x', 'red')] }));
    expect(Array.from(kinds)).toEqual([0, 0, 1]);
    expect(Array.from(params.subarray(10, 15))).toEqual([0.5, 0.25, 0.2, 0.1, 0.3].map(Math.fround));
    expect(Array.from(params.subarray(0, 10))).toEqual(new Array(10).fill(0));
  });
  it('puts the negative caption in the unconditional item, which sees no blobs', () => {
    const plan = planGeneration({ caption: 'a cat', blobs: [blob('x', 'ginger fur')] }, { negativeCaption: 'blurry' });
    expect(plan.segments.map((s) => s.text)).toEqual(['blurry', 'a cat', 'ginger fur']);
    expect(plan.items[0]).toEqual([{ segment: 0, mask: -1 }]);
  });
  it('without classifier-free guidance plans one item: the caption and its blobs', () => {
    const plan = planGeneration({ caption: 'a cat', blobs: [blob('x', 'ginger fur'), blob('y', 'grey sofa')] }, { classifierFreeGuidance: false, negativeCaption: 'ignored' });
    expect(plan.segments.map((s) => s.text)).toEqual(['a cat', 'ginger fur', 'grey sofa']);
    expect(plan.items).toEqual([[{ segment: 0, mask: -1 }, { segment: 1, mask: 0 }, { segment: 2, mask: 1 }]]);
  });
});
