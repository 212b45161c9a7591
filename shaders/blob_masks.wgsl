// Blob mask rasteriser (docs/contracts.md §1–§2): every blob at every cross-attention site in
// ONE dispatch, written straight into the layout the attention kernel reads:
//   masks[site.offset + blob·h·w + row·w + col]   (per site float32[nBlobs, h, w], row-major).
// One invocation per output cell, so the kernel needs no workgroup memory and no barriers
// (fast on SwiftShader and on real GPUs alike: it is a pure per-cell map).
//
// The arithmetic order follows training/blobgen/masks.py so that float32 rounding agrees; the
// host precomputes cos/sin (WGSL's trig is only accurate to ~2^-11) and the squared axes.

struct BlobParams {
  center: vec2<f32>,      // (cx, cy), fractions of the image, y down
  cosSin: vec2<f32>,      // (cos θ, sin θ) rounded to float32 on the host
  axesSquared: vec2<f32>, // (a², b²) in float32
  featherScale: f32,      // min(a, b) / f when the blob has a soft edge (its own or the pack's feather width), else 0
  valid: u32,             // 0: a ≤ 0, b ≤ 0 or non-finite → the blob covers nothing
}

struct MaskSite {
  height: u32,
  width: u32,
  offset: u32, // first element of this site's [nBlobs, h, w] block (a multiple of 64: 256-byte aligned)
  cells: u32,  // nBlobs · h · w
}

struct MaskParams {
  blobCount: u32,
  siteCount: u32,
  mode: u32,        // 0 = coverage, 1 = hard, 2 = feather (then every blob has featherScale > 0)
  totalCells: u32,  // one past the last element of the last site
}

const MODE_COVERAGE: u32 = 0u;
const MODE_HARD: u32 = 1u;
const WORKGROUP: u32 = 64u;

@group(0) @binding(0) var<storage, read> blobs: array<BlobParams>;
@group(0) @binding(1) var<storage, read> sites: array<MaskSite>;
@group(0) @binding(2) var<storage, read_write> masks: array<f32>;
@group(0) @binding(3) var<uniform> params: MaskParams;

fn rho2(blob: BlobParams, x: f32, y: f32) -> f32 {
  let dx = x - blob.center.x;
  let dy = y - blob.center.y;
  let pu = dx * blob.cosSin.x + dy * blob.cosSin.y;
  let pv = -dx * blob.cosSin.y + dy * blob.cosSin.x;
  return (pu * pu) / blob.axesSquared.x + (pv * pv) / blob.axesSquared.y;
}

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  // 2-D dispatch so that more than 65535 workgroups' worth of cells fit in one call.
  let index = gid.x + gid.y * groups.x * WORKGROUP;
  if (index >= params.totalCells) {
    return;
  }
  // Few sites (≤ ~8): a linear scan is cheaper than any indirection.
  var siteIndex = 0u;
  var found = false;
  for (var s = 0u; s < params.siteCount; s++) {
    let site = sites[s];
    if (index >= site.offset && index < site.offset + site.cells) {
      siteIndex = s;
      found = true;
      break;
    }
  }
  if (!found) {
    return; // alignment padding between sites
  }
  let site = sites[siteIndex];
  let local = index - site.offset;
  let plane = site.height * site.width;
  let blob = blobs[local / plane];
  let cell = local % plane;
  let row = cell / site.width;
  let col = cell % site.width;
  if (blob.valid == 0u) {
    masks[index] = 0.0;
    return;
  }
  let w = f32(site.width);
  let h = f32(site.height);
  var inside = 0u;
  var featherSum = 0.0;
  for (var j = 0u; j < 4u; j++) {
    let y = (f32(row) + (f32(j) + 0.5) / 4.0) / h;
    for (var i = 0u; i < 4u; i++) {
      let x = (f32(col) + (f32(i) + 0.5) / 4.0) / w;
      let r2 = rho2(blob, x, y);
      if (r2 <= 1.0) {
        inside += 1u;
      }
      if (blob.featherScale > 0.0) { // same blob across most of a workgroup: no sqrt for hard edges
        featherSum += clamp(0.5 + (1.0 - sqrt(r2)) * blob.featherScale, 0.0, 1.0);
      }
    }
  }
  // A soft-edged blob (feather mode, or its own feather width) ignores the pack's hard/coverage mode.
  var value: f32;
  if (blob.featherScale > 0.0) {
    value = featherSum / 16.0;
  } else if (params.mode == MODE_COVERAGE) {
    value = f32(inside) / 16.0;
  } else {
    value = select(0.0, 1.0, inside >= 8u);
  }
  masks[index] = value;
}
