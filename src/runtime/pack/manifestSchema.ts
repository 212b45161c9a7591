/**
 * The manifest.json schema (docs/model-pack.md) in zod, and its mapping to PackSpec.
 * Every error names the JSON path that is wrong, e.g. `unet.sites[2].headDim: expected number`.
 */
import { z } from 'zod';
import { InvalidManifestError } from '../errors';
import type { PackSpec } from './packSpec';

const name = z.string().min(1);
const sha256 = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (SHA-256)');
const positiveInt = z.number().int().positive();

const graph = z.object({
  file: name,
  inputs: z.array(name).min(1),
  outputs: z.array(name).min(1),
});

const site = z.object({
  resolution: z.tuple([positiveInt, positiveInt]).optional(),
  height: positiveInt.optional(),
  width: positiveInt.optional(),
  heads: positiveInt,
  headDim: positiveInt,
  query: name,
  result: name,
  key: name,
  value: name,
});

export const manifestSchema = z.object({
  format: z.literal('blobgen-model-pack').optional(),
  formatVersion: z.literal(1).optional(),
  name,
  version: z.string().min(1),
  description: z.string().default(''),
  license: z.string().default('unspecified'),
  image: z.object({ width: positiveInt, height: positiveInt }),
  latent: z.object({ shape: z.tuple([positiveInt, positiveInt, positiveInt]) }),
  tokenizer: z.object({ file: name, maxTokensPerSegment: positiveInt }),
  conditioning: z.object({
    mode: z.enum(['trained-blob', 'training-free']),
    maskMode: z.enum(['coverage', 'hard', 'feather']),
    featherWidth: z.number().positive().optional(),
  }),
  textEncoder: graph.extend({
    ids: name,
    attentionMask: name,
    blobParams: name,
    segmentKind: name,
    output: name,
    dataTypes: z
      .object({
        ids: z.enum(['int64', 'int32', 'float32']).default('int64'),
        attentionMask: z.enum(['int64', 'int32', 'float32']).default('float32'),
        blobParams: z.literal('float32').default('float32'),
        segmentKind: z.enum(['int64', 'int32', 'float32']).default('float32'),
      })
      .default({ ids: 'int64', attentionMask: 'float32', blobParams: 'float32', segmentKind: 'float32' }),
  }),
  prelude: graph.extend({ input: name }),
  unet: z.object({
    sampleInput: name,
    timestepInput: name,
    output: name,
    segments: z.array(graph).min(1),
    sites: z.array(site),
  }),
  decoder: graph.extend({ input: name, output: name }).optional(),
  monolithic: graph.optional(),
  scheduler: z.object({
    trainTimesteps: positiveInt,
    betaSchedule: z.enum(['linear', 'scaled_linear', 'squaredcos_cap_v2']),
    betaStart: z.number().positive().optional(),
    betaEnd: z.number().positive().optional(),
    predictionType: z.enum(['epsilon', 'v_prediction', 'sample']),
    timestepSpacing: z.enum(['leading', 'trailing', 'linspace']),
    stepsOffset: z.number().int().nonnegative().optional(),
    clipSample: z.boolean().optional(),
    clipSampleRange: z.number().positive().optional(),
    setAlphaToOne: z.boolean().optional(),
    defaultSteps: positiveInt,
    defaultGuidance: z.number(),
    defaultSampler: z.enum(['ddim', 'dpmpp-2m']).default('ddim'),
  }),
  colours: z.record(z.string(), z.tuple([z.number(), z.number(), z.number()])).optional(),
  precision: z.enum(['fp32', 'fp16']).default('fp32'),
  files: z.array(z.object({ path: name, bytes: z.number().int().nonnegative(), sha256 })).min(1),
});

export type ModelPackManifest = z.infer<typeof manifestSchema>;

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
    return `${path || '(root)'}: ${issue.message}`;
  });
}

export function parseManifest(json: unknown): PackSpec {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    throw new InvalidManifestError(`The model pack manifest is invalid:\n${issues.slice(0, 20).join('\n')}`, issues);
  }
  const m = parsed.data;
  const sites = m.unet.sites.map((s, i) => {
    const height = s.height ?? s.resolution?.[0];
    const width = s.width ?? s.resolution?.[1];
    if (!height || !width) throw new InvalidManifestError(`unet.sites[${i}]: needs height and width (or resolution [h, w])`);
    return { height, width, heads: s.heads, headDim: s.headDim, query: s.query, result: s.result, key: s.key, value: s.value };
  });
  if (m.unet.segments.length !== sites.length + 1) {
    throw new InvalidManifestError(`unet.segments: a UNet cut at ${sites.length} attention sites needs ${sites.length + 1} segments, got ${m.unet.segments.length}`);
  }
  return {
    name: m.name,
    version: m.version,
    description: m.description,
    license: m.license,
    image: m.image,
    latentShape: m.latent.shape,
    tokenizer: m.tokenizer,
    conditioning: m.conditioning,
    textEncoder: m.textEncoder,
    prelude: m.prelude,
    unet: { ...m.unet, sites },
    ...(m.decoder ? { decoder: m.decoder } : {}),
    ...(m.monolithic ? { monolithic: m.monolithic } : {}),
    scheduler: m.scheduler,
    ...(m.colours ? { colours: m.colours } : {}),
    requiresShaderF16: m.precision === 'fp16',
    files: m.files.map((f) => ({ ...f, sha256: f.sha256.toLowerCase() })),
  };
}
