/**
 * Per-blob strength, active steps and feather through the real engine (default pack, WebGPU):
 * strength 0 gives the image of the layout with that blob hidden (within 2/255), the default
 * weights change nothing, and each control changes the image.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Blob, LayoutDocument } from '../../layout/types';
import { TEST_PACK_URL } from '../testing/goldenRun';
import { BlobGenEngine } from './BlobGenEngine';
import { maxAbsDiff } from '../../gpu/testing/gpuTestUtils';

const LAYOUT: LayoutDocument = {
  caption: 'green ground under a blue sky',
  blobs: [
    { id: 'red', cx: 0.32, cy: 0.4, a: 0.22, b: 0.15, theta: 0.5, description: 'a plain red oval' },
    { id: 'yellow', cx: 0.68, cy: 0.62, a: 0.2, b: 0.16, theta: -0.4, description: 'a plain yellow shape' },
  ],
};

function withRed(change: Partial<Blob>): LayoutDocument {
  return { ...LAYOUT, blobs: LAYOUT.blobs.map((blob) => (blob.id === 'red' ? { ...blob, ...change } : blob)) };
}

describe('per-blob weights in the engine', () => {
  let engine: BlobGenEngine;
  beforeAll(async () => {
    const adapter = await navigator.gpu.requestAdapter();
    expect(adapter, 'this test needs a WebGPU adapter').toBeTruthy();
    engine = await BlobGenEngine.load(TEST_PACK_URL, { useCache: false });
  });
  afterAll(async () => engine.dispose());

  const image = async (layout: LayoutDocument) => (await engine.generate({ layout, seed: 31, steps: 8, guidance: 3, sampler: 'ddim' })).image.data;

  it('strength 0 removes the blob exactly; default weights change nothing; other settings change the image', async () => {
    const plain = await image(LAYOUT);
    expect(maxAbsDiff(await image(withRed({ strength: 1, activeSteps: { from: 0, to: 1 } })), plain)).toBe(0);
    const off = await image(withRed({ strength: 0 }));
    const hidden = await image(withRed({ hidden: true }));
    expect(maxAbsDiff(off, hidden), 'strength 0 = the blob hidden').toBeLessThanOrEqual(2);
    expect(maxAbsDiff(off, plain)).toBeGreaterThan(40);
    for (const change of [{ strength: 2 }, { strength: 0.5 }, { activeSteps: { from: 0, to: 0.5 } }, { activeSteps: { from: 0.5, to: 1 } }, { feather: 0.06 }]) {
      const changed = await image(withRed(change));
      expect(maxAbsDiff(changed, plain), JSON.stringify(change)).toBeGreaterThan(8);
    }
  });
});
