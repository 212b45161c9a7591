/**
 * Browser side of the engine benchmark (bench/engine.mjs). On one page and one GPUDevice:
 * - the segmented engine with `profile: true` (per-step split: ORT segments / our kernels /
 *   orchestration, peak GPU buffer bytes, wall time of a default generation);
 * - the same UNet as the pack's monolithic graph (masked attention inside, additive biases),
 *   timed per forward on the same ORT backend, for the segmented/monolithic ratio.
 */
import { planGeneration } from '../src/engine/generationPlan';
import { SegmentTokenizer } from '../src/engine/segmentTokens';
import { textEncoderFeeds } from '../src/runtime/engine/textConditioning';
import { initialLatent } from '../src/engine/rng';
import { rasterizeBlobMasksReference } from '../src/reference/blobMasks';
import type { LayoutDocument } from '../src/layout/types';
import { BlobGenEngine } from '../src/runtime/engine/BlobGenEngine';
import { toCpuTensor } from '../src/runtime/engine/tensorBackend';
import { OrtGraph, disposeTensor, type CpuTensor, type OrtBackend } from '../src/runtime/ortGraph';
import { loadPack } from '../src/runtime/pack/loadPack';

export const BENCH_LAYOUT: LayoutDocument = {
  caption: 'green ground under a blue sky',
  blobs: [
    { id: 'a', cx: 0.3, cy: 0.35, a: 0.2, b: 0.12, theta: 0.6, description: 'a yellow and black striped shape' },
    { id: 'b', cx: 0.62, cy: 0.6, a: 0.22, b: 0.15, theta: -0.4, description: 'a white object with red dots' },
    { id: 'c', cx: 0.5, cy: 0.48, a: 0.12, b: 0.1, theta: 1.2, description: 'a plain purple oval' },
  ],
};

async function monolithicPerForwardMs(packUrl: string, backend: OrtBackend, device: GPUDevice, forwards: number): Promise<number> {
  const pack = await loadPack(packUrl, { includeMonolithic: true, useCache: false });
  const spec = pack.spec;
  const mono = spec.monolithic;
  if (!mono) throw new Error('the pack has no monolithic benchmark graph');
  const file = (p: string) => pack.files.get(p) ?? new Uint8Array();
  const te = await OrtGraph.create(file(spec.textEncoder.file), device, 'text encoder', backend);
  const unet = await OrtGraph.create(file(mono.file), device, 'monolithic UNet', backend);
  const tokenizer = new SegmentTokenizer(JSON.parse(new TextDecoder().decode(file(spec.tokenizer.file))) as object, spec.tokenizer.maxTokensPerSegment);
  const plan = planGeneration(BENCH_LAYOUT);
  const tokens = tokenizer.encodeSegments(plan.segments.map((s) => s.text));
  const S = tokens.segmentCount;
  const L = tokens.maxTokens;
  const encoded = await te.run(textEncoderFeeds(spec, tokens, plan));
  const condAll = (await toCpuTensor(encoded[spec.textEncoder.output] as NonNullable<(typeof encoded)[string]>)).data as Float32Array;
  const D = condAll.length / (S * L);
  // Keys per item: the item's segments slot-major, padded to the longer item (S − 1 slots).
  const slots = S - 1;
  const N = slots * L;
  const cond = new Float32Array(2 * N * D);
  plan.items.forEach((entries, n) => entries.forEach((e, slot) => cond.set(condAll.subarray(e.segment * L * D, (e.segment + 1) * L * D), (n * N + slot * L) * D)));
  const feeds: Record<string, CpuTensor> = {};
  for (const [res, name] of Object.entries(mono.biasByResolution)) {
    const r = Number(res);
    const masks = rasterizeBlobMasksReference(plan.maskBlobs, r, r, { mode: spec.conditioning.maskMode, featherWidth: spec.conditioning.featherWidth });
    const bias = new Float32Array(2 * r * r * N).fill(-Infinity);
    plan.items.forEach((entries, n) =>
      entries.forEach((e, slot) => {
        for (let j = 0; j < r * r; j++) {
          const w = e.mask < 0 ? 1 : (masks[e.mask * r * r + j] ?? 0);
          for (let t = 0; t < (tokens.tokenCounts[e.segment] ?? 0); t++) bias[(n * r * r + j) * N + slot * L + t] = Math.log(w);
        }
      }),
    );
    feeds[name] = { kind: 'cpu', dataType: 'float32', dims: [2, r * r, N], data: bias };
  }
  const [C, H, W] = spec.latentShape;
  const noise = initialLatent(1, [1, C, H, W]);
  const sample = new Float32Array(2 * noise.length);
  sample.set(noise, 0);
  sample.set(noise, noise.length);
  feeds[mono.sample] = { kind: 'cpu', dataType: 'float32', dims: [2, C, H, W], data: sample };
  feeds[mono.cond] = { kind: 'cpu', dataType: 'float32', dims: [2, N, D], data: cond };
  const times: number[] = [];
  for (let i = 0; i <= forwards; i++) {
    feeds[mono.timestep] = { kind: 'cpu', dataType: 'float32', dims: [2], data: new Float32Array([999 - i * 50, 999 - i * 50]) };
    const t0 = performance.now();
    const out = await unet.run(feeds);
    await toCpuTensor(out[mono.output] as NonNullable<(typeof out)[string]>); // include the sync a sampler needs
    if (i > 0) times.push(performance.now() - t0); // the first forward compiles kernels
    for (const t of Object.values(out)) disposeTensor(t);
  }
  for (const t of Object.values(encoded)) disposeTensor(t);
  await te.release();
  await unet.release();
  return times.reduce((a, b) => a + b, 0) / times.length;
}

