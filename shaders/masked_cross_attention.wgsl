// Fused masked cross-attention (docs/contracts.md §3) for one UNet site:
//
//   out[n, j, head] = Σ_keys softmax_k(q_j·k/√d + log w) · v,   w = s · (1 (mask −1) or mask[m, j])
//
// over the valid tokens of the segments listed for batch item n; keys with w = 0 are excluded.
// s is the entry's strength (a blob's per-step weight: log s is an additive log-weight on its
// keys, 0 switches the blob off); the host rewrites the small entry table between steps.
// Online (flash-style) softmax: a running max and sum per query, so the HW×T score matrix is
// never materialised and exp() never overflows.
//
// Two entry points over the same bindings:
//  * main_tiled: for real GPUs. A workgroup owns 64 pixels of one head and item; it first finds
//    which segments are visible anywhere in its tile (segments with an all-zero mask tile are
//    skipped by the whole workgroup), then streams each segment's K/V through workgroup memory in
//    tiles sized to the head width, so every K/V element is read from global memory once per tile.
//  * main_direct: barrier-free, one invocation per (pixel, head, item) reading K/V straight from
//    storage. Software rasterisers (SwiftShader) run barriers ~9x slower than plain loads, so the
//    host picks this one on fallback adapters. It skips masked-out segments per pixel.
//  * main_direct32: main_direct for d = 32 (the default pack's head width) with the query and
//    accumulator in named vec4 registers: SwiftShader keeps private arrays in per-lane memory,
//    and this path measured ~2x faster there.
// Head dim d must be a multiple of 4 (vec4 loads) and ≤ 4·MAX_HEAD_DIM4 = 160.

struct AttentionParams {
  pixels: u32,          // HW of this site
  heads: u32,
  channels4: u32,       // heads · d / 4: row stride of Q, K, V and out in vec4s
  tokensPerSegment: u32,// L: padded length of each K/V segment
  maskOffset: u32,      // first element of this site's float32[nBlobs, HW] masks
  scale: f32,           // 1 / √d
  tileTokens: u32,      // main_tiled: tokens per K/V tile = min(MAX_TILE_TOKENS, KV_TILE_VEC4 / HEAD_DIM4)
}

struct SegmentEntry {
  segment: u32, // index into K/V's segment axis
  mask: i32,    // blob mask index, or −1 = visible everywhere
  tokens: u32,  // valid tokens of that segment (the rest is padding, never attended)
  strength: f32,// multiplies the mask weight: 1 = as drawn, 0 = excluded, 2 = +log 2 on every logit
}

struct BatchItem {
  firstEntry: u32,
  entryCount: u32,
}

const MAX_HEAD_DIM4: u32 = 40u;
// Head dim / 4, fixed per pipeline: constant loop bounds let compilers unroll the per-channel
// loops and keep query/acc in registers (a model has one or two head widths, so few pipelines).
override HEAD_DIM4: u32 = 8u;
const TILE_PIXELS: u32 = 64u;
const KV_TILE_VEC4: u32 = 320u;    // 5 KiB each for K and V: fits the 16 KiB default limit
const MAX_TILE_TOKENS: u32 = 40u;  // KV_TILE_VEC4 / (32 / 4): the smallest supported head dim
const MAX_ENTRIES: u32 = 128u;     // segments per batch item (caption + ≥ 32 blobs)
const NEG_HUGE: f32 = -3.0e38;     // running-max seed: exp(NEG_HUGE - s) underflows to 0

@group(0) @binding(0) var<storage, read> q: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> k: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> v: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> masks: array<f32>;
@group(0) @binding(4) var<storage, read> entries: array<SegmentEntry>;
@group(0) @binding(5) var<storage, read> items: array<BatchItem>;
@group(0) @binding(6) var<storage, read_write> out: array<vec4<f32>>;
@group(0) @binding(7) var<uniform> params: AttentionParams;

/** The weight of an entry at a pixel: its strength times its mask (1 for always-visible segments). */
fn entryWeight(entry: SegmentEntry, pixel: u32) -> f32 {
  if (entry.mask < 0) {
    return entry.strength;
  }
  return entry.strength * masks[params.maskOffset + u32(entry.mask) * params.pixels + pixel];
}

fn firstChannel(segment: u32, token: u32, head: u32) -> u32 {
  return (segment * params.tokensPerSegment + token) * params.channels4 + head * HEAD_DIM4;
}

