import { describe, expect, it } from 'vitest';
import { InvalidManifestError } from '../errors';
import { parseManifest } from './manifestSchema';
import { largestAttentionBinding, selectVariant } from './selectVariant';

// A training-free (Stable-Diffusion-style) manifest as docs/model-pack.md describes it, trimmed
// to two attention sites; sizes are SD-1.5's so the buffer-limit arithmetic is realistic.
const hash = 'cd'.repeat(32);
function sdManifest(): Record<string, unknown> {
  const graphs = ['te', 'prelude', 's0', 's1', 's2', 'decoder'];
  return {
    schemaVersion: 1,
    name: 'sd15',
    version: '1.0.0',
    image: { width: 512, height: 512 },
    latent: { shape: [4, 64, 64], scale: 0.18215, kind: 'vae' },
    tokenizer: { file: 'tokenizer.json', kind: 'clip-bpe', maxTokensPerSegment: 77, bosTokenId: 49406, eosTokenId: 49407, padTokenId: 49407 },
    conditioning: { mode: 'training-free', maskMode: 'hard', negativeCaption: true, classifierFreeGuidance: true },
    textEncoder: { file: 'te.onnx', variants: { fp16: 'te.fp16.onnx' }, inputs: { inputIds: 'input_ids' }, inputTypes: { input_ids: 'int64[S,77]' }, output: 'cond' },
    prelude: { file: 'prelude.onnx', variants: { fp16: 'prelude.fp16.onnx' }, input: 'cond', outputs: ['site0_k', 'site0_v', 'site1_k', 'site1_v'] },
    unet: {
      sampleInput: 'sample',
      timestepInput: 'timestep',
      output: 'model_output',
      segments: [
        { file: 's0.onnx', variants: { fp16: 's0.fp16.onnx' }, inputs: ['sample', 'timestep'], outputs: ['site0_q', 'carry_a'] },
        { file: 's1.onnx', inputs: ['carry_a', 'site0_attn'], outputs: ['site1_q', 'carry_b'] },
        { file: 's2.onnx', externalData: ['s2.onnx.data'], inputs: ['carry_b', 'site1_attn'], outputs: ['model_output'] },
      ],
      sites: [
        { index: 0, resolution: [64, 64], heads: 8, headDim: 40, query: 'site0_q', output: 'site0_attn', key: 'site0_k', value: 'site0_v' },
        { index: 1, resolution: [8, 8], heads: 8, headDim: 160, query: 'site1_q', output: 'site1_attn', key: 'site1_k', value: 'site1_v' },
      ],
    },
    decoder: { file: 'decoder.onnx', input: 'latent', output: 'image' },
    scheduler: {
      type: 'dpmpp-2m-karras', samplers: ['euler', 'dpmpp-2m-karras', 'ddim'], numTrainTimesteps: 1000, betaSchedule: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012,
      predictionType: 'epsilon', timestepSpacing: 'leading', stepsOffset: 1, defaultSteps: 25, defaultGuidance: 7.5,
    },
    precision: { default: 'fp32', variants: { fp32: { requiresShaderF16: false }, fp16: { requiresShaderF16: true } } },
    files: [...graphs.map((g) => `${g}.onnx`), 'tokenizer.json', 's2.onnx.data'].map((path) => ({ path, bytes: 10, sha256: hash })),
  };
}

function issuesOf(json: unknown): string[] {
  try {
    parseManifest(json);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidManifestError);
    return [...(error as InvalidManifestError).issues];
  }
  throw new Error('expected the manifest to be rejected');
}

// The edits reach into nested JSON, so the manifest is loosely typed here on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;
const edit = (change: (m: LooseJson) => void) => {
  const m = sdManifest();
  change(m);
  return m;
};

