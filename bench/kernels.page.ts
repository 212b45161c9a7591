/**
 * Browser side of the kernel benchmark (driven by bench/kernels.mjs): times the fused masked
 * cross-attention kernel against two ONNX baselines run by onnxruntime-web on the SAME GPUDevice
 * (ORT's fused com.microsoft MultiHeadAttention with an attention bias, and the unfused
 * MatMul/Softmax graph), and the blob-mask rasteriser's throughput. Results go to window.__kernelBench.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { BlobMaskRasterizer } from '../src/gpu/masks/BlobMaskRasterizer';
import { MaskedCrossAttention, preferredAttentionVariant, siteMasks, type AttentionVariant } from '../src/gpu/attention/MaskedCrossAttention';
import { rasterizeBlobMasksReference } from '../src/reference/blobMasks';
import { requestGpuDevice } from '../src/gpu/device/gpuDevice';
import { DEFAULT_MODEL_CASES, MASK_CASES, SD_CASE, SD_SITE_CASES, benchBlobs } from './kernels.cases';
import { MHA_ATTENTION_MODELS_BASE64 } from './kernels.mhaModel';
import { NAIVE_ATTENTION_MODEL_BASE64 } from './kernels.naiveModel';

interface AttentionRow {
  name: string;
  naiveMs: number;
  /** ORT's MultiHeadAttention; NaN with mhaError set when ORT refused or failed to run it. */
  mhaMs: number;
  mhaError?: string;
  mhaRatio: number;
  mhaMaxAbsDiff: number;
  fusedMs: Record<AttentionVariant, number>;
  preferred: AttentionVariant;
  ratio: number;
  maxAbsDiff: number;
}
interface MaskRow {
  name: string;
  cells: number;
  ms: number;
  cellsPerSecond: number;
}
declare global {
  interface Window {
    __kernelBench?: { adapter: string; features: string[]; attention: AttentionRow[]; masks: MaskRow[] } | { error: string };
  }
}

const params = new URLSearchParams(location.search);
const log = (line: string) => {
  console.log(line);
  const pre = document.getElementById('log');
  if (pre) pre.textContent += `\n${line}`;
};

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

