/**
 * Browser side of the SD engine benchmark (bench/sdEngine.mjs). On one page, one engine, one
 * GPUDevice, for a training-free (Stable-Diffusion) pack:
 * - per-step time with 0, 4 and 16 blobs, interleaved round by round so machine load hits every
 *   blob count alike: unprofiled per-step wall times (median) and a profiled generation per round
 *   for the split (ORT UNet segments / our attention kernel / CFG+step kernel);
 * - when the manifest lists `unet.monolithic` (role "benchmark", written by
 *   `python -m sdexport --benchmark-monolithic`): that graph (plain MatMul/Softmax attention with
 *   additive biases) timed per forward at the same key counts, on the same ORT backend and device.
 */
import { planGeneration } from '../src/engine/generationPlan';
import type { Blob, LayoutDocument } from '../src/layout/types';
import { rasterizeBlobMasksReference } from '../src/reference/blobMasks';
import { BlobGenEngine } from '../src/runtime/engine/BlobGenEngine';
import { toCpuTensor } from '../src/runtime/engine/tensorBackend';
import { OrtGraph, disposeTensor, type CpuTensor, type OrtBackend } from '../src/runtime/ortGraph';
import { loadPack } from '../src/runtime/pack/loadPack';
import type { PackSpec } from '../src/runtime/pack/packSpec';

const TOKENS = 77; // SD: every segment is one 77-token CLIP encoding, all positions attended

