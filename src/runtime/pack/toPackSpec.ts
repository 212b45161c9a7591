/**
 * A validated manifest (manifestSchema.ts) mapped to the engine's PackSpec: names, graph I/O,
 * precision variants and scheduler settings in the shape the runtime reads. No checks here: the
 * schema and its semantic rules ran first.
 */
import { isSamplerName } from '../../engine/samplingSettings';
import { SAMPLER_NAMES, type SamplerName } from '../../engine/schedulers/samplers';
import type { SegmentFraming } from '../../engine/segmentTokens';
import type { ModelPackManifest } from './manifestSchema';
import type { InputDataType, PackSpec } from './packSpec';

function dataTypeOf(types: Record<string, string>, input: string, fallback: InputDataType): InputDataType {
  const declared = types[input]?.split('[')[0];
  return declared === 'int64' || declared === 'int32' || declared === 'float32' ? declared : fallback;
}

function framingOf(t: ModelPackManifest['tokenizer']): SegmentFraming {
  return t.kind === 'clip-bpe' ? { kind: 'clip', bosTokenId: t.bosTokenId ?? 0, eosTokenId: t.eosTokenId ?? 0, padTokenId: t.padTokenId ?? 0 } : { kind: 'cls' };
}

/** file → fp16 (or other variant) file, over every graph entry that names one. */
function variantFiles(m: ModelPackManifest, variant: string): Record<string, string> {
  const graphs = [m.textEncoder, m.prelude, ...m.unet.segments, ...(m.decoder ? [m.decoder] : []), ...(m.previewDecoder ? [m.previewDecoder] : [])];
  const files: Record<string, string> = {};
  for (const g of graphs) {
    const file = g.variants?.[variant];
    if (file) files[g.file] = file;
  }
  return files;
}

/** A graph entry's file and external data, as the engine's GraphSpec starts. */
function io(g: { file: string; externalData?: string[] | undefined }) {
  return { file: g.file, ...(g.externalData ? { externalData: g.externalData } : {}) };
}

function textEncoderSpec(m: ModelPackManifest): PackSpec['textEncoder'] {
  const te = m.textEncoder;
  const types = te.inputTypes;
  const teInputs = [te.inputs.inputIds, te.inputs.attentionMask, te.inputs.blobParams, te.inputs.segmentKind].filter((n): n is string => n !== undefined);
  return {
    ...io(te),
    inputs: teInputs,
    outputs: [te.output],
    ids: te.inputs.inputIds,
    ...(te.inputs.attentionMask ? { attentionMask: te.inputs.attentionMask } : {}),
    ...(te.inputs.blobParams ? { blobParams: te.inputs.blobParams } : {}),
    ...(te.inputs.segmentKind ? { segmentKind: te.inputs.segmentKind } : {}),
    output: te.output,
    dataTypes: {
      ids: dataTypeOf(types, te.inputs.inputIds, 'int64'),
      attentionMask: te.inputs.attentionMask ? dataTypeOf(types, te.inputs.attentionMask, 'float32') : 'float32',
      blobParams: 'float32',
      segmentKind: te.inputs.segmentKind ? dataTypeOf(types, te.inputs.segmentKind, 'float32') : 'float32',
    },
  };
}

function schedulerSpec(m: ModelPackManifest): PackSpec['scheduler'] {
  // A manifest that lists no samplers (packs from before the list existed) offers every sampler
  // that needs no distilled model, i.e. all but LCM.
  const samplers = m.scheduler.samplers ? m.scheduler.samplers.filter(isSamplerName) : SAMPLER_NAMES.filter((v) => v !== 'lcm');
  const defaultSampler = m.scheduler.type as SamplerName; // checked by semanticIssues
  return {
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
    defaultSampler,
    samplers: [defaultSampler, ...samplers.filter((v) => v !== defaultSampler)],
    ...(m.scheduler.lcm ? { lcm: m.scheduler.lcm } : {}),
  };
}

/** Validates manifest JSON and maps it to the engine's PackSpec; throws InvalidManifestError. */
export function toPackSpec(m: ModelPackManifest): PackSpec {
  const mono = m.unet.monolithic;
  return {
    name: m.name,
    version: m.version,
    description: m.description,
    license: m.license,
    image: m.image,
    latentShape: m.latent.shape,
    latentScale: m.latent.scale,
    tokenizer: { file: m.tokenizer.file, maxTokensPerSegment: m.tokenizer.maxTokensPerSegment, framing: framingOf(m.tokenizer) },
    conditioning: {
      mode: m.conditioning.mode,
      maskMode: m.conditioning.maskMode,
      ...(m.conditioning.featherWidth ? { featherWidth: m.conditioning.featherWidth } : {}),
      ...(m.conditioning.maxBlobs ? { maxBlobs: m.conditioning.maxBlobs } : {}),
      classifierFreeGuidance: m.conditioning.classifierFreeGuidance,
      negativeCaption: m.conditioning.negativeCaption,
    },
    textEncoder: textEncoderSpec(m),
    prelude: { ...io(m.prelude), inputs: [m.prelude.input], outputs: m.prelude.outputs, input: m.prelude.input },
    unet: {
      sampleInput: m.unet.sampleInput,
      timestepInput: m.unet.timestepInput,
      ...(m.unet.timestepCondInput && m.unet.timestepCondDim ? { timestepCond: { input: m.unet.timestepCondInput, dim: m.unet.timestepCondDim } } : {}),
      output: m.unet.output,
      segments: m.unet.segments.map((s) => ({ ...io(s), inputs: s.inputs, outputs: s.outputs })),
      sites: m.unet.sites.map((s) => ({ height: s.resolution[0], width: s.resolution[1], heads: s.heads, headDim: s.headDim, query: s.query, result: s.output, key: s.key, value: s.value })),
    },
    ...(m.decoder ? { decoder: { ...io(m.decoder), inputs: [m.decoder.input], outputs: [m.decoder.output], input: m.decoder.input, output: m.decoder.output } } : {}),
    ...(m.previewDecoder ? { previewDecoder: { ...io(m.previewDecoder), inputs: [m.previewDecoder.input], outputs: [m.previewDecoder.output], input: m.previewDecoder.input, output: m.previewDecoder.output } } : {}),
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
    scheduler: schedulerSpec(m),
    ...(m.domain?.colors ? { colours: Object.fromEntries(m.domain.colors.map((c) => [c.name, c.rgb])) } : {}),
    ...(m.domain?.summary ? { domainSummary: m.domain.summary } : {}),
    variant: m.precision.default,
    requiresShaderF16: m.precision.variants[m.precision.default]?.requiresShaderF16 ?? false,
    variants: Object.fromEntries(Object.entries(m.precision.variants).map(([v, info]) => [v, { requiresShaderF16: info.requiresShaderF16, files: variantFiles(m, v) }])),
    goldens: { masks: m.goldens?.masks, rng: m.goldens?.rng, runs: m.goldens?.runs ?? [] },
    files: m.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256.toLowerCase() })),
  };
}
