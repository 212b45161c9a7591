// Runs the exported pack in onnxruntime-node (CPU) exactly as the browser engine will:
// tokenizer.json via @huggingface/tokenizers, text encoder, prelude, the UNet segments with a
// plain-JS masked attention between them (contracts.md §3), CFG + DDIM, decoder; and compares
// with the PyTorch goldens. Python has no onnxruntime here, so this is the ONNX-level check.
//
//   mkdir -p /tmp/ortnode && cd /tmp/ortnode && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-save onnxruntime-node @huggingface/tokenizers
//   NODE_PATH=/tmp/ortnode/node_modules node training/ortcheck/check_pack.mjs public/models/blobgen-tiny-shapes
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(process.env.NODE_PATH ? path.join(process.env.NODE_PATH, 'x') : import.meta.url);
const ort = require('onnxruntime-node');
const tokMod = await import(require.resolve('@huggingface/tokenizers'));
const Tokenizer = tokMod.Tokenizer ?? tokMod.default.Tokenizer;

const pack = process.argv[2];
const manifest = JSON.parse(fs.readFileSync(path.join(pack, 'manifest.json'), 'utf8'));
const session = (f) => ort.InferenceSession.create(path.join(pack, f));
const maxDiff = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const report = [];
const check = (what, d, tol) => {
  report.push(`${d <= tol ? 'ok  ' : 'FAIL'} ${what}: max abs diff ${d.toExponential(2)} (tol ${tol})`);
  if (d > tol) process.exitCode = 1;
};

function loadGolden(name) {
  const meta = JSON.parse(fs.readFileSync(path.join(pack, 'goldens', `${name}.json`), 'utf8'));
  const buf = fs.readFileSync(path.join(pack, 'goldens', meta.binary));
  const t = {};
  for (const [k, e] of Object.entries(meta.tensors)) {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const ab = buf.buffer.slice(buf.byteOffset + e.offset, buf.byteOffset + e.offset + 4 * n);
    t[k] = { data: e.dtype === 'int32' ? new Int32Array(ab) : new Float32Array(ab), shape: e.shape };
  }
  return { meta, t };
}

// contracts.md §3 for one site; q [B, HW, C], k/v [S, L, C]
function maskedAttention(q, B, HW, C, k, v, L, counts, entries, masks, heads) {
  const d = C / heads, out = new Float32Array(B * HW * C);
  for (let n = 0; n < B; n++) for (let j = 0; j < HW; j++) for (let h = 0; h < heads; h++) {
    const logits = [], vals = [];
    for (const [s, m] of entries[n]) {
      const w = m < 0 ? 1 : masks[m * HW + j];
      if (w === 0) continue;
      for (let t = 0; t < counts[s]; t++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += q[(n * HW + j) * C + h * d + c] * k[(s * L + t) * C + h * d + c];
        logits.push(dot / Math.sqrt(d) + Math.log(w));
        vals.push((s * L + t) * C + h * d);
      }
    }
    const mx = Math.max(...logits);
    const p = logits.map((x) => Math.exp(x - mx));
    const z = p.reduce((a, b) => a + b, 0);
    for (let c = 0; c < d; c++) {
      let acc = 0;
      for (let i = 0; i < p.length; i++) acc += p[i] * v[vals[i] + c];
      out[(n * HW + j) * C + h * d + c] = acc / z;
    }
  }
  return out;
}

// The benchmark-only monolithic UNet: keys = each item's entries' token slots, additive bias log w.
let monoSession;
async function monolithic(sample, timestep, t, entries, counts, S) {
  monoSession ??= await session(manifest.unet.monolithic.file);
  const D = t.cond.shape[2], N = Math.max(...entries.map((e) => e.length)) * L, B = entries.length;
  const cond = new Float32Array(B * N * D);
  const feeds = { sample, timestep };
  const bias = {};
  for (const r of [32, 16, 8]) bias[r] = new Float32Array(B * r * r * N).fill(-Infinity);
  entries.forEach((ent, b) => ent.forEach(([s, m], j) => {
    cond.set(t.cond.data.subarray(s * L * D, (s + 1) * L * D), (b * N + j * L) * D);
    for (const r of [32, 16, 8]) for (let p = 0; p < r * r; p++) for (let k = 0; k < counts[s]; k++) {
      bias[r][(b * r * r + p) * N + j * L + k] = Math.log(m < 0 ? 1 : t[`mask${r}`].data[m * r * r + p]);
    }
  }));
  feeds.cond = F(cond, [B, N, D]);
  for (const [r, n] of Object.entries(manifest.unet.monolithic.inputs.biasByResolution)) feeds[n] = F(bias[r], [B, r * r, N]);
  return (await monoSession.run(feeds))[manifest.unet.monolithic.output].data;
}