describe('training-free manifests', () => {
  it('map CLIP framing, latent scale, external data and the offered samplers', () => {
    const spec = parseManifest(sdManifest());
    expect(spec.tokenizer.framing).toEqual({ kind: 'clip', bosTokenId: 49406, eosTokenId: 49407, padTokenId: 49407 });
    expect(spec.latentScale).toBe(0.18215);
    expect(spec.textEncoder.inputs).toEqual(['input_ids']);
    expect(spec.textEncoder.attentionMask).toBeUndefined();
    expect(spec.unet.segments[2]?.externalData).toEqual(['s2.onnx.data']);
    expect(spec.scheduler.samplers).toEqual(['dpmpp-2m-karras', 'euler', 'ddim']);
    expect(spec.conditioning).toMatchObject({ mode: 'training-free', classifierFreeGuidance: true, negativeCaption: true });
  });

  it('name what the engine lacks: a mode, a sampler, an input role, a pool tensor', () => {
    expect(issuesOf(edit((m) => (m.conditioning.mode = 'regional-lora')))).toEqual([expect.stringMatching(/^conditioning\.mode: this engine runs the conditioning modes "trained-blob" and "training-free"/)]);
    expect(issuesOf(edit((m) => (m.scheduler.samplers = ['euler', 'dpmpp-2m-karras', 'unipc'])))).toEqual([expect.stringMatching(/^scheduler\.samplers\[2\]: this engine has no sampler "unipc" \(it has .*ddim/)]);
    expect(issuesOf(edit((m) => (m.textEncoder.inputs.pooledOutput = 'pooled')))).toEqual([expect.stringMatching(/^textEncoder\.inputs: .*no input role "pooledOutput"/)]);
    expect(issuesOf(edit((m) => m.unet.segments[1].inputs.push('added_cond_kwargs')))).toEqual([expect.stringMatching(/^unet\.segments\[1\]\.inputs: "added_cond_kwargs" is neither a UNet input nor produced/)]);
  });

  it('require CLIP token ids and LCM settings where they are used', () => {
    expect(issuesOf(edit((m) => delete m.tokenizer.padTokenId))).toEqual(['tokenizer.padTokenId: required for a "clip-bpe" tokenizer']);
    expect(issuesOf(edit((m) => (m.scheduler.samplers = ['dpmpp-2m-karras', 'lcm'])))).toEqual([expect.stringMatching(/^scheduler\.lcm: required/)]);
  });
});

const gpu = (over: Partial<Parameters<typeof selectVariant>[1]> = {}) => ({ hasShaderF16: false, maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 30, description: 'test GPU', ...over });

describe('selectVariant', () => {
  const spec = parseManifest(sdManifest());
  it('takes fp16 when the device has shader-f16, swapping only the files that have an fp16 twin', () => {
    const choice = selectVariant(spec, gpu({ hasShaderF16: true }), 10);
    if (!choice.ok) throw new Error(choice.message);
    expect(choice.spec.variant).toBe('fp16');
    expect(choice.spec.textEncoder.file).toBe('te.fp16.onnx');
    expect(choice.spec.unet.segments.map((s) => s.file)).toEqual(['s0.fp16.onnx', 's1.onnx', 's2.onnx']);
  });
  it('falls back to fp32 without shader-f16', () => {
    const choice = selectVariant(spec, gpu(), 10);
    expect(choice.ok && choice.spec.variant).toBe('fp32');
  });
  it('explains why an fp16-only pack cannot run', () => {
    const only16 = parseManifest(edit((m) => (m.precision = { default: 'fp16', variants: { fp16: { requiresShaderF16: true } } })));
    const choice = selectVariant(only16, gpu(), 10);
    expect(choice).toMatchObject({ ok: false, reason: 'shader-f16' });
    expect(!choice.ok && choice.message).toMatch(/only as fp16.*lacks the WebGPU "shader-f16" feature/);
  });
  it('refuses a pack whose attention tensors exceed the buffer limits, with the numbers', () => {
    // Site 0 query: 2 × 64·64 × 320 floats = 10 MiB; K/V for 10 texts: 10 × 77 × 320 floats ≈ 0.94 MiB.
    expect(largestAttentionBinding(spec, 10).bytes).toBe(2 * 64 * 64 * 320 * 4);
    const choice = selectVariant(spec, gpu({ maxStorageBufferBindingSize: 8 * 1024 * 1024 }), 10);
    expect(choice).toMatchObject({ ok: false, reason: 'buffer-limits' });
    expect(!choice.ok && choice.message).toMatch(/needs a 10\.0 MiB GPU buffer for attention site 0's query .* at most 8\.0 MiB per storage buffer/);
  });
});
