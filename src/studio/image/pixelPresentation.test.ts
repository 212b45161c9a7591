import { describe, expect, it } from 'vitest';
import { pixelPresentation } from './pixelPresentation';

describe('pixelPresentation', () => {
  it('enlarges small images by a whole factor, nearest-neighbour', () => {
    expect(pixelPresentation(64, 64, 320)).toEqual({ cssWidth: 320, upscaled: true });
    expect(pixelPresentation(128, 128, 320)).toEqual({ cssWidth: 256, upscaled: true });
    expect(pixelPresentation(16, 16, 320)).toEqual({ cssWidth: 320, upscaled: true });
  });

  it('shows an image that fits but cannot be doubled at 1:1, and shrinks a large one smoothly', () => {
    expect(pixelPresentation(200, 200, 320)).toEqual({ cssWidth: 200, upscaled: false });
    expect(pixelPresentation(512, 512, 320)).toEqual({ cssWidth: 320, upscaled: false });
    expect(pixelPresentation(768, 512, 320)).toEqual({ cssWidth: 320, upscaled: false });
    expect(pixelPresentation(512, 768, 320)).toEqual({ cssWidth: 213, upscaled: false });
  });
});