/** K blobs on a 4×4 grid of overlapping ellipses (the first K cells), one description each. */
export function gridLayout(blobCount: number): LayoutDocument {
  const blobs: Blob[] = [];
  for (let k = 0; k < blobCount; k++) {
    const col = k % 4;
    const row = Math.floor(k / 4);
    blobs.push({ id: `b${k}`, cx: 0.125 + col * 0.25, cy: 0.125 + row * 0.25, a: 0.16, b: 0.1, theta: 0.3 * k, description: `a red object number ${k + 1} with stripes` });
  }
  return { caption: 'a photo of a room with many things in it', blobs };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface BlobRow {
  blobs: number;
  keysPerItem: number;
  stepMsMedian: number;
  stepMsAll: number[];
  profiled: { stepMs: number; unetSegmentsMs: number; attentionMs: number; stepKernelMs: number; masksMs: number; textMs: number };
  monolithicForwardMs?: number;
  monolithicForwardAll?: number[];
}

/** Feeds for the monolithic graph: CFG batch 2, keys per item = (1 + K)·77, bias per resolution. */
function monolithicFeeds(spec: PackSpec, layout: LayoutDocument, condWidth: number): Record<string, CpuTensor> {
  const mono = spec.monolithic;
  if (!mono) throw new Error('no monolithic graph');
  const plan = planGeneration(layout, { negativeCaption: '', classifierFreeGuidance: true });
  const slots = Math.max(...plan.items.map((entries) => entries.length));
  const N = slots * TOKENS;
  // Text values do not change the MatMul/Softmax work; a fixed pseudo-random fill stands in for
  // the CLIP encodings (the shapes and key counts are the engine's).
  const cond = new Float32Array(2 * N * condWidth);
  for (let i = 0; i < cond.length; i++) cond[i] = Math.sin(i * 12.9898) * 0.5;
  const feeds: Record<string, CpuTensor> = {};
  for (const [res, name] of Object.entries(mono.biasByResolution)) {
    const r = Number(res);
    const masks = rasterizeBlobMasksReference(plan.maskBlobs, r, r, { mode: spec.conditioning.maskMode, featherWidth: spec.conditioning.featherWidth });
    const bias = new Float32Array(2 * r * r * N).fill(-Infinity); // padding keys and masked-out keys
    plan.items.forEach((entries, n) =>
      entries.forEach((e, slot) => {
        for (let j = 0; j < r * r; j++) {
          const w = e.mask < 0 ? 1 : (masks[e.mask * r * r + j] ?? 0);
          bias.fill(Math.log(w), (n * r * r + j) * N + slot * TOKENS, (n * r * r + j) * N + (slot + 1) * TOKENS);
        }
      }),
    );
    feeds[name] = { kind: 'cpu', dataType: 'float32', dims: [2, r * r, N], data: bias };
  }
  const [C, H, W] = spec.latentShape;
  const sample = new Float32Array(2 * C * H * W);
  for (let i = 0; i < sample.length; i++) sample[i] = Math.cos(i * 0.37);
  feeds[mono.sample] = { kind: 'cpu', dataType: 'float32', dims: [2, C, H, W], data: sample };
  feeds[mono.cond] = { kind: 'cpu', dataType: 'float32', dims: [2, N, condWidth], data: cond };
  return feeds;
}

async function timeMonolithic(unet: OrtGraph, spec: PackSpec, layout: LayoutDocument, condWidth: number, forwards: number): Promise<number[]> {
  const mono = spec.monolithic;
  if (!mono) throw new Error('no monolithic graph');
  const feeds = monolithicFeeds(spec, layout, condWidth);
  const times: number[] = [];
  for (let i = 0; i < forwards; i++) {
    feeds[mono.timestep] = { kind: 'cpu', dataType: 'float32', dims: [2], data: new Float32Array([900 - i * 40, 900 - i * 40]) };
    const t0 = performance.now();
    const out = await unet.run(feeds);
    const result = await toCpuTensor(out[mono.output] as NonNullable<(typeof out)[string]>); // the sync a sampler needs
    times.push(performance.now() - t0);
    if (!Number.isFinite(result.data[0] as number)) throw new Error(`monolithic UNet output is not finite (${String(result.data[0])})`);
    for (const t of Object.values(out)) disposeTensor(t);
  }
  return times;
}

async function run(packUrl: string, backendParam: string, steps: number, rounds: number, blobCounts: number[], sampler: string | null) {
  const engine = await BlobGenEngine.load(packUrl, { useCache: false, ortBackend: backendParam as OrtBackend | 'auto' });
  const spec = engine.pack.spec;
  if (spec.conditioning.mode !== 'training-free') throw new Error(`pack ${spec.name} is in "${spec.conditioning.mode}" mode; this benchmark is for training-free (SD) packs`);
  const request = (layout: LayoutDocument, profile: boolean, n = steps) => ({ layout, seed: 7, steps: n, profile, ...(sampler ? { sampler: sampler as never } : {}) });
  const layouts = blobCounts.map(gridLayout);
  // Warm-up: one short generation per blob count (pipeline compiles, ORT first runs).
  for (const layout of layouts) await engine.generate(request(layout, false, 2));
  const unprofiled = blobCounts.map(() => [] as number[]);
  const profiled = blobCounts.map(() => [] as BlobRow['profiled'][]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, layout] of layouts.entries()) {
      const plain = await engine.generate(request(layout, false));
      unprofiled[i]?.push(...plain.timings.stepMs);
      const p = (await engine.generate(request(layout, true))).timings;
      const per = (v: number) => v / p.stepMs.length;
      profiled[i]?.push({ stepMs: median(p.stepMs), unetSegmentsMs: per(p.unetSegmentsMs), attentionMs: per(p.attentionMs), stepKernelMs: per(p.stepKernelMs), masksMs: p.masksMs, textMs: p.textMs });
    }
  }
  const rows: BlobRow[] = blobCounts.map((blobs, i) => {
    const ps = profiled[i] ?? [];
    const pick = (k: keyof BlobRow['profiled']) => median(ps.map((p) => p[k]));
    return {
      blobs,
      keysPerItem: (1 + blobs) * TOKENS,
      stepMsMedian: median(unprofiled[i] ?? []),
      stepMsAll: unprofiled[i] ?? [],
      profiled: { stepMs: pick('stepMs'), unetSegmentsMs: pick('unetSegmentsMs'), attentionMs: pick('attentionMs'), stepKernelMs: pick('stepKernelMs'), masksMs: pick('masksMs'), textMs: pick('textMs') },
    };
  });
  let monolithic: { file: string; forwardsPerCount: number } | null = null;
  if (spec.monolithic) {
    const withMono = await loadPack(packUrl, { includeMonolithic: true, useCache: false });
    const mono = withMono.spec.monolithic;
    const bytes = mono ? withMono.files.get(mono.file) : undefined;
    if (!mono || !bytes) throw new Error('the monolithic graph did not load');
    const unet = await OrtGraph.create(bytes, engine.gpu.device, 'monolithic UNet', engine.backend);
    const manifest = (await (await fetch(`${withMono.baseUrl}manifest.json`)).json()) as { textEncoder?: { outputShape?: unknown[] } };
    const condWidth = Number(manifest.textEncoder?.outputShape?.[2]);
    if (!Number.isFinite(condWidth)) throw new Error('cannot tell the text width (textEncoder.outputShape[2])');
    const forwards = steps + 1;
    for (const [i, layout] of layouts.entries()) {
      const times = await timeMonolithic(unet, spec, layout, condWidth, forwards);
      const row = rows[i] as BlobRow;
      row.monolithicForwardAll = times;
      row.monolithicForwardMs = median(times.slice(1)); // the first forward at a new key count re-plans kernels
    }
    await unet.release();
    monolithic = { file: mono.file, forwardsPerCount: forwards };
  }
  const result = {
    pack: spec.name,
    adapter: engine.gpu.description,
    softwareAdapter: engine.gpu.isSoftware,
    ortBackend: engine.backend,
    sites: spec.unet.sites.map((s) => `${s.height}x${s.width} h${s.heads} d${s.headDim}`),
    steps,
    rounds,
    sampler: sampler ?? spec.scheduler.defaultSampler,
    rows,
    monolithic,
  };
  await engine.dispose();
  return result;
}

const query = new URLSearchParams(location.search);
declare global {
  interface Window {
    __sdEngineBench?: unknown;
  }
}
run(
  query.get('pack') ?? '',
  query.get('backend') ?? 'auto',
  Number(query.get('steps') ?? 4),
  Number(query.get('rounds') ?? 2),
  (query.get('blobs') ?? '0,4,16').split(',').map(Number),
  query.get('sampler'),
).then(
  (r) => (window.__sdEngineBench = r),
  (e: unknown) => (window.__sdEngineBench = { error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) }),
);
