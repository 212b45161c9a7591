// Local edits (src/engine/localEdit.ts): after a sampler step, keep the previous generation's
// latent outside the edited regions.
//
//   x' = ref · (1 − w) + x · w     per element; w = weight of the new sample at its pixel
//
// Written as two products, not ref + w·(x − ref), so that w = 0 gives ref and w = 1 gives x bit for bit.
//
// `sample` is [items, count] (the UNet input of both CFG items, equal after cfg_step), updated
// in place in every item. `reference` is the previous generation's trajectory, [steps, count];
// this step's latent starts at `referenceOffset`. `weights` is [pixels]: count = channels · pixels.

struct BlendParams {
  count: u32,
  pixels: u32,
  items: u32,
  referenceOffset: u32,
}

@group(0) @binding(0) var<storage, read_write> sample: array<f32>;
@group(0) @binding(1) var<storage, read> reference: array<f32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<uniform> params: BlendParams;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.x + gid.y * groups.x * 64u;
  if (i >= params.count) {
    return;
  }
  let r = reference[params.referenceOffset + i];
  let w = weights[i % params.pixels];
  for (var item = 0u; item < params.items; item++) {
    let k = item * params.count + i;
    sample[k] = r * (1.0 - w) + sample[k] * w;
  }
}
