/**
 * CPU reference of masked cross-attention (docs/contracts.md §3), pure TypeScript in float64:
 * a plain two-pass softmax, deliberately unlike the kernel's online softmax, so that the tests
 * compare two independent formulations.
 */

/** One segment of a batch item: K/V segment index and blob mask index (−1 = visible everywhere). */
export interface SegmentEntry {
  segment: number;
  mask: number;
  /** Multiplies the mask weight (default 1): log(strength) is added to the logits of its keys; 0 excludes them. */
  strength?: number;
}

export interface MaskedAttentionShape {
  batch: number;
  /** Pixels of the site's feature map (h·w). */
  pixels: number;
  heads: number;
  headDim: number;
  /** S: number of K/V segments. */
  segments: number;
  /** L: padded tokens per segment. */
  tokensPerSegment: number;
}

export interface MaskedAttentionProblem extends MaskedAttentionShape {
  /** Valid tokens of each segment (length S). */
  tokenCounts: readonly number[];
  /** Segment list of each batch item (length batch). */
  items: readonly (readonly SegmentEntry[])[];
  /** float32[batch, HW, heads·d] */
  q: Float32Array;
  /** float32[S, L, heads·d] each */
  k: Float32Array;
  v: Float32Array;
  /** float32[nBlobs, HW]: the site's masks. */
  masks: Float32Array;
}

export function maskedCrossAttentionReference(p: MaskedAttentionProblem): Float32Array {
  const channels = p.heads * p.headDim;
  const out = new Float32Array(p.batch * p.pixels * channels);
  const scale = 1 / Math.sqrt(p.headDim);
  for (let n = 0; n < p.batch; n++) {
    const entries = p.items[n] ?? [];
    for (let j = 0; j < p.pixels; j++) {
      for (let h = 0; h < p.heads; h++) {
        const qBase = (n * p.pixels + j) * channels + h * p.headDim;
        const keys: { base: number; logit: number }[] = [];
        for (const { segment, mask, strength = 1 } of entries) {
          const weight = strength * (mask < 0 ? 1 : (p.masks[mask * p.pixels + j] ?? 0));
          if (!(weight > 0)) continue;
          for (let t = 0; t < (p.tokenCounts[segment] ?? 0); t++) {
            const base = (segment * p.tokensPerSegment + t) * channels + h * p.headDim;
            let dot = 0;
            for (let c = 0; c < p.headDim; c++) dot += (p.q[qBase + c] ?? 0) * (p.k[base + c] ?? 0);
            keys.push({ base, logit: dot * scale + Math.log(weight) });
          }
        }
        const max = Math.max(...keys.map((key) => key.logit));
        let sum = 0;
        const acc = new Float64Array(p.headDim);
        for (const key of keys) {
          const weight = Math.exp(key.logit - max);
          sum += weight;
          for (let c = 0; c < p.headDim; c++) acc[c] = (acc[c] ?? 0) + weight * (p.v[key.base + c] ?? 0);
        }
        for (let c = 0; c < p.headDim; c++) out[qBase + c] = (acc[c] ?? 0) / sum;
      }
    }
  }
  return out;
}
