/**
 * Per-blob strength and active steps as attention-entry strengths (docs/contracts.md §3a): a
 * blob's entry weighs `strength` at the steps it is active in and 0 (excluded) elsewhere, so the
 * sampler only rewrites the kernel's small entry table between steps: no extra UNet pass.
 * Pure: no GPU, no React.
 */
import type { GenerationPlan } from './generationPlan';

/** The fields of a blob that weight it (Layout JSON; absent = strength 1, active on every step). */
export interface BlobWeighting {
  strength?: number;
  /** Fractions of the sampling run, 0 ≤ from < to ≤ 1. */
  activeSteps?: { from: number; to: number };
}

/**
 * Whether a blob applies at step `index` (0-based) of `count`: the step's start, index / count,
 * lies in [from, to). Step 0 starts at 0 and the last step starts below 1, so [0, 1) is every
 * step, and [0, 0.5) and [0.5, 1) split a run into halves that never overlap.
 */
export function isActiveAtStep(weighting: BlobWeighting, index: number, count: number): boolean {
  const { from, to } = weighting.activeSteps ?? { from: 0, to: 1 };
  const start = index / count;
  return start >= from && start < to;
}

/** A blob's attention strength at one step: its strength while active, else 0. */
export function blobStrengthAtStep(weighting: BlobWeighting, index: number, count: number): number {
  return isActiveAtStep(weighting, index, count) ? (weighting.strength ?? 1) : 0;
}

/** True when some blob is weighted at all, i.e. the entry table differs from all-ones at some step. */
export function hasBlobWeights(blobs: readonly BlobWeighting[]): boolean {
  return blobs.some((blob) => (blob.strength ?? 1) !== 1 || (blob.activeSteps !== undefined && (blob.activeSteps.from > 0 || blob.activeSteps.to < 1)));
}

/**
 * Entry strengths of every batch item at one step, in the shape of `plan.items`: captions (mask
 * −1) always 1, blob k's entry its strength at this step. The unconditional item has no blobs.
 */
export function entryStrengthsAtStep(plan: Pick<GenerationPlan, 'items'> & { maskBlobs: readonly BlobWeighting[] }, index: number, count: number): number[][] {
  return plan.items.map((entries) =>
    entries.map((entry) => {
      if (entry.mask < 0) return 1;
      const blob = plan.maskBlobs[entry.mask];
      return blob ? blobStrengthAtStep(blob, index, count) : 1;
    }),
  );
}
