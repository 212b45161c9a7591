/**
 * Per-blob colour accuracy of a generated image, the metric of training/blobgen/metrics.py
 * (`scene_metrics`, col_acc), so the readout in the app means what the training figures mean:
 *
 *   accuracy(blob) = share of the blob's core pixels whose nearest vocabulary colour is one of the
 *   colours its description names, where the core is ρ² ≤ 0.81 (ρ ≤ 0.9) and outside every other
 *   blob (ρ² ≤ 1 of any other blob). Blobs with fewer than 4 core pixels get no figure.
 *
 * Pixel centres and ρ² are computed like the Python code (x, y = (i + 0.5) / size; a, b in image
 * units; float32 throughout). The described colours are the vocabulary words that occur in the
 * description, which is how the synthetic training descriptions name them ("a red blob with
 * blue stripes" → red, blue).
 */
import { planGeneration } from '../../engine/generationPlan';
import type { BlobGeometry } from '../../reference/blobMasks';
import { ellipseFrame, ellipseRho2 } from '../../reference/ellipseRho2';
import type { LayoutDocument } from '../../layout/types';

export type ColourVocabulary = Readonly<Record<string, readonly [number, number, number]>>;

export interface RgbaPixels {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes per pixel. */
  data: Uint8ClampedArray | Uint8Array;
}

export interface BlobFidelity {
  blobId: string;
  /** Vocabulary colours named in the description (empty: nothing to measure). */
  describedColours: string[];
  /** Core pixels measured. */
  pixels: number;
  /** In [0, 1], or null when the description names no colour or the core is under 4 pixels. */
  accuracy: number | null;
}

/** Training's rule for "this blob followed its description" (colour_blobs_gt50). */
export const FOLLOWED_THRESHOLD = 0.5;
const MIN_CORE_PIXELS = 4;
// numpy compares a float32 array with the float32 rounding of 0.81.
const CORE_RHO2 = Math.fround(0.81);
const f = Math.fround;

/** Vocabulary colours named in a description, in vocabulary order, whole words only. */
export function describedColours(description: string, vocabulary: ColourVocabulary): string[] {
  const words = new Set(description.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  return Object.keys(vocabulary).filter((name) => words.has(name.toLowerCase()));
}

/**
 * Index of the nearest vocabulary colour. Distances are taken in float32 on values / 255, summed
 * r, g, b in that order, exactly as numpy does in metrics.nearest_colour: near-ties then break the
 * same way as in training (integer distances would flip the odd pixel). First wins exact ties.
 */
function nearestColourIndex(r: number, g: number, b: number, palette: readonly (readonly [number, number, number])[]): number {
  const pixel = [f(r / 255), f(g / 255), f(b / 255)];
  let best = 0;
  let bestDistance = Infinity;
  palette.forEach((colour, i) => {
    let d = 0;
    for (let k = 0; k < 3; k++) {
      const diff = f((pixel[k] ?? 0) - f((colour[k] ?? 0) / 255));
      d = f(d + f(diff * diff));
    }
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

function rho2Field(blob: BlobGeometry, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const frame = ellipseFrame(blob);
  for (let r = 0; r < height; r++) {
    const y = f(f(r + 0.5) / height);
    for (let c = 0; c < width; c++) out[r * width + c] = ellipseRho2(frame, f(f(c + 0.5) / width), y);
  }
  return out;
}

/**
 * Colour accuracy of every visible blob (hidden blobs are not generated, so they are neither
 * measured nor count as "other blobs"), in layout order.
 */
export function measureColourFidelity(image: RgbaPixels, layout: LayoutDocument, vocabulary: ColourVocabulary): BlobFidelity[] {
  const names = Object.keys(vocabulary);
  const palette = names.map((n) => vocabulary[n] ?? ([0, 0, 0] as const));
  const { width, height, data } = image;
  const labels = new Int32Array(width * height);
  for (let p = 0; p < width * height; p++) labels[p] = nearestColourIndex(data[p * 4] ?? 0, data[p * 4 + 1] ?? 0, data[p * 4 + 2] ?? 0, palette);

  const blobs = planGeneration(layout).maskBlobs;
  const fields = blobs.map((blob) => rho2Field(blob, width, height));
  return blobs.map((blob, i) => {
    const described = describedColours(blob.description, vocabulary);
    const wanted = new Set(described.map((name) => names.indexOf(name)));
    const own = fields[i] ?? new Float32Array(0);
    let pixels = 0;
    let matching = 0;
    for (let p = 0; p < width * height; p++) {
      if ((own[p] ?? Infinity) > CORE_RHO2) continue;
      if (fields.some((field, j) => j !== i && (field[p] ?? Infinity) <= 1)) continue;
      pixels++;
      if (wanted.has(labels[p] ?? -1)) matching++;
    }
    const accuracy = described.length > 0 && pixels >= MIN_CORE_PIXELS ? matching / pixels : null;
    return { blobId: blob.id, describedColours: described, pixels, accuracy };
  });
}