// ---------------------------------------------------------------- barrier-free variant

@compute @workgroup_size(TILE_PIXELS)
fn main_direct(@builtin(global_invocation_id) gid: vec3<u32>) {
  let pixel = gid.x;
  let head = gid.y;
  let item = items[gid.z];
  if (pixel >= params.pixels) {
    return;
  }
  let d4 = HEAD_DIM4;
  let rowBase = (gid.z * params.pixels + pixel) * params.channels4 + head * d4;
  var query: array<vec4<f32>, MAX_HEAD_DIM4>;
  var acc: array<vec4<f32>, MAX_HEAD_DIM4>;
  for (var c = 0u; c < d4; c++) {
    query[c] = q[rowBase + c] * params.scale;
    acc[c] = vec4<f32>(0.0);
  }
  var runMax = NEG_HUGE;
  var runSum = 0.0;
  for (var e = item.firstEntry; e < item.firstEntry + item.entryCount; e++) {
    let entry = entries[e];
    let weight = entryWeight(entry, pixel);
    if (!(weight > 0.0)) {
      continue; // excluded here: this pixel is outside the blob
    }
    let logWeight = log(weight);
    for (var t = 0u; t < entry.tokens; t++) {
      let base = firstChannel(entry.segment, t, head);
      var score = 0.0;
      for (var c = 0u; c < d4; c++) {
        score += dot(query[c], k[base + c]);
      }
      score += logWeight;
      // Branch-free update (two exp per key): SIMD lanes of a software rasteriser stay converged.
      let newMax = max(runMax, score);
      let correction = exp(runMax - newMax);
      let p = exp(score - newMax);
      runMax = newMax;
      runSum = runSum * correction + p;
      for (var c = 0u; c < d4; c++) {
        acc[c] = acc[c] * correction + p * v[base + c];
      }
    }
  }
  let inverse = 1.0 / runSum;
  for (var c = 0u; c < d4; c++) {
    out[rowBase + c] = acc[c] * inverse;
  }
}

// ---------------------------------------------------------------- barrier-free, d = 32

@compute @workgroup_size(TILE_PIXELS)
fn main_direct32(@builtin(global_invocation_id) gid: vec3<u32>) {
  let pixel = gid.x;
  let head = gid.y;
  let item = items[gid.z];
  if (pixel >= params.pixels) {
    return;
  }
  let r = (gid.z * params.pixels + pixel) * params.channels4 + head * 8u;
  let s = params.scale;
  let q0 = q[r] * s; let q1 = q[r + 1u] * s; let q2 = q[r + 2u] * s; let q3 = q[r + 3u] * s;
  let q4 = q[r + 4u] * s; let q5 = q[r + 5u] * s; let q6 = q[r + 6u] * s; let q7 = q[r + 7u] * s;
  var a0 = vec4<f32>(0.0); var a1 = vec4<f32>(0.0); var a2 = vec4<f32>(0.0); var a3 = vec4<f32>(0.0);
  var a4 = vec4<f32>(0.0); var a5 = vec4<f32>(0.0); var a6 = vec4<f32>(0.0); var a7 = vec4<f32>(0.0);
  var runMax = NEG_HUGE;
  var runSum = 0.0;
  for (var e = item.firstEntry; e < item.firstEntry + item.entryCount; e++) {
    let entry = entries[e];
    let weight = entryWeight(entry, pixel);
    if (!(weight > 0.0)) {
      continue;
    }
    let logWeight = log(weight);
    for (var t = 0u; t < entry.tokens; t++) {
      let b = firstChannel(entry.segment, t, head);
      let score = dot(q0, k[b]) + dot(q1, k[b + 1u]) + dot(q2, k[b + 2u]) + dot(q3, k[b + 3u])
        + dot(q4, k[b + 4u]) + dot(q5, k[b + 5u]) + dot(q6, k[b + 6u]) + dot(q7, k[b + 7u]) + logWeight;
      let newMax = max(runMax, score);
      let c = exp(runMax - newMax);
      let p = exp(score - newMax);
      runMax = newMax;
      runSum = runSum * c + p;
      a0 = a0 * c + p * v[b]; a1 = a1 * c + p * v[b + 1u]; a2 = a2 * c + p * v[b + 2u]; a3 = a3 * c + p * v[b + 3u];
      a4 = a4 * c + p * v[b + 4u]; a5 = a5 * c + p * v[b + 5u]; a6 = a6 * c + p * v[b + 6u]; a7 = a7 * c + p * v[b + 7u];
    }
  }
  let inv = 1.0 / runSum;
  out[r] = a0 * inv; out[r + 1u] = a1 * inv; out[r + 2u] = a2 * inv; out[r + 3u] = a3 * inv;
  out[r + 4u] = a4 * inv; out[r + 5u] = a5 * inv; out[r + 6u] = a6 * inv; out[r + 7u] = a7 * inv;
}