const tokenizer = new Tokenizer(JSON.parse(fs.readFileSync(path.join(pack, manifest.tokenizer.file), 'utf8')), {});
const L = manifest.tokenizer.maxTokensPerSegment;
const te = await session(manifest.textEncoder.file);
const prelude = await session(manifest.prelude.file);
const segs = await Promise.all(manifest.unet.segments.map((s) => session(s.file)));
const decoder = await session(manifest.decoder.file);
const sched = JSON.parse(fs.readFileSync(path.join(pack, 'goldens', 'scheduler.json'), 'utf8'));
const F = (data, dims) => new ort.Tensor('float32', data, dims);

for (const name of ['golden0', 'golden1', 'golden2']) {
  const { meta, t } = loadGolden(name);
  const texts = ['', meta.caption, ...meta.blobs.map((b) => b.description)];
  const S = texts.length;
  const ids = new BigInt64Array(S * L);
  texts.forEach((txt, s) => {
    const enc = tokenizer.encode(txt).ids.slice(0, L);
    enc.forEach((id, i) => { ids[s * L + i] = BigInt(id); });
  });
  check(`${name} tokenizer ids`, maxDiff(Array.from(ids, Number), Array.from(t.input_ids.data)), 0);
  const cond = (await te.run({
    input_ids: new ort.Tensor('int64', ids, [S, L]),
    attention_mask: F(t.attention_mask.data, [S, L]),
    blob_params: F(t.blob_params.data, [S, 5]),
    segment_kind: F(t.segment_kind.data, [S]),
  })).cond;
  check(`${name} text encoder`, maxDiff(cond.data, t.cond.data), 1e-4);
  const kv = await prelude.run({ cond: F(t.cond.data, t.cond.shape) });
  for (const o of manifest.prelude.outputs) check(`${name} prelude ${o}`, maxDiff(kv[o].data, t[o].data), 1e-4);

  const counts = Array.from({ length: S }, (_, s) => t.attention_mask.data.slice(s * L, s * L + L).reduce((a, b) => a + b, 0));
  const entries = [[[0, -1]], [[1, -1], ...meta.blobs.map((_, i) => [2 + i, i])]];
  const g = meta.settings.guidance, ts = sched.timesteps, A = sched.alphasCumprod;
  let x = Float32Array.from(t.initial_noise.data);
  let segMs = 0;
  const n = x.length;
  for (let step = 0; step < ts.length; step++) {
    const pool = { sample: F(Float32Array.of(...x, ...x), [2, 12, 32, 32]), timestep: F(new Float32Array([ts[step], ts[step]]), [2]) };
    for (let i = 0; i < segs.length; i++) {
      const feeds = Object.fromEntries(manifest.unet.segments[i].inputs.map((k) => [k, pool[k]]));
      const t0 = performance.now();
      Object.assign(pool, await segs[i].run(feeds));
      segMs += performance.now() - t0;
      const site = manifest.unet.sites[i];
      if (!site) continue;
      const q = pool[site.query], [B, HW, C] = q.dims, r = site.resolution[0];
      const a = maskedAttention(q.data, B, HW, C, kv[site.key].data, kv[site.value].data, kv[site.key].dims[1], counts, entries,
        t[`mask${r}`].data, site.heads);
      pool[site.output] = F(a, [B, HW, C]);
      if (step === 0 && t[`step0_site${i}_q`]) {
        check(`${name} step0 site${i} query`, maxDiff(q.data, t[`step0_site${i}_q`].data), 1e-4);
        check(`${name} step0 site${i} attention`, maxDiff(a, t[`step0_site${i}_attn`].data), 1e-4);
      }
    }
    const mo = pool[manifest.unet.output].data;
    if (step === 0) {
      check(`${name} step0 model output`, maxDiff(mo, t.step0_model_output.data), 1e-4);
      const mono = await monolithic(pool.sample, pool.timestep, t, entries, counts, S);
      check(`${name} step0 monolithic (bench) model output`, maxDiff(mono, t.step0_model_output.data), 1e-4);
    }
    // CFG + DDIM (v-prediction, trailing spacing, x0 clipped, eta 0), in float64 like the reference
    const at = A[ts[step]], ap = step + 1 < ts.length ? A[ts[step + 1]] : 1.0;
    const nx = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const v = mo[i] + g * (mo[n + i] - mo[i]);
      const x0 = Math.min(1, Math.max(-1, Math.sqrt(at) * x[i] - Math.sqrt(1 - at) * v));
      const eps = Math.sqrt(at) * v + Math.sqrt(1 - at) * x[i];
      nx[i] = Math.sqrt(ap) * x0 + Math.sqrt(1 - ap) * eps;
    }
    x = nx;
  }
  report.push(`     ${name}: UNet segments took ${(segMs / 1000).toFixed(2)} s for ${ts.length} steps at batch 2 (onnxruntime-node CPU)`);
  check(`${name} final latent after ${ts.length} steps`, maxDiff(x, t.final_latent.data), 2e-3);
  const img = (await decoder.run({ latent: F(t.final_latent.data, [1, 12, 32, 32]) })).image;
  check(`${name} decoder`, maxDiff(img.data, t.image.data), 1e-6);
}
console.log(report.join('\n'));
