import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InvalidManifestError } from '../errors';
import { parseManifest } from './manifestSchema';

// A manifest as training/blobgen/manifest.py writes it (trimmed to one site for readability).
const hash = 'ab'.repeat(32);
function manifest(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'tiny',
    version: '1.0.0',
    license: 'MIT',
    description: 'd',
    domain: { colors: [{ name: 'red', rgb: [220, 30, 30] }], maxBlobs: 6 },
    image: { width: 64, height: 64 },
    latent: { shape: [12, 32, 32], scale: 1.0 },
    tokenizer: { file: 'tokenizer.json', maxTokensPerSegment: 16 },
    conditioning: { mode: 'trained-blob', maskMode: 'coverage', featherWidth: null, maxBlobs: 6, unconditionalCaption: '' },
    textEncoder: {
      file: 'te.onnx',
      inputs: { inputIds: 'input_ids', attentionMask: 'attention_mask', blobParams: 'blob_params', segmentKind: 'segment_kind' },
      inputTypes: { input_ids: 'int64[S,L]', attention_mask: 'float32[S,L]', blob_params: 'float32[S,5]', segment_kind: 'float32[S]' },
      output: 'cond',
    },
    prelude: { file: 'prelude.onnx', input: 'cond', outputs: ['site0_k', 'site0_v'] },
    unet: {
      sampleInput: 'sample',
      timestepInput: 'timestep',
      output: 'model_output',
      segments: [
        { file: 's0.onnx', inputs: ['sample', 'timestep'], outputs: ['site0_q', 'carry_x'] },
        { file: 's1.onnx', inputs: ['carry_x', 'site0_attn'], outputs: ['model_output'] },
      ],
      sites: [{ index: 0, resolution: [32, 32], heads: 1, headDim: 32, query: 'site0_q', output: 'site0_attn', key: 'site0_k', value: 'site0_v' }],
    },
    decoder: { file: 'decoder.onnx', input: 'latent', output: 'image', outputLayout: 'NHWC', outputChannels: 'RGBA', outputRange: [0, 1] },
    scheduler: { type: 'ddim', numTrainTimesteps: 1000, betaSchedule: 'squaredcos_cap_v2', predictionType: 'v_prediction', timestepSpacing: 'trailing', setAlphaToOne: true, clipSample: true, clipSampleRange: 1.0, eta: 0.0, defaultSteps: 20, defaultGuidance: 3.0 },
    precision: { default: 'fp32', variants: { fp32: { requiresShaderF16: false } } },
    files: ['tokenizer.json', 'te.onnx', 'prelude.onnx', 's0.onnx', 's1.onnx', 'decoder.onnx'].map((path) => ({ path, bytes: 10, sha256: hash, role: 'x' })),
  };
}

function issuesOf(json: unknown): string[] {
  try {
    parseManifest(json);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidManifestError);
    return (error as InvalidManifestError).issues as string[];
  }
  throw new Error('expected the manifest to be rejected');
}

describe('parseManifest', () => {
  it('maps a valid manifest to the engine spec', () => {
    const spec = parseManifest(manifest());
    expect(spec.unet.sites[0]).toEqual({ height: 32, width: 32, heads: 1, headDim: 32, query: 'site0_q', result: 'site0_attn', key: 'site0_k', value: 'site0_v' });
    expect(spec.textEncoder.dataTypes).toEqual({ ids: 'int64', attentionMask: 'float32', blobParams: 'float32', segmentKind: 'float32' });
    expect(spec.scheduler).toMatchObject({ trainTimesteps: 1000, predictionType: 'v_prediction', defaultSampler: 'ddim', clipSample: true });
    expect(spec.colours).toEqual({ red: [220, 30, 30] });
    expect(spec.requiresShaderF16).toBe(false);
  });

  it('reports path-qualified problems', () => {
    const m = manifest();
    const [site] = (m.unet as { sites: { headDim: unknown }[] }).sites;
    if (site) site.headDim = 'wide';
    delete (m as { image?: unknown }).image;
    const file = (m.files as { sha256: string }[])[2];
    if (file) file.sha256 = 'xyz';
    const issues = issuesOf(m);
    expect(issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^unet\.sites\[0\]\.headDim: /), expect.stringMatching(/^image: /), expect.stringMatching(/^files\[2\]\.sha256: must be 64 hex digits/)]),
    );
  });

  it('checks cross-field rules: segment count, head dim, newer schema, f16 variant', () => {
    const m = manifest();
    (m.unet as { segments: unknown[] }).segments.pop();
    expect(issuesOf(m)).toEqual(expect.arrayContaining([expect.stringMatching(/^unet\.segments: .* needs 2 segments, got 1/)]));
    expect(issuesOf({ ...manifest(), schemaVersion: 2 })).toEqual([expect.stringMatching(/^schemaVersion: .*schemaVersion 1/)]);
    const f16 = parseManifest({ ...manifest(), precision: { default: 'fp16', variants: { fp16: { requiresShaderF16: true } } } });
    expect(f16.requiresShaderF16).toBe(true);
  });

  const shipped = fileURLToPath(new URL('../../../public/models/blobgen-tiny-shapes/manifest.json', import.meta.url));
  it('accepts the shipped default pack manifest', () => {
    expect(parseManifest(JSON.parse(readFileSync(shipped, 'utf8'))).name).toBe('blobgen-tiny-shapes');
  });
});
