/**
 * The generation plan: which text segments the encoder sees and which segments each CFG batch
 * item attends to (docs/contracts.md §3–§4). Pure data, shared by the runtime (what to feed ORT
 * and the attention kernel) and by tests.
 */
import type { Blob, LayoutDocument } from '../layout/types';

/** One key/value segment an item attends to; mask −1 = visible everywhere (a caption). */
export interface AttentionEntry {
  segment: number;
  mask: number;
}

export type BlobParams = readonly [cx: number, cy: number, a: number, b: number, theta: number];

export interface PlannedSegment {
  text: string;
  /** 0 = caption, 1 = blob (the text encoder's segment-kind flag). */
  kind: 0 | 1;
  /** Blob parameters (zeros for captions), as the text encoder's blob embedding expects. */
  params: BlobParams;
}

export interface GenerationPlan {
  /** With guidance: [negative caption ("" by default), caption, blob 1 … N]; without: [caption, blob 1 … N]. */
  segments: PlannedSegment[];
  /** The visible blobs in layout (stacking) order; mask index k = masks[k]. */
  maskBlobs: Blob[];
  /**
   * With guidance, items[0] is the unconditional item (the negative caption alone, no blobs) and
   * items[1] the conditional one (caption + one entry per blob); without guidance only the latter.
   */
  items: AttentionEntry[][];
  /** Blobs left out because they are hidden. */
  hiddenBlobs: number;
}

const ZERO: BlobParams = [0, 0, 0, 0, 0];

export interface PlanOptions {
  /** Text of the unconditional item (the negative caption); "" when the pack or user gives none. */
  negativeCaption?: string;
  /** false for models sampled without classifier-free guidance (SD-Turbo, LCM): one batch item. */
  classifierFreeGuidance?: boolean;
}

export function planGeneration(layout: LayoutDocument, options: PlanOptions = {}): GenerationPlan {
  const maskBlobs = layout.blobs.filter((b) => !b.hidden);
  const guided = options.classifierFreeGuidance ?? true;
  const caption: PlannedSegment = { text: layout.caption, kind: 0, params: ZERO };
  const blobSegments = maskBlobs.map((b): PlannedSegment => ({ text: b.description, kind: 1, params: [b.cx, b.cy, b.a, b.b, b.theta] }));
  const first = guided ? 1 : 0; // index of the caption segment
  const conditional: AttentionEntry[] = [{ segment: first, mask: -1 }, ...maskBlobs.map((_, k) => ({ segment: first + 1 + k, mask: k }))];
  const segments = guided ? [{ text: options.negativeCaption ?? '', kind: 0 as const, params: ZERO }, caption, ...blobSegments] : [caption, ...blobSegments];
  const items = guided ? [[{ segment: 0, mask: -1 }], conditional] : [conditional];
  return { segments, maskBlobs, items, hiddenBlobs: layout.blobs.length - maskBlobs.length };
}

/** Blob parameters of every segment as float32[S, 5] and kinds as float32[S] (text encoder inputs). */
export function segmentConditioningArrays(plan: GenerationPlan): { params: Float32Array; kinds: Float32Array } {
  const params = new Float32Array(plan.segments.length * 5);
  const kinds = new Float32Array(plan.segments.length);
  plan.segments.forEach((s, i) => {
    params.set(s.params, i * 5);
    kinds[i] = s.kind;
  });
  return { params, kinds };
}
