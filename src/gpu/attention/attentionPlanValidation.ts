/**
 * Input checks of MaskedCrossAttention (plans and per-step strengths), with the limits they
 * enforce. The kernel's own limits are read from the WGSL source, so host and shader agree.
 */
import attentionWgsl from '../../../shaders/masked_cross_attention.wgsl?raw';
import { KernelInputError, expectBufferSize, expectInteger } from '../gpuValidation';
import type { AttentionPlanInput } from './MaskedCrossAttention';

/** Compile-time constants of the WGSL, read from the source so the host checks the same limits. */
export function wgslConst(name: string): number {
  const match = new RegExp(`const\\s+${name}\\s*:\\s*u32\\s*=\\s*(\\d+)u`).exec(attentionWgsl);
  if (!match?.[1]) throw new Error(`masked_cross_attention.wgsl declares no u32 const ${name}.`);
  return Number(match[1]);
}
const MAX_HEAD_DIM = 4 * wgslConst('MAX_HEAD_DIM4');
const MAX_ENTRIES = wgslConst('MAX_ENTRIES');
const MAX_PIXELS = 256 * 256;
const MAX_TOKENS_PER_SEGMENT = 4096;
/** Far above any useful blob strength; only keeps log(strength) finite and meaningful in float32. */
const MAX_STRENGTH = 1e6;

/** Finite and ≥ 0, and > 0 for always-visible entries (a pixel's softmax must never be empty). */
export function validateStrengths(entries: readonly { mask: number; strength?: number }[], what: string): void {
  entries.forEach(({ mask, strength = 1 }, i) => {
    if (!(Number.isFinite(strength) && strength >= 0 && strength <= MAX_STRENGTH)) {
      throw new KernelInputError(`${what} entry ${i} strength must be a finite number in 0..${MAX_STRENGTH}, got ${String(strength)}.`);
    }
    if (mask === -1 && !(strength > 0)) {
      throw new KernelInputError(`${what} entry ${i} is always visible (mask −1); its strength must be > 0, or some pixels would attend to nothing.`);
    }
  });
}

export function validatePlan(p: AttentionPlanInput): void {
  expectInteger('Attention batch', p.batch, 1, 2);
  expectInteger('Attention pixels (h·w)', p.pixels, 1, MAX_PIXELS);
  expectInteger('Attention heads', p.heads, 1, 64);
  if (!Number.isInteger(p.headDim) || p.headDim % 4 !== 0 || p.headDim < 4 || p.headDim > MAX_HEAD_DIM) {
    throw new KernelInputError(`Attention head dim must be a multiple of 4 in 4..${MAX_HEAD_DIM}, got ${String(p.headDim)}.`);
  }
  expectInteger('Attention segments (S)', p.segments, 1, 1 << 16);
  expectInteger('Attention tokens per segment (L)', p.tokensPerSegment, 1, MAX_TOKENS_PER_SEGMENT);
  if (p.tokenCounts.length !== p.segments) {
    throw new KernelInputError(`Attention tokenCounts must list one count per segment (${p.segments}), got ${p.tokenCounts.length}.`);
  }
  p.tokenCounts.forEach((count, s) => expectInteger(`Token count of segment ${s}`, count, 1, p.tokensPerSegment));
  if (p.items.length !== p.batch) {
    throw new KernelInputError(`Attention items must give one segment list per batch item (${p.batch}), got ${p.items.length}.`);
  }
  if (p.masks) {
    expectInteger('Mask offset', p.masks.offset, 0, Number.MAX_SAFE_INTEGER);
    expectBufferSize(`Masks (float32[${p.masks.blobCount}, ${p.pixels}] at element ${p.masks.offset})`, p.masks.buffer, (p.masks.offset + p.masks.blobCount * p.pixels) * 4);
  }
  p.items.forEach((list, n) => {
    if (list.length > MAX_ENTRIES) throw new KernelInputError(`Batch item ${n} has ${list.length} segments; at most ${MAX_ENTRIES} are supported.`);
    validateStrengths(list, `Item ${n}`);
    if (!list.some((entry) => entry.mask === -1)) {
      throw new KernelInputError(`Batch item ${n} needs an always-visible segment (mask −1, e.g. the caption) so that no pixel has an empty softmax.`);
    }
    list.forEach(({ segment, mask }, i) => {
      expectInteger(`Item ${n} entry ${i} segment index`, segment, 0, p.segments - 1);
      if (mask !== -1) {
        if (!p.masks) throw new KernelInputError(`Item ${n} entry ${i} uses mask ${mask}, but no masks were given (pass masks: siteMasks(set, site)).`);
        expectInteger(`Item ${n} entry ${i} mask index (−1 or a blob index)`, mask, 0, p.masks.blobCount - 1);
      }
    });
  });
}
