/**
 * manifest.json of a model pack (docs/model-pack.md; written by training/blobgen/manifest.py) as
 * a zod schema, checked, then mapped to the engine's PackSpec (toPackSpec.ts). Unknown fields are allowed (forward-compatible
 * packs); every error names the JSON path, e.g. `unet.sites[2].headDim: expected number`.
 */
import { z } from 'zod';
import { InvalidManifestError } from '../errors';
import { SAMPLER_NAMES } from '../../engine/schedulers/samplers';
import { isSamplerName } from '../../engine/samplingSettings';
import type { PackSpec } from './packSpec';
import { toPackSpec } from './toPackSpec';

const name = z.string().min(1);
const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (SHA-256)');
const positiveInt = z.number().int().positive();
/** "int64[S,L]" → "int64": the element type in front of the shape. */
const typedShape = z.string().regex(/^(int64|int32|float32|float16)\[/, 'must look like "float32[S,L]"');

/** A graph entry may name its fp16 file and its ONNX external-data files. */
const graphExtras = {
  variants: z.record(z.string(), name).optional(),
  externalData: z.array(name).optional(),
};

const site = z.object({
  resolution: z.tuple([positiveInt, positiveInt]),
  heads: positiveInt,
  headDim: positiveInt,
  query: name,
  output: name,
  key: name,
  value: name,
});

export const manifestSchema = z.object({
  schemaVersion: z.literal(1, { error: 'this app reads model packs with schemaVersion 1' }),
  name,
  version: z.string().min(1),
  license: z.string().default('unspecified'),
  description: z.string().default(''),
  domain: z
    .object({
      summary: z.string().optional(),
      colors: z.array(z.object({ name, rgb: z.tuple([z.number(), z.number(), z.number()]) })).optional(),
      maxBlobs: positiveInt.optional(),
    })
    .optional(),
  image: z.object({ width: positiveInt, height: positiveInt }),
  latent: z.object({
    shape: z.tuple([positiveInt, positiveInt, positiveInt]),
    scale: z.number().positive().default(1),
    kind: z.enum(['space-to-depth', 'vae', 'pixel']).optional(),
  }),
  tokenizer: z.object({
    file: name,
    kind: z.enum(['wordpiece-cls', 'clip-bpe'], { error: 'tokenizer.kind: this engine frames "wordpiece-cls" (our trained packs) and "clip-bpe" (Stable Diffusion) segments' }).default('wordpiece-cls'),
    maxTokensPerSegment: positiveInt,
    bosTokenId: z.number().int().nonnegative().optional(),
    eosTokenId: z.number().int().nonnegative().optional(),
    padTokenId: z.number().int().nonnegative().optional(),
  }),
  conditioning: z.object({
    mode: z.enum(['trained-blob', 'training-free'], { error: 'this engine runs the conditioning modes "trained-blob" and "training-free"' }),
    maskMode: z.enum(['coverage', 'hard', 'feather'], { error: 'this engine rasterises the mask modes "coverage", "hard" and "feather"' }),
    featherWidth: z.number().positive().nullable().optional(),
    maxBlobs: positiveInt.optional(),
    unconditionalCaption: z.literal('', { error: 'the unconditional caption must be "" (contracts.md §4)' }).default(''),
    negativeCaption: z.boolean().default(false),
    classifierFreeGuidance: z.boolean().default(true),
  }),
  textEncoder: z.object({
    file: name,
    ...graphExtras,
    // strict: an input role the engine does not know how to feed is an error, not silently zero.
    inputs: z.strictObject({ inputIds: name, attentionMask: name.optional(), blobParams: name.optional(), segmentKind: name.optional() }, { error: (issue) => (issue.code === 'unrecognized_keys' ? `this engine feeds the text encoder inputIds, attentionMask, blobParams and segmentKind; it has no input role ${issue.keys.map((k) => `"${k}"`).join(', ')}` : undefined) }),
    inputTypes: z.record(z.string(), typedShape).default({}),
    output: name,
  }),
  prelude: z.object({ file: name, ...graphExtras, input: name, outputs: z.array(name).min(1) }),
  previewDecoder: z.object({ file: name, ...graphExtras, input: name, output: name }).optional(),
  unet: z.object({
    sampleInput: name,
    timestepInput: name,
    timestepCondInput: name.optional(),
    timestepCondDim: positiveInt.optional(),
    output: name,
    segments: z.array(z.object({ file: name, ...graphExtras, inputs: z.array(name).min(1), outputs: z.array(name).min(1) })).min(1),
    sites: z.array(site),
    monolithic: z
      .object({
        file: name,
        inputs: z.object({ sample: name, timestep: name, cond: name, biasByResolution: z.record(z.string(), name) }),
        output: name,
      })
      .optional(),
  }),
  decoder: z
    .object({
      file: name,
      ...graphExtras,
      input: name,
      output: name,
      outputLayout: z.literal('NHWC').default('NHWC'),
      outputChannels: z.literal('RGBA').default('RGBA'),
      outputRange: z.tuple([z.literal(0), z.literal(1)]).default([0, 1]),
    })
    .optional(),
  scheduler: z.object({
    type: z.string().default('ddim'),
    samplers: z.array(z.string()).min(1).optional(),
    lcm: z.object({ originalInferenceSteps: positiveInt, timestepScaling: z.number().positive() }).optional(),
    numTrainTimesteps: positiveInt,
    betaSchedule: z.enum(['linear', 'scaled_linear', 'squaredcos_cap_v2']),
    betaStart: z.number().positive().optional(),
    betaEnd: z.number().positive().optional(),
    predictionType: z.enum(['epsilon', 'v_prediction', 'sample']),
    timestepSpacing: z.enum(['leading', 'trailing', 'linspace']),
    stepsOffset: z.number().int().nonnegative().optional(),
    setAlphaToOne: z.boolean().optional(),
    clipSample: z.boolean().optional(),
    clipSampleRange: z.number().positive().optional(),
    eta: z.literal(0, { error: 'only deterministic sampling (eta 0) is supported' }).default(0),
    defaultSteps: positiveInt,
    defaultGuidance: z.number(),
  }),
  precision: z
    .object({ default: name, variants: z.record(z.string(), z.object({ requiresShaderF16: z.boolean() })) })
    .default({ default: 'fp32', variants: { fp32: { requiresShaderF16: false } } }),
  goldens: z.object({ masks: name.optional(), rng: name.optional(), runs: z.array(name).default([]) }).optional(),
  files: z.array(z.object({ path: name, bytes: z.number().int().nonnegative(), sha256, role: z.string().optional() })).min(1),
});

export type ModelPackManifest = z.infer<typeof manifestSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

function invalid(issues: string[]): InvalidManifestError {
  return new InvalidManifestError(`The model pack manifest is invalid:\n${issues.slice(0, 20).join('\n')}`, issues);
}

/** Checks the schema cannot express: cross-field rules and names the engine must know. */
function semanticIssues(m: ModelPackManifest): string[] {
  const issues: string[] = [];
  if (m.unet.segments.length !== m.unet.sites.length + 1) {
    issues.push(`unet.segments: a UNet cut at ${m.unet.sites.length} attention sites needs ${m.unet.sites.length + 1} segments, got ${m.unet.segments.length}`);
  }
  if (m.conditioning.maskMode === 'feather' && !m.conditioning.featherWidth) issues.push('conditioning.featherWidth: required (> 0) when maskMode is "feather"');
  if (!m.precision.variants[m.precision.default]) issues.push(`precision.default: "${m.precision.default}" is not one of the variants (${Object.keys(m.precision.variants).join(', ')})`);
  m.unet.sites.forEach((s, i) => {
    if (s.headDim % 4 !== 0) issues.push(`unet.sites[${i}].headDim: must be a multiple of 4 (the attention kernel reads vec4s), got ${s.headDim}`);
  });
  const samplers = m.scheduler.samplers ?? [m.scheduler.type];
  for (const [path, sampler] of [['scheduler.type', m.scheduler.type] as const, ...samplers.map((v, i) => [`scheduler.samplers[${i}]`, v] as const)]) {
    if (!isSamplerName(sampler)) issues.push(`${path}: this engine has no sampler "${sampler}" (it has ${SAMPLER_NAMES.join(', ')})`);
  }
  if (m.scheduler.samplers && !m.scheduler.samplers.includes(m.scheduler.type)) issues.push(`scheduler.samplers: must include the default sampler "${m.scheduler.type}"`);
  if (samplers.includes('lcm') && !m.scheduler.lcm) issues.push('scheduler.lcm: required (originalInferenceSteps, timestepScaling) when the pack offers the "lcm" sampler');
  if (m.tokenizer.kind === 'clip-bpe') {
    for (const key of ['bosTokenId', 'eosTokenId', 'padTokenId'] as const) {
      if (m.tokenizer[key] === undefined) issues.push(`tokenizer.${key}: required for a "clip-bpe" tokenizer`);
    }
  }
  if (m.conditioning.mode === 'trained-blob') {
    for (const role of ['attentionMask', 'blobParams', 'segmentKind'] as const) {
      if (!m.textEncoder.inputs[role]) issues.push(`textEncoder.inputs.${role}: required in "trained-blob" mode (the encoder embeds blob parameters)`);
    }
  }
  if ((m.unet.timestepCondInput === undefined) !== (m.unet.timestepCondDim === undefined)) issues.push('unet.timestepCondInput and unet.timestepCondDim: give both or neither');
  // Every tensor a segment reads must be a UNet input or produced earlier (a segment or a site).
  const known = new Set([m.unet.sampleInput, m.unet.timestepInput, ...(m.unet.timestepCondInput ? [m.unet.timestepCondInput] : [])]);
  m.unet.segments.forEach((segment, i) => {
    for (const input of segment.inputs) if (!known.has(input)) issues.push(`unet.segments[${i}].inputs: "${input}" is neither a UNet input nor produced by an earlier segment or attention site`);
    for (const output of segment.outputs) known.add(output);
    const site = m.unet.sites[i];
    if (site) {
      if (!segment.outputs.includes(site.query)) issues.push(`unet.sites[${i}].query: "${site.query}" is not an output of segment ${i}`);
      if (!m.prelude.outputs.includes(site.key) || !m.prelude.outputs.includes(site.value)) issues.push(`unet.sites[${i}]: key "${site.key}" and value "${site.value}" must be prelude outputs`);
      known.add(site.output);
    }
  });
  if (!known.has(m.unet.output)) issues.push(`unet.output: "${m.unet.output}" is not produced by any segment`);
  return issues;
}

export function parseManifest(json: unknown): PackSpec {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
  const m = parsed.data;
  const issues = semanticIssues(m);
  if (issues.length) throw invalid(issues);
  return toPackSpec(m);
}
