/**
 * manifest.json of a model pack (docs/model-pack.md; written by training/blobgen/manifest.py) as
 * a zod schema, mapped to the engine's PackSpec. Unknown fields are allowed (forward-compatible
 * packs); every error names the JSON path, e.g. `unet.sites[2].headDim: expected number`.
 */
import { z } from 'zod';
import { InvalidManifestError } from '../errors';
import type { InputDataType, PackSpec } from './packSpec';

const name = z.string().min(1);
const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (SHA-256)');
const positiveInt = z.number().int().positive();
/** "int64[S,L]" → "int64": the element type in front of the shape. */
const typedShape = z.string().regex(/^(int64|int32|float32|float16)\[/, 'must look like "float32[S,L]"');

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
    scale: z.literal(1, { error: 'latent scales other than 1 are not supported by this engine version' }).default(1),
  }),
  tokenizer: z.object({ file: name, maxTokensPerSegment: positiveInt }),
  conditioning: z.object({
    mode: z.enum(['trained-blob', 'training-free']),
    maskMode: z.enum(['coverage', 'hard', 'feather']),
    featherWidth: z.number().positive().nullable().optional(),
    maxBlobs: positiveInt.optional(),
    unconditionalCaption: z.literal('', { error: 'the unconditional caption must be "" (contracts.md §4)' }).default(''),
  }),
  textEncoder: z.object({
    file: name,
    inputs: z.object({ inputIds: name, attentionMask: name, blobParams: name, segmentKind: name }),
    inputTypes: z.record(z.string(), typedShape).default({}),
    output: name,
  }),
  prelude: z.object({ file: name, input: name, outputs: z.array(name).min(1) }),
  unet: z.object({
    sampleInput: name,
    timestepInput: name,
    output: name,
    segments: z.array(z.object({ file: name, inputs: z.array(name).min(1), outputs: z.array(name).min(1) })).min(1),
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
      input: name,
      output: name,
      outputLayout: z.literal('NHWC').default('NHWC'),
      outputChannels: z.literal('RGBA').default('RGBA'),
      outputRange: z.tuple([z.literal(0), z.literal(1)]).default([0, 1]),
    })
    .optional(),
  scheduler: z.object({
    type: z.enum(['ddim', 'dpmpp-2m']).default('ddim'),
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

function dataTypeOf(types: Record<string, string>, input: string, fallback: InputDataType): InputDataType {
  const declared = types[input]?.split('[')[0];
  return declared === 'int64' || declared === 'int32' || declared === 'float32' ? declared : fallback;
}

/** Validates manifest JSON and maps it to the engine's PackSpec; throws InvalidManifestError. */
export function parseManifest(json: unknown): PackSpec {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
  const m = parsed.data;
  const issues: string[] = [];
  if (m.unet.segments.length !== m.unet.sites.length + 1) {
    issues.push(`unet.segments: a UNet cut at ${m.unet.sites.length} attention sites needs ${m.unet.sites.length + 1} segments, got ${m.unet.segments.length}`);
  }
  if (m.conditioning.maskMode === 'feather' && !m.conditioning.featherWidth) issues.push('conditioning.featherWidth: required (> 0) when maskMode is "feather"');
  const variant = m.precision.variants[m.precision.default];
  if (!variant) issues.push(`precision.default: "${m.precision.default}" is not one of the variants (${Object.keys(m.precision.variants).join(', ')})`);
  m.unet.sites.forEach((s, i) => {
    if (s.headDim % 4 !== 0) issues.push(`unet.sites[${i}].headDim: must be a multiple of 4 (the attention kernel reads vec4s), got ${s.headDim}`);
  });
  if (issues.length) throw invalid(issues);
  const te = m.textEncoder;
  const types = te.inputTypes;
  const mono = m.unet.monolithic;
  return {
    name: m.name,
    version: m.version,
    description: m.description,
    license: m.license,
    image: m.image,
    latentShape: m.latent.shape,
    tokenizer: m.tokenizer,
    conditioning: {
      mode: m.conditioning.mode,
      maskMode: m.conditioning.maskMode,
      ...(m.conditioning.featherWidth ? { featherWidth: m.conditioning.featherWidth } : {}),
      ...(m.conditioning.maxBlobs ? { maxBlobs: m.conditioning.maxBlobs } : {}),
    },
    textEncoder: {
      file: te.file,
      inputs: [te.inputs.inputIds, te.inputs.attentionMask, te.inputs.blobParams, te.inputs.segmentKind],
      outputs: [te.output],
      ids: te.inputs.inputIds,
      attentionMask: te.inputs.attentionMask,
      blobParams: te.inputs.blobParams,
      segmentKind: te.inputs.segmentKind,
      output: te.output,
      dataTypes: {
        ids: dataTypeOf(types, te.inputs.inputIds, 'int64'),
        attentionMask: dataTypeOf(types, te.inputs.attentionMask, 'float32'),
        blobParams: 'float32',
        segmentKind: dataTypeOf(types, te.inputs.segmentKind, 'float32'),
      },
    },
    prelude: { file: m.prelude.file, inputs: [m.prelude.input], outputs: m.prelude.outputs, input: m.prelude.input },
    unet: {
      sampleInput: m.unet.sampleInput,
      timestepInput: m.unet.timestepInput,
      output: m.unet.output,
      segments: m.unet.segments,
      sites: m.unet.sites.map((s) => ({ height: s.resolution[0], width: s.resolution[1], heads: s.heads, headDim: s.headDim, query: s.query, result: s.output, key: s.key, value: s.value })),
    },
    ...(m.decoder ? { decoder: { file: m.decoder.file, inputs: [m.decoder.input], outputs: [m.decoder.output], input: m.decoder.input, output: m.decoder.output } } : {}),
    ...(mono
      ? {
          monolithic: {
            file: mono.file,
            inputs: [mono.inputs.sample, mono.inputs.timestep, mono.inputs.cond, ...Object.values(mono.inputs.biasByResolution)],
            outputs: [mono.output],
            sample: mono.inputs.sample,
            timestep: mono.inputs.timestep,
            cond: mono.inputs.cond,
            biasByResolution: mono.inputs.biasByResolution,
            output: mono.output,
          },
        }
      : {}),
    scheduler: {
      trainTimesteps: m.scheduler.numTrainTimesteps,
      betaSchedule: m.scheduler.betaSchedule,
      ...(m.scheduler.betaStart !== undefined ? { betaStart: m.scheduler.betaStart } : {}),
      ...(m.scheduler.betaEnd !== undefined ? { betaEnd: m.scheduler.betaEnd } : {}),
      predictionType: m.scheduler.predictionType,
      timestepSpacing: m.scheduler.timestepSpacing,
      ...(m.scheduler.stepsOffset !== undefined ? { stepsOffset: m.scheduler.stepsOffset } : {}),
      ...(m.scheduler.setAlphaToOne !== undefined ? { setAlphaToOne: m.scheduler.setAlphaToOne } : {}),
      ...(m.scheduler.clipSample !== undefined ? { clipSample: m.scheduler.clipSample } : {}),
      ...(m.scheduler.clipSampleRange !== undefined ? { clipSampleRange: m.scheduler.clipSampleRange } : {}),
      defaultSteps: m.scheduler.defaultSteps,
      defaultGuidance: m.scheduler.defaultGuidance,
      defaultSampler: m.scheduler.type,
    },
    ...(m.domain?.colors ? { colours: Object.fromEntries(m.domain.colors.map((c) => [c.name, c.rgb])) } : {}),
    requiresShaderF16: variant?.requiresShaderF16 ?? false,
    goldens: { masks: m.goldens?.masks, rng: m.goldens?.rng, runs: m.goldens?.runs ?? [] },
    files: m.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256.toLowerCase() })),
  };
}
