import { describe, expect, it } from 'vitest';
import golden from './__fixtures__/fidelity-golden.json';
import { describedColours, measureColourFidelity, type ColourVocabulary } from './colourFidelity';
import type { LayoutDocument } from '../../layout/types';

const vocabulary = golden.colours as unknown as ColourVocabulary;

function solidImage(size: number, rgb: readonly number[]): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let p = 0; p < size * size; p++) data.set([rgb[0] ?? 0, rgb[1] ?? 0, rgb[2] ?? 0, 255], p * 4);
  return { width: size, height: size, data };
}

const blob = (id: string, description: string, cx: number, extra: Partial<LayoutDocument['blobs'][number]> = {}) => ({
  id,
  cx,
  cy: 0.5,
  a: 0.2,
  b: 0.15,
  theta: 0.4,
  description,
  ...extra,
});

describe('measureColourFidelity', () => {
  it('agrees with training/blobgen/metrics.py on rendered, noisy held-out scenes', () => {
    for (const scene of golden.scenes) {
      const data = Uint8ClampedArray.from(atob(scene.rgbaBase64), (ch) => ch.charCodeAt(0));
      const layout: LayoutDocument = { caption: scene.caption, blobs: scene.blobs.map((b, i) => ({ id: `b${i}`, ...b })) };
      const result = measureColourFidelity({ width: golden.size, height: golden.size, data }, layout, vocabulary);
      // The description is how the app learns the colours; it must name exactly the scene's.
      expect(result.map((r) => [...r.describedColours].sort())).toEqual(scene.blobs.map((b) => [...b.colors].sort()));
      const measured = result.map((r) => r.accuracy).filter((a) => a !== null);
      expect(measured).toHaveLength(scene.colourAccuracy.length);
      measured.forEach((a, i) => expect(a).toBeCloseTo(scene.colourAccuracy[i] ?? NaN, 12));
    }
  });

  it('scores a described colour 1 and any other 0, leaving out overlaps and hidden blobs', () => {
    const red = vocabulary.red ?? [0, 0, 0];
    const layout: LayoutDocument = {
      caption: '',
      blobs: [blob('r', 'a red blob', 0.3), blob('g', 'a green blob', 0.75), blob('h', 'hidden', 0.3, { hidden: true, a: 0.5 })],
    };
    const result = measureColourFidelity(solidImage(64, red), layout, vocabulary);
    expect(result.map((r) => r.blobId)).toEqual(['r', 'g']);
    expect(result[0]?.accuracy).toBe(1);
    expect(result[1]?.accuracy).toBe(0);
    // Overlapping the green blob shrinks the red blob's measured core.
    const overlapping = measureColourFidelity(solidImage(64, red), { caption: '', blobs: [blob('r', 'red', 0.3), blob('g', 'green', 0.45)] }, vocabulary);
    expect(overlapping[0]?.pixels).toBeLessThan(result[0]?.pixels ?? 0);
  });

  it('gives no figure when the description names no colour or the blob is too small', () => {
    const layout: LayoutDocument = { caption: '', blobs: [blob('x', 'a striped thing', 0.5), blob('t', 'red', 0.1, { a: 0.006, b: 0.006 })] };
    const result = measureColourFidelity(solidImage(64, [0, 0, 0]), layout, vocabulary);
    expect(result.map((r) => r.accuracy)).toEqual([null, null]);
  });
});

describe('describedColours', () => {
  it('finds whole vocabulary words in any case, in vocabulary order', () => {
    expect(describedColours('Blue stripes on a RED blob', vocabulary)).toEqual(['red', 'blue']);
    expect(describedColours('reddish bluegreen', vocabulary)).toEqual([]);
  });
});
