/**
 * How a generated image is shown so that it is never blurry: a small image (a 64² or 128² pack)
 * is enlarged by a whole factor with nearest-neighbour rendering, so every model pixel becomes a
 * crisp square; an image larger than the box (a 512² pack in the side panel) is shrunk with the
 * browser's smooth filter, which is what keeps a downscaled photo sharp (nearest-neighbour would
 * alias it). At 1:1 neither applies.
 */
export interface PixelPresentation {
  /** CSS width to show the image at (its height follows the canvas's own aspect ratio). */
  cssWidth: number;
  /** Shown larger than its pixels: use `image-rendering: pixelated`. */
  upscaled: boolean;
}

/** The side panel's result box, in CSS pixels. */
export const RESULT_BOX_PX = 320;

export function pixelPresentation(width: number, height: number, box: number = RESULT_BOX_PX): PixelPresentation {
  const side = Math.max(width, height, 1);
  if (side > box) return { cssWidth: Math.round((box * width) / side), upscaled: false };
  const scale = Math.floor(box / side);
  return { cssWidth: width * scale, upscaled: scale > 1 };
}