// ---------------------------------------------------------------- tiled variant (real GPUs)

var<workgroup> kTile: array<vec4<f32>, KV_TILE_VEC4>;
var<workgroup> vTile: array<vec4<f32>, KV_TILE_VEC4>;
var<workgroup> liveBits: array<atomic<u32>, 4>;  // MAX_ENTRIES / 32 words: entry visible in this tile
var<workgroup> liveWords: array<u32, 4>;

@compute @workgroup_size(TILE_PIXELS)
fn main_tiled(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let pixel = wid.x * TILE_PIXELS + lid;
  let head = wid.y;
  let item = items[wid.z];
  let inRange = pixel < params.pixels;
  let d4 = HEAD_DIM4;
  let rowBase = (wid.z * params.pixels + pixel) * params.channels4 + head * d4;
  var query: array<vec4<f32>, MAX_HEAD_DIM4>;
  var acc: array<vec4<f32>, MAX_HEAD_DIM4>;
  var scores: array<f32, MAX_TILE_TOKENS>;
  for (var c = 0u; c < d4; c++) {
    acc[c] = vec4<f32>(0.0);
    query[c] = vec4<f32>(0.0);
    if (inRange) {
      query[c] = q[rowBase + c] * params.scale;
    }
  }

  // Which entries does any pixel of this tile see? (whole-tile skip of masked-out segments)
  if (lid < 4u) {
    atomicStore(&liveBits[lid], 0u);
  }
  workgroupBarrier();
  if (inRange) {
    for (var e = 0u; e < item.entryCount; e++) {
      if (entryWeight(entries[item.firstEntry + e], pixel) > 0.0) {
        atomicOr(&liveBits[e / 32u], 1u << (e % 32u));
      }
    }
  }
  workgroupBarrier();
  if (lid < 4u) {
    liveWords[lid] = atomicLoad(&liveBits[lid]);
  }

  var runMax = NEG_HUGE;
  var runSum = 0.0;
  for (var e = 0u; e < item.entryCount; e++) {
    // workgroupUniformLoad: a barrier plus a value the compiler knows is uniform, so the skip
    // below keeps the barriers inside the loop in uniform control flow.
    let word = workgroupUniformLoad(&liveWords[e / 32u]);
    if (((word >> (e % 32u)) & 1u) == 0u) {
      continue;
    }
    let entry = entries[item.firstEntry + e];
    var weight = 0.0;
    if (inRange) {
      weight = entryWeight(entry, pixel);
    }
    let logWeight = log(max(weight, 1e-38));
    for (var t0 = 0u; t0 < entry.tokens; t0 += params.tileTokens) {
      let count = min(params.tileTokens, entry.tokens - t0);
      for (var i = lid; i < count * d4; i += TILE_PIXELS) {
        let src = firstChannel(entry.segment, t0 + i / d4, head) + i % d4;
        kTile[i] = k[src];
        vTile[i] = v[src];
      }
      workgroupBarrier();
      if (weight > 0.0) {
        var tileMax = runMax;
        for (var t = 0u; t < count; t++) {
          var score = 0.0;
          for (var c = 0u; c < d4; c++) {
            score += dot(query[c], kTile[t * d4 + c]);
          }
          scores[t] = score + logWeight;
          tileMax = max(tileMax, scores[t]);
        }
        let correction = exp(runMax - tileMax);
        runSum *= correction;
        for (var c = 0u; c < d4; c++) {
          acc[c] *= correction;
        }
        runMax = tileMax;
        for (var t = 0u; t < count; t++) {
          let p = exp(scores[t] - runMax);
          runSum += p;
          for (var c = 0u; c < d4; c++) {
            acc[c] += p * vTile[t * d4 + c];
          }
        }
      }
      workgroupBarrier();
    }
  }
  if (inRange) {
    let inverse = 1.0 / runSum;
    for (var c = 0u; c < d4; c++) {
      out[rowBase + c] = acc[c] * inverse;
    }
  }
}
