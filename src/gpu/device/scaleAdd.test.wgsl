// Smallest useful kernel: out[i] = a[i] * scale + b[i]. The browser test layer's proof that WGSL
// runs and reads back correct data on whatever adapter the test browser has.
struct Params {
  scale: f32,
  count: u32,
}

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) {
    return;
  }
  out[i] = a[i] * params.scale + b[i];
}
