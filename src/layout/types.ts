/**
 * The layout document: what a person composes and what every other part consumes.
 * Geometry is normalised to the square image (docs/architecture.md §2, docs/contracts.md §1).
 */

/** Stable identity of a blob across edits, undo and export. */
export type BlobId = string;

export interface Blob {
  id: BlobId;
  /** Centre, fractions of the image width/height; y points down. */
  cx: number;
  cy: number;
  /** Semi-axis along `theta`, fraction of the image width. */
  a: number;
  /** Semi-axis across `theta`, fraction of the image width. */
  b: number;
  /** Orientation in radians, in (−π, π]. */
  theta: number;
  description: string;
  hidden?: boolean;
  locked?: boolean;
  /** How strongly the description holds inside the blob, 0–2; absent = 1 (limits.ts). */
  strength?: number;
  /** Soft-edge width, fraction of the image width; absent = 0 (the pack's own edge). */
  feather?: number;
  /** The part of the sampling run the blob applies in, fractions 0 ≤ from < to ≤ 1; absent = all of it. */
  activeSteps?: ActiveSteps;
}

export interface ActiveSteps {
  from: number;
  to: number;
}

/** A layout: caption plus blobs; array order is stacking order (last is on top). */
export interface LayoutDocument {
  caption: string;
  blobs: Blob[];
}
