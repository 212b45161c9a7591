// Classifier-free guidance + one sampler step, fused (docs/contracts.md §6).
//
//   out   = uncond + g · (cond − uncond)          (model output of batch items 0 and 1)
//   x̂0    = clamp(a·x + b·out, −clip, clip)
//   ε̂     = c·x + d·out
//   x'    = e·x + f·x̂0 + k·ε̂ + p·x̂0_prev + s·z      (z: this step's fresh N(0,1) noise)
//
// Every supported sampler reduces to these scalars (src/engine/schedulers/stepCoefficients.ts).
// `sample` holds the UNet input for both batch items, [2, n]: x is read from the first half and
// x' is written to both halves, so the next step's input is ready with no copy. `prevX0` is read
// then overwritten with this step's x̂0 (multistep samplers). `noise` holds z for stochastic
// samplers (Euler Ancestral, LCM) and is not read when s = 0: a buffer never filled may hold
// NaN, and 0·NaN would poison the sample.

struct StepParams {
  count: u32,
  guidance: f32,
  x0FromX: f32,
  x0FromOut: f32,
  clip: f32,
  epsFromX: f32,
  epsFromOut: f32,
  nextFromX: f32,
  nextFromX0: f32,
  nextFromEps: f32,
  nextFromPrevX0: f32,
  hasUncond: u32,   // 0: the model ran one item (guidance off); out = that item
  nextFromNoise: f32,
}

@group(0) @binding(0) var<storage, read> modelOut: array<f32>;
@group(0) @binding(1) var<storage, read_write> sample: array<f32>;
@group(0) @binding(2) var<storage, read_write> prevX0: array<f32>;
@group(0) @binding(3) var<uniform> params: StepParams;
@group(0) @binding(4) var<storage, read> noise: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.x + gid.y * groups.x * 64u;
  if (i >= params.count) {
    return;
  }
  var out: f32;
  if (params.hasUncond == 1u) {
    let u = modelOut[i];
    out = u + params.guidance * (modelOut[params.count + i] - u);
  } else {
    out = modelOut[i];
  }
  let x = sample[i];
  let x0 = clamp(params.x0FromX * x + params.x0FromOut * out, -params.clip, params.clip);
  let eps = params.epsFromX * x + params.epsFromOut * out;
  var next = params.nextFromX * x + params.nextFromX0 * x0 + params.nextFromEps * eps + params.nextFromPrevX0 * prevX0[i];
  if (params.nextFromNoise != 0.0) {
    next += params.nextFromNoise * noise[i];
  }
  prevX0[i] = x0;
  sample[i] = next;
  if (params.hasUncond == 1u) {
    sample[params.count + i] = next;
  }
}
