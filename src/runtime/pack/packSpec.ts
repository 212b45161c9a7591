/**
 * What the engine needs to know about a model pack, independent of the manifest's exact JSON
 * spelling (manifestSchema.ts validates the JSON and maps it to this). Everything model-specific
 * lives here as data: the engine has no per-model code paths (docs/architecture.md §5, docs/model-pack.md).
 *
 * Tensors between UNet segments live in one name pool (training/blobgen/cut.py): step inputs by
 * their names, site s's query and kernel result, carried activations, and the final model output.
 * Each segment lists the pool names it reads and writes.
 */
import type { SamplerName, SchedulerConfig } from '../../engine/schedulers/samplers';
import type { SegmentFraming } from '../../engine/segmentTokens';

export type InputDataType = 'int64' | 'int32' | 'float32';

export type MaskMode = 'coverage' | 'hard' | 'feather';

export interface PackFileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface GraphSpec {
  /** Pack-relative path of the .onnx file. */
  file: string;
  /** ONNX external-data files the graph reads (graphs over 2 GB), pack-relative, mounted under the same path. */
  externalData?: readonly string[];
  inputs: readonly string[];
  outputs: readonly string[];
}

export interface AttentionSiteSpec {
  height: number;
  width: number;
  heads: number;
  headDim: number;
  /** Pool names: the segment output holding Q, the kernel's result, and the prelude's K and V. */
  query: string;
  result: string;
  key: string;
  value: string;
}

export interface PackSpec {
  name: string;
  version: string;
  description: string;
  /** The manifest's `domain.summary`: what the pack can paint, in a sentence (prompts, placeholders). */
  domainSummary?: string;
  license: string;
  /** Image the decoder produces (RGBA), pixels. */
  image: { width: number; height: number };
  /** Latent of one batch item, [C, H, W]. */
  latentShape: readonly [number, number, number];
  /** Latent → decoder input: divide by this (the VAE's scaling factor; 1 for our trained packs). */
  latentScale: number;
  tokenizer: { file: string; maxTokensPerSegment: number; framing: SegmentFraming };
  conditioning: {
    mode: 'trained-blob' | 'training-free';
    maskMode: MaskMode;
    featherWidth?: number;
    maxBlobs?: number;
    /** false: one batch item (the conditional one), guidance unused (SD-Turbo, LCM). */
    classifierFreeGuidance: boolean;
    /** The unconditional item's text can be set by the user. */
    negativeCaption: boolean;
  };
  textEncoder: GraphSpec & {
    /** Input names by role; training-free (CLIP) encoders take the ids alone. */
    ids: string;
    attentionMask?: string;
    blobParams?: string;
    segmentKind?: string;
    /** Element type of each role's input (the exporter's defaults: ids int64, the rest float32). */
    dataTypes: { ids: InputDataType; attentionMask: InputDataType; blobParams: 'float32'; segmentKind: InputDataType };
    /** The output that feeds the prelude. */
    output: string;
  };
  prelude: GraphSpec & { input: string };
  unet: {
    segments: readonly GraphSpec[];
    sites: readonly AttentionSiteSpec[];
    sampleInput: string;
    timestepInput: string;
    /** LCM: the guidance-scale embedding input, float32[B, dim] (docs/model-pack.md). */
    timestepCond?: { input: string; dim: number };
    output: string;
  };
  /** latent [1, C, H, W] → RGBA float32 [1, H, W, 4] in [0, 1]; absent for pixel-space packs. */
  decoder?: GraphSpec & { input: string; output: string };
  /** A cheap decoder with the decoder's I/O (TAESD), used for previews. */
  previewDecoder?: GraphSpec & { input: string; output: string };
  /** The same UNet as one graph with an additive attention bias per resolution (benchmarks only). */
  monolithic?: GraphSpec & { sample: string; timestep: string; cond: string; biasByResolution: Record<string, string>; output: string };
  /** Pack-relative paths of the reference data (tests). */
  goldens: { masks?: string; rng?: string; runs: readonly string[] };
  scheduler: SchedulerConfig & {
    defaultSteps: number;
    defaultGuidance: number;
    defaultSampler: SamplerName;
    /** The samplers this pack offers (the default first). */
    samplers: readonly SamplerName[];
    /** LCMScheduler settings (original inference steps, timestep scaling). */
    lcm?: { originalInferenceSteps: number; timestepScaling: number };
  };
  /** Colour vocabulary (name → sRGB 0..255) for the adherence metric, when the pack has one. */
  colours?: Record<string, readonly [number, number, number]>;
  /** The precision variant these graph files are; set by selectVariant. */
  variant: string;
  /** Needs the `shader-f16` device feature. */
  requiresShaderF16: boolean;
  /** Every precision variant: whether it needs shader-f16, and its graph files where they differ (file → variant file). */
  variants: Readonly<Record<string, { requiresShaderF16: boolean; files: Readonly<Record<string, string>> }>>;
  files: readonly PackFileEntry[];
}
