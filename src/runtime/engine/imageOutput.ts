/** Decoder output (float RGBA in [0, 1], NHWC) → 8-bit RGBA for canvases and PNGs. */
export interface RgbaImage {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes per pixel. */
  data: Uint8ClampedArray;
}

export function floatRgbaToImage(values: ArrayLike<number>, width: number, height: number): RgbaImage {
  const count = width * height * 4;
  if (values.length < count) throw new Error(`decoder produced ${values.length} values, expected ${count} (RGBA ${width}×${height})`);
  const data = new Uint8ClampedArray(count);
  // Uint8ClampedArray rounds half to even and clamps, which is what PNG quantisation wants.
  for (let i = 0; i < count; i++) data[i] = (values[i] ?? 0) * 255;
  return { width, height, data };
}

/** Pixel-space packs without a decoder: latent NCHW RGB in [−1, 1] → RGBA. */
export function latentRgbToImage(values: ArrayLike<number>, channels: number, width: number, height: number): RgbaImage {
  const plane = width * height;
  const data = new Uint8ClampedArray(plane * 4);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) data[p * 4 + c] = (((values[Math.min(c, channels - 1) * plane + p] ?? 0) + 1) / 2) * 255;
    data[p * 4 + 3] = 255;
  }
  return { width, height, data };
}