async function main() {
  const { adapter, device } = await requestGpuDevice({
    timeoutMs: 30_000,
    // The unfused baseline materialises [B, heads, HW, T] scores: 181 MB for the SD shape.
    requiredLimits: { maxStorageBufferBindingSize: 256 << 20, maxBufferSize: 256 << 20 },
  });
  const adapterName = `${adapter.info.vendor} ${adapter.info.architecture} ${adapter.info.description}`.trim();
  log(`adapter: ${adapterName}; preferred attention variant: ${preferredAttentionVariant(device)}`);
  const features = [...device.features].sort();
  log(`device features: ${features.join(', ') || 'none'}`);
  const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  // ?ort-log=0 (kernels.mjs --ort-log): ORT's verbose log (node placement per EP) for every session.
  const ortLog = params.get('ort-log');
  if (ortLog !== null) ort.env.logLevel = 'verbose';
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [{ name: 'webgpu', device }],
    preferredOutputLocation: 'gpu-buffer',
    ...(ortLog !== null ? { logSeverityLevel: Number(ortLog) as 0 | 1 | 2 | 3 | 4, logVerbosityLevel: 0 } : {}),
  };
  const session = await ort.InferenceSession.create(decode(NAIVE_ATTENTION_MODEL_BASE64), sessionOptions);
  // One MultiHeadAttention graph per head count (num_heads is an attribute), created on first use.
  const mhaSessions = new Map<number, Promise<ort.InferenceSession>>();
  const mhaSession = (heads: number) => {
    const model = MHA_ATTENTION_MODELS_BASE64[heads];
    if (!model) throw new Error(`kernels.mhaModel.ts has no MultiHeadAttention graph for ${heads} heads; add it to HEAD_COUNTS in kernels_make_mha_model.py`);
    let created = mhaSessions.get(heads);
    if (!created) mhaSessions.set(heads, (created = ort.InferenceSession.create(decode(model), sessionOptions)));
    return created;
  };

  const upload = (data: Float32Array) => {
    const buffer = device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
    device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  };
  const read = async (buffer: GPUBuffer, bytes: number) => {
    const staging = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const data = new Float32Array(staging.getMappedRange().slice(0));
    staging.destroy();
    return data;
  };
  /**
   * Median wall time of one call including the wait for the GPU, after one warm-up call (skipped
   * for single-iteration cases: the SD shape's unfused run takes minutes on SwiftShader, and
   * shader compilation is negligible next to it). The median, not the mean: CI machines share
   * their 2 cores with training runs.
   */
  const time = async (iterations: number, call: () => Promise<void> | void, warmUp = true) => {
    if (warmUp) {
      await call();
      await device.queue.onSubmittedWorkDone();
    }
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      await call();
      await device.queue.onSubmittedWorkDone();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)] ?? NaN;
  };
  const roundTrip = await time(20, () => device.queue.submit([device.createCommandEncoder().finish()]));
  log(`floor: an empty submit + wait for the GPU takes ${roundTrip.toFixed(2)} ms`);

  const attentionRows: AttentionRow[] = [];
  const cases = params.get('sites') === 'sd' ? SD_SITE_CASES : params.get('sd') === '0' ? DEFAULT_MODEL_CASES : [...DEFAULT_MODEL_CASES, SD_CASE];
  const iterationScale = Number(params.get('iterations') ?? '1');
  for (const c of cases) {
    const iterations = Math.max(1, Math.round(c.iterations * iterationScale));
    const pixels = c.height * c.width;
    const channels = c.heads * c.headDim;
    const segments = 2 + c.blobs; // [uncond caption, caption, blob 1..N]
    const next = random(pixels + channels);
    const fill = (n: number) => Float32Array.from({ length: n }, next);
    const q = fill(c.batch * pixels * channels);
    const k = fill(segments * c.tokens * channels);
    const v = fill(segments * c.tokens * channels);
    const blobs = benchBlobs(c.blobs);
    const items = [[{ segment: 0, mask: -1 }], [{ segment: 1, mask: -1 }, ...blobs.map((_, i) => ({ segment: 2 + i, mask: i }))]].slice(2 - c.batch);

    // Unfused baseline inputs: per item the keys of [caption, blobs] (T = (1+N)·L) plus an additive bias.
    const keysPerItem = (1 + c.blobs) * c.tokens;
    const masks = rasterizeBlobMasksReference(blobs, c.height, c.width, { mode: 'coverage' });
    const kNaive = new Float32Array(c.batch * keysPerItem * channels);
    const vNaive = new Float32Array(c.batch * keysPerItem * channels);
    const bias = new Float32Array(c.batch * pixels * keysPerItem).fill(-1e9);
    items.forEach((entries, n) => {
      entries.forEach(({ segment, mask }, slot) => {
        const source = k.subarray(segment * c.tokens * channels, (segment + 1) * c.tokens * channels);
        kNaive.set(source, (n * keysPerItem + slot * c.tokens) * channels);
        vNaive.set(v.subarray(segment * c.tokens * channels, (segment + 1) * c.tokens * channels), (n * keysPerItem + slot * c.tokens) * channels);
        for (let j = 0; j < pixels; j++) {
          const w = mask < 0 ? 1 : (masks[mask * pixels + j] ?? 0);
          if (w > 0) bias.fill(Math.log(w), (n * pixels + j) * keysPerItem + slot * c.tokens, (n * pixels + j) * keysPerItem + (slot + 1) * c.tokens);
        }
      });
    });
    const qBuffer = upload(q);
    // Both ONNX baselines read the same GPU buffers: q, the per-item keys/values and the [B, 1, HW, T] bias.
    const sharedFeeds = {
      q: ort.Tensor.fromGpuBuffer(qBuffer, { dataType: 'float32', dims: [c.batch, pixels, channels] }),
      k: ort.Tensor.fromGpuBuffer(upload(kNaive), { dataType: 'float32', dims: [c.batch, keysPerItem, channels] }),
      v: ort.Tensor.fromGpuBuffer(upload(vNaive), { dataType: 'float32', dims: [c.batch, keysPerItem, channels] }),
      bias: ort.Tensor.fromGpuBuffer(upload(bias), { dataType: 'float32', dims: [c.batch, 1, pixels, keysPerItem] }),
    };
    const feeds = {
      ...sharedFeeds,
      heads_shape: new ort.Tensor('int64', BigInt64Array.from([0n, 0n, BigInt(c.heads), -1n]), [4]),
      scale: new ort.Tensor('float32', Float32Array.from([1 / Math.sqrt(c.headDim)]), [1]),
    };
    let naiveOut: Float32Array | undefined;
    const warmUp = iterations > 1;
    const naiveMs = await time(iterations, async () => {
      const { o } = await session.run(feeds);
      if (!naiveOut && o) naiveOut = (await o.getData()) as Float32Array;
      o?.dispose();
    }, warmUp);

    // ORT's fused attention. A refusal (shape or input the WebGPU EP does not implement) is reported, not skipped.
    let mhaOut: Float32Array | undefined;
    let mhaMs = NaN;
    let mhaError: string | undefined;
    try {
      const mha = await mhaSession(c.heads);
      mhaMs = await time(iterations, async () => {
        const { o } = await mha.run(sharedFeeds);
        if (!mhaOut && o) mhaOut = (await o.getData()) as Float32Array;
        o?.dispose();
      }, warmUp);
    } catch (error) {
      mhaError = error instanceof Error ? error.message : String(error);
      log(`${c.name}: ORT MultiHeadAttention failed: ${mhaError}`);
    }

    const rasterizer = new BlobMaskRasterizer(device);
    const maskSet = rasterizer.rasterize(blobs, [{ height: c.height, width: c.width }], { mode: 'coverage' });
    const buffers = { q: qBuffer, k: upload(k), v: upload(v), output: upload(new Float32Array(q.length)) };
    const fusedMs = {} as Record<AttentionVariant, number>;
    const entryPoints: string[] = [];
    let maxAbsDiff = 0;
    let mhaMaxAbsDiff = 0;
    for (const variant of ['direct', 'tiled'] as const) {
      const attention = new MaskedCrossAttention(device, { variant });
      const plan = attention.plan({
        batch: c.batch, pixels, heads: c.heads, headDim: c.headDim, segments, tokensPerSegment: c.tokens,
        tokenCounts: Array<number>(segments).fill(c.tokens), items, masks: siteMasks(maskSet, 0),
      });
      entryPoints.push(plan.entryPoint);
      fusedMs[variant] = await time(iterations, () => attention.run(plan, buffers), warmUp);
      const fused = await read(buffers.output, q.byteLength);
      fused.forEach((value, i) => {
        maxAbsDiff = Math.max(maxAbsDiff, Math.abs(value - (naiveOut?.[i] ?? NaN)));
        if (mhaOut) mhaMaxAbsDiff = Math.max(mhaMaxAbsDiff, Math.abs(value - (mhaOut[i] ?? NaN)));
      });
      attention.destroy();
    }
    maskSet.destroy();
    rasterizer.destroy();
    for (const buffer of [buffers.k, buffers.v, buffers.output, qBuffer]) buffer.destroy();
    for (const name of ['k', 'v', 'bias'] as const) sharedFeeds[name].gpuBuffer.destroy();
    const preferred = preferredAttentionVariant(device);
    const row: AttentionRow = {
      name: c.name, naiveMs, mhaMs, mhaError, fusedMs, preferred,
      ratio: naiveMs / fusedMs[preferred], mhaRatio: mhaMs / fusedMs[preferred],
      maxAbsDiff, mhaMaxAbsDiff: mhaOut ? mhaMaxAbsDiff : NaN,
    };
    attentionRows.push(row);
    log(`${c.name}: ORT MHA ${mhaMs.toFixed(2)} ms | naive ORT ${naiveMs.toFixed(2)} ms | fused direct ${fusedMs.direct.toFixed(2)} ms, tiled ${fusedMs.tiled.toFixed(2)} ms | MHA/fused(${preferred}) ${row.mhaRatio.toFixed(2)}×, naive/fused ${row.ratio.toFixed(2)}× | max |fused−MHA| ${row.mhaMaxAbsDiff.toExponential(1)}, |fused−naive| ${maxAbsDiff.toExponential(1)} (${iterations} it.; ${entryPoints.join(', ')})`);
  }
  await session.release();
  for (const created of mhaSessions.values()) await (await created).release();
  if (params.get('sites') === 'sd') {
    window.__kernelBench = { adapter: adapterName, features, attention: attentionRows, masks: [] };
    return;
  }

  const maskRows: MaskRow[] = [];
  const rasterizer = new BlobMaskRasterizer(device);
  for (const m of MASK_CASES) {
    const blobs = benchBlobs(m.blobs);
    const sites = m.sides.map((side) => ({ height: side, width: side }));
    const cells = m.blobs * m.sides.reduce((sum, side) => sum + side * side, 0);
    const ms = await time(Math.max(1, Math.round(m.iterations * iterationScale)), () => rasterizer.rasterize(blobs, sites, { mode: 'feather', featherWidth: 0.02 }).destroy());
    maskRows.push({ name: m.name, cells, ms, cellsPerSecond: (cells / ms) * 1000 });
    log(`masks ${m.name}: ${cells} cells in ${ms.toFixed(2)} ms = ${((cells / ms) * 1000 / 1e6).toFixed(2)} M cells/s (${((16 * cells) / ms / 1e3).toFixed(1)} M samples/s)`);
  }
  rasterizer.destroy();
  window.__kernelBench = { adapter: adapterName, features, attention: attentionRows, masks: maskRows };
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  log(`benchmark failed: ${message}`);
  window.__kernelBench = { error: message };
});