async function run(packUrl: string, backendParam: string, steps: number) {
  const engine = await BlobGenEngine.load(packUrl, { useCache: false, ortBackend: backendParam as OrtBackend | 'auto' });
  const backend = engine.backend;
  const cold = await engine.generate({ layout: BENCH_LAYOUT, seed: 1, steps });
  const warm = await engine.generate({ layout: BENCH_LAYOUT, seed: 1, steps });
  const profiled = await engine.generate({ layout: BENCH_LAYOUT, seed: 1, steps, profile: true });
  const t = profiled.timings;
  const perStep = (v: number) => v / t.stepMs.length;
  const stepWall = perStep(t.stepMs.reduce((a, b) => a + b, 0));
  const segmentsMs = perStep(t.unetSegmentsMs);
  const kernelsMs = perStep(t.attentionMs + t.stepKernelMs);
  const monoMs = await monolithicPerForwardMs(packUrl, backend, engine.gpu.device, Math.min(steps, 10));
  const result = {
    adapter: engine.gpu.description,
    softwareAdapter: engine.gpu.isSoftware,
    ortBackend: backend,
    steps,
    coldGenerationMs: cold.timings.totalMs,
    warmGenerationMs: warm.timings.totalMs,
    profiledStepMs: { wall: stepWall, ortSegments: segmentsMs, ourKernels: kernelsMs, orchestration: stepWall - segmentsMs - kernelsMs, attention: perStep(t.attentionMs), cfgStep: perStep(t.stepKernelMs) },
    stagesMs: { text: t.textMs, masks: t.masksMs, decode: t.decodeMs },
    monolithicForwardMs: monoMs,
    segmentedOverMonolithic: stepWall / monoMs,
    peakGpuBytes: warm.peakGpuBytes,
  };
  await engine.dispose();
  return result;
}

const query = new URLSearchParams(location.search);
declare global {
  interface Window {
    __engineBench?: unknown;
  }
}
run(query.get('pack') ?? '/models/blobgen-tiny-shapes/', query.get('backend') ?? 'auto', Number(query.get('steps') ?? 20)).then(
  (r) => (window.__engineBench = r),
  (e: unknown) => (window.__engineBench = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
);
