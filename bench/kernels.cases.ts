/** The shapes the kernel benchmark times (see bench/README.md for why these). */
export interface AttentionBenchCase {
  name: string;
  batch: number;
  height: number;
  width: number;
  heads: number;
  headDim: number;
  blobs: number;
  /** L: padded tokens per segment; every segment uses all of them (SD attends its 77 padded tokens). */
  tokens: number;
  iterations: number;
}

/** SD-like: a 512² SD 1.x image's 64² site, 8 heads of 40, caption + 8 blobs × 77 CLIP tokens, CFG batch. */
export const SD_CASE: AttentionBenchCase = { name: 'SD 64² h8 d40, 1+8×77, B2', batch: 2, height: 64, width: 64, heads: 8, headDim: 40, blobs: 8, tokens: 77, iterations: 1 };

/**
 * Stable Diffusion's cross-attention sites at 512² (latent 64²), caption + 4 blobs × 77 CLIP tokens,
 * CFG batch 2: SD-1.5 (heads 8, d = 320/640/1280 ÷ 8) and SD-2.1 (d = 64, heads = 320/64 at 64²).
 * Run with --sd-sites (bench/README.md): ~1 iteration for the big sites on SwiftShader.
 */
export const SD_SITE_CASES: AttentionBenchCase[] = [
  { name: 'SD-1.5 64² h8 d40, 1+4×77, B2', batch: 2, height: 64, width: 64, heads: 8, headDim: 40, blobs: 4, tokens: 77, iterations: 1 },
  { name: 'SD-1.5 32² h8 d80, 1+4×77, B2', batch: 2, height: 32, width: 32, heads: 8, headDim: 80, blobs: 4, tokens: 77, iterations: 1 },
  { name: 'SD-1.5 16² h8 d160, 1+4×77, B2', batch: 2, height: 16, width: 16, heads: 8, headDim: 160, blobs: 4, tokens: 77, iterations: 3 },
  { name: 'SD-1.5 8² h8 d160, 1+4×77, B2', batch: 2, height: 8, width: 8, heads: 8, headDim: 160, blobs: 4, tokens: 77, iterations: 5 },
  { name: 'SD-2.1 64² h5 d64, 1+4×77, B2', batch: 2, height: 64, width: 64, heads: 5, headDim: 64, blobs: 4, tokens: 77, iterations: 1 },
];

/** The default pack (training/blobgen/model.py): sites 32² (1×32), 16² (2×32), 8² (4×32), ≤ 6 blobs × 16 tokens, CFG batch. */
export const DEFAULT_MODEL_CASES: AttentionBenchCase[] = [
  { name: 'default 32² h1 d32, 1+6×16, B2', batch: 2, height: 32, width: 32, heads: 1, headDim: 32, blobs: 6, tokens: 16, iterations: 10 },
  { name: 'default 16² h2 d32, 1+6×16, B2', batch: 2, height: 16, width: 16, heads: 2, headDim: 32, blobs: 6, tokens: 16, iterations: 20 },
  { name: 'default 8² h4 d32, 1+6×16, B2', batch: 2, height: 8, width: 8, heads: 4, headDim: 32, blobs: 6, tokens: 16, iterations: 20 },
  { name: 'brief 16² h4 d64, 1+4×16, B2', batch: 2, height: 16, width: 16, heads: 4, headDim: 64, blobs: 4, tokens: 16, iterations: 20 },
];

/** Mask rasteriser loads: blobs × Σ sites h·w cells per call. */
export const MASK_CASES = [
  { name: 'SD sites 64²+32²+16²+8², 8 blobs', blobs: 8, sides: [64, 32, 16, 8], iterations: 10 },
  { name: 'SD sites 64²+32²+16²+8², 32 blobs', blobs: 32, sides: [64, 32, 16, 8], iterations: 5 },
  { name: 'default sites 32²+16²+8², 6 blobs', blobs: 6, sides: [32, 16, 8], iterations: 20 },
  { name: '128² site, 32 blobs', blobs: 32, sides: [128], iterations: 5 },
];

/** A deterministic scatter of blobs over the canvas (sizes 0.08–0.3), like a real layout. */
export function benchBlobs(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    cx: 0.15 + 0.7 * (((i * 0.618034) % 1 + 1) % 1),
    cy: 0.15 + 0.7 * (((i * 0.414214 + 0.3) % 1 + 1) % 1),
    a: 0.08 + 0.22 * ((i * 0.37) % 1),
    b: 0.06 + 0.14 * ((i * 0.53) % 1),
    theta: ((i * 1.1) % 6.28) - 3.14,
  }));
}
